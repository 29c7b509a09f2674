import { py, ruleTester } from './rule-tester';

ruleTester('MCK006', {
  valid: [
    { name: 'specced or deliberate replacements', code: py`
      from unittest import mock
      @mock.patch('a.b', autospec=True)
      @mock.patch('a.c', autospec=False)
      @mock.patch('a.d', spec=Thing)
      @mock.patch.object(Thing, 'e', spec_set=True)
      @mock.patch('a.f', new_callable=mock.PropertyMock)
      @mock.patch.object(Thing, 'g', wraps=Thing.g)
      def test_x(*mocks):
          pass
    ` },
    { name: 'a replacement given by keyword or position', code: py`
      import sys, io
      from unittest import mock
      def test_x():
          with mock.patch('sys.stdout', io.StringIO()), mock.patch.object(sys, 'argv', ['prog']):
              pass
          with mock.patch('a.b', new=3):
              pass
    ` },
    { name: 'options passed through **kwargs may hold a spec', code: py`
      from unittest import mock
      def test_x(opts):
          with mock.patch('a.b', **opts):
              pass
    ` },
    { name: 'patch.dict and patch.multiple are not judged', code: py`
      import os
      from unittest import mock
      def test_x():
          with mock.patch.dict(os.environ, {'A': '1'}), mock.patch.multiple('a.B', c=mock.DEFAULT):
              pass
    ` },
  ],
  invalid: [
    { name: 'a decorator without spec, exact range and unsafe fix', code: py`
      from unittest import mock
      @mock.patch('os.kill')
      def test_stop(mock_kill):
          pass
    `, errors: [{ line: 2, column: 2, endLine: 2, endColumn: 23, severity: 'info', message: '`os.kill`', fixTitle: 'unsafe', unsafe: true }],
    output: py`
      from unittest import mock
      @mock.patch('os.kill', autospec=True)
      def test_stop(mock_kill):
          pass
    ` },
    { name: 'patch.object in a with, a trailing comma, and mocker', code: py`
      from unittest import mock
      def test_x(mocker):
          with mock.patch.object(
              Api, 'get',
              return_value=1,
          ) as get:
              pass
          mocker.patch('a.b')
    `, errors: [{ line: 3 }, { line: 8 }],
    output: py`
      from unittest import mock
      def test_x(mocker):
          with mock.patch.object(
              Api, 'get',
              return_value=1, autospec=True,
          ) as get:
              pass
          mocker.patch('a.b', autospec=True)
    ` },
    { name: 'create=True cannot take autospec: reported without a fix', code: py`
      from unittest import mock
      def test_x():
          with mock.patch('a.b', create=True):
              pass
    `, errors: [{ line: 3, fixTitle: null }] },
  ],
});
