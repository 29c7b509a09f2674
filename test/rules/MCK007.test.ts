import { py, ruleTester } from './rule-tester';

ruleTester('MCK007', {
  valid: [
    { name: 'the standard library', code: py`
      from unittest import mock
      from unittest.mock import patch
      import unittest.mock
    ` },
    { name: 'a Python 2 fallback after unittest.mock', code: py`
      try:
          from unittest import mock
      except ImportError:
          import mock
    ` },
    { name: 'under a version check', code: py`
      import sys
      if sys.version_info < (3, 3):
          from mock import patch
      else:
          from unittest.mock import patch
    ` },
    { name: 'a relative module named mock, and a submodule', code: py`
      from . import mock
      from .mock import FakeDriver
      from tests.mock import helpers
    ` },
  ],
  invalid: [
    { name: 'import mock, exact range and fix', code: py`
      import mock
    `, errors: [{ line: 1, column: 8, endLine: 1, endColumn: 12, severity: 'info', message: 'unittest.mock', fixTitle: 'unittest.mock' }],
    output: py`
      from unittest import mock
    ` },
    { name: 'an alias is kept', code: py`
      import mock as mocklib
    `, errors: [{ line: 1 }],
    output: py`
      from unittest import mock as mocklib
    ` },
    { name: 'from mock import names', code: py`
      from mock import patch, MagicMock as MM, call
    `, errors: [{ line: 1, column: 6, endColumn: 10 }],
    output: py`
      from unittest.mock import patch, MagicMock as MM, call
    ` },
    { name: 'from mock import mock is unittest.mock itself', code: py`
      from mock import mock
    `, errors: [{ line: 1 }],
    output: py`
      from unittest import mock
    ` },
    { name: 'no exact rewrite: other modules in one import, backport-only names', code: py`
      import os, mock
      from mock import patch, version_info
    `, errors: [{ line: 1, column: 12, fixTitle: null }, { line: 2, fixTitle: null }] },
    { name: 'the backport tried first is still the backport', code: py`
      try:
          import mock
      except ImportError:
          from unittest import mock
    `, errors: [{ line: 2 }] },
  ],
});
