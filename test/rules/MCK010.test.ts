import { py, ruleTester } from './rule-tester';

ruleTester('MCK010', {
  valid: [
    { name: 'the closure is called', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_a(self):
              @mock.patch('a.b')
              def _test(m):
                  m.assert_called_once_with(1)
              _test()
    ` },
    { name: 'handed over as a callback or side effect', code: py`
      from unittest import mock
      def test_x():
          def fake_get(*args):
              assert args
          with mock.patch('a.get', side_effect=fake_get):
              run()
    ` },
    { name: 'a closure that checks nothing (language tests compile such functions)', code: py`
      def test_nonlocal():
          x = 0
          def f():
              nonlocal x
    ` },
    { name: 'a decorator that may register the function', code: py`
      def test_route(app):
          @app.route('/ping')
          def ping():
              assert True
          assert app.get('/ping').ok
    ` },
    { name: 'reached through locals()', code: py`
      def test_x():
          def check():
              assert 1
          run_all(locals())
    ` },
    { name: 'nested deeper than the test body, or in a helper', code: py`
      def helper():
          def check():
              assert 1
      def test_x():
          if cond:
              def check():
                  assert 1
    ` },
  ],
  invalid: [
    { name: 'patch-decorated closure never called, exact range', code: py`
      import unittest
      from unittest import mock
      class T(unittest.TestCase):
          def test_a(self):
              @mock.patch('a.b')
              def _test(m):
                  run()
    `, errors: [{ line: 6, column: 13, endLine: 6, endColumn: 18, severity: 'error', message: '`_test` is defined inside `test_a` but never called' }] },
    { name: 'a closure with assertions, only its own recursion refers to it', code: py`
      def test_x():
          def check(n):
              assert n >= 0
              if n:
                  check(n - 1)
          run()
    `, errors: [{ line: 2 }] },
    { name: 'async closure in a pytest test', code: py`
      import asyncio
      def test_gather():
          async def one():
              assert await get() == 1
          async def two():
              assert await get() == 2
          asyncio.run(asyncio.gather(two(), two()))
    `, errors: [{ line: 3, message: '`one`' }] },
  ],
});
