import { py, ruleTester } from './rule-tester';

ruleTester('MCK009', {
  valid: [
    { name: 'stopped by addCleanup', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              p = mock.patch('a.b')
              self.m = p.start()
              self.addCleanup(p.stop)
    ` },
    { name: 'stopped in tearDown', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              self.p = mock.patch('a.b')
              self.p.start()
          def tearDown(self):
              self.p.stop()
    ` },
    { name: 'patch.stopall anywhere in the file', code: py`
      import unittest
      from unittest import mock
      class Base(unittest.TestCase):
          def setUp(self):
              self.addCleanup(mock.patch.stopall)
      class T(Base):
          def setUp(self):
              super().setUp()
              mock.patch('a.b').start()
    ` },
    { name: 'stopall in a tearDownModule at the end of the file', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              mock.patch('a.b').start()
      def tearDownModule():
          mock.patch.stopall()
    ` },
    { name: 'a mixin without a base: the test case it joins may stop patches', code: py`
      from unittest import mock
      class TestAgentMixin(object):
          def setUp(self):
              super().setUp()
              mock.patch('a.b').start()
    ` },
    { name: 'a project base may register stopall (oslotest does)', code: py`
      from unittest import mock
      from oslotest import base
      class T(base.BaseTestCase):
          def setUp(self):
              super().setUp()
              mock.patch('a.b').start()
              p = mock.patch('a.c')
              p.start()
    ` },
    { name: 'a patcher handed elsewhere may be stopped there', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              self.patchers = []
              p = mock.patch('a.b')
              p.start()
              self.patchers.append(p)
          def tearDown(self):
              for p in self.patchers:
                  p.stop()
    ` },
    { name: 'entered with a with statement, never started', code: py`
      from unittest import mock
      def test_x():
          p = mock.patch('a.b')
          with p:
              pass
    ` },
    { name: 'fixtures and mocker clean up by themselves', code: py`
      import fixtures, unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.useFixture(fixtures.MockPatch('a.b'))
      def test_x(mocker):
          mocker.patch('a.b')
    ` },
    { name: 'not a test class', code: py`
      from unittest import mock
      class Helper:
          def start(self):
              p = mock.patch('a.b')
              p.start()
    ` },
  ],
  invalid: [
    { name: 'stopall named only in a comment does not stop anything', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          # oslotest would call mock.patch.stopall for us, but this is unittest
          def setUp(self):
              mock.patch('a.b').start()
    `, errors: [{ line: 6, message: '`a.b`' }] },
    { name: 'local patcher in setUp, exact range and fix', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              patcher = mock.patch('nova.utils.execute')
              self.mock_execute = patcher.start()  # the fake
          def test_a(self):
              pass
    `, errors: [{ line: 7, column: 29, endLine: 7, endColumn: 44, severity: 'warning', message: '`patcher` is started but never stopped: the patch of `nova.utils.execute`', fixTitle: 'self.addCleanup(patcher.stop)' }],
    output: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              super().setUp()
              patcher = mock.patch('nova.utils.execute')
              self.mock_execute = patcher.start()  # the fake
              self.addCleanup(patcher.stop)
          def test_a(self):
              pass
    ` },
    { name: 'an attribute patcher started in another method', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              self.p = mock.patch.object(Api, 'get')
          def test_a(self):
              self.p.start()
              run()
    `, errors: [{ line: 7, message: '`Api.get`' }],
    output: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              self.p = mock.patch.object(Api, 'get')
          def test_a(self):
              self.p.start()
              self.addCleanup(self.p.stop)
              run()
    ` },
    { name: 'a direct start with nothing to stop it: no fix', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def setUp(self):
              self.m = mock.patch('a.b').start()
    `, errors: [{ line: 5, fixTitle: null, message: 'stopall' }] },
    { name: 'pytest test and a pytest class: reported, no addCleanup to offer', code: py`
      import pytest
      from unittest import mock
      def test_x():
          p = mock.patch('a.b')
          p.start()
      class TestThing:
          def setup_method(self):
              self.p = mock.patch('a.c')
              self.p.start()
    `, errors: [{ line: 5, fixTitle: null }, { line: 9, fixTitle: null }] },
  ],
});
