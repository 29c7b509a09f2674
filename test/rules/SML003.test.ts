import { py, ruleTester } from './rule-tester';

ruleTester('SML003', {
  valid: [
    { name: 'self.assert* call', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.assertEqual(1, f())
    ` },
    { name: 'plain assert in a pytest function', code: py`
      def test_a():
          assert f() == 1
    ` },
    { name: 'pytest.raises imported by name, as a with item', code: py`
      from pytest import raises
      def test_a():
          with raises(ValueError):
              f()
    ` },
    { name: 'assertRaises as a context manager', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(KeyError):
                  f()
    ` },
    { name: 'a mock assert_* call', code: py`
      from unittest import mock
      @mock.patch('a.b')
      def test_a(m):
          run()
          m.assert_called_once_with(1)
    ` },
    { name: 'assertion inside a nested def counts', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              def callback(result):
                  self.assertEqual(3, result)
              run(callback)
    ` },
    { name: 'an inherited wait helper from another module', code: py`
      from nova.tests.functional import integrated_helpers
      class T(integrated_helpers._IntegratedTestBase):
          def test_a(self):
              server = self._create_server()
              self._wait_for_state_change(server, 'ACTIVE')
    ` },
    { name: 'table-driven helper in the same class holds the assertions', code: py`
      import unittest
      class T(unittest.TestCase):
          def _run_case(self, value, expected):
              self.assertEqual(expected, parse(value))
          def test_int(self):
              self._run_case('1', 1)
    ` },
    { name: 'helper followed transitively, defined after the test', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_int(self):
              self._prepare('1')
          def _prepare(self, value):
              self._compare(value)
          def _compare(self, value):
              if parse(value) != 1:
                  self.fail('bad parse')
    ` },
    { name: 'helper in a local base class', code: py`
      import unittest
      class Base(unittest.TestCase):
          def _do(self, x):
              assert x
      class T(Base):
          def test_a(self):
              self._do(1)
    ` },
    { name: 'module-level helper function with an assert (pytest)', code: py`
      def test_a():
          _roundtrip({'a': 1})
      def _roundtrip(value):
          assert loads(dumps(value)) == value
    ` },
    { name: 'unresolved helper named like a test driver', code: py`
      from nova import test
      class T(test.TestCase):
          def test_a(self):
              self._test_boot_from_volume(image='x')
    ` },
    { name: 'an override that calls the inherited test', code: py`
      from unittest import mock
      from nova.tests import base
      class T(base.ServerTests):
          @mock.patch('a.b')
          def test_a(self, m):
              super().test_a()
    ` },
    { name: 'a hand-written failure', code: py`
      def test_a():
          if f() != 2:
              raise AssertionError('f changed')
    ` },
    { name: 'empty tests are SML002 findings, not SML003', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              pass
    ` },
    { name: 'skipped by decorator', code: py`
      import unittest
      class T(unittest.TestCase):
          @unittest.skip('flaky, bug 1')
          def test_a(self):
              run()
    ` },
    { name: 'skips itself first', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              self.skipTest('needs a GPU')
              run()
    ` },
    { name: 'xfail with raises states the outcome', code: py`
      import pytest
      @pytest.mark.xfail(raises=ZeroDivisionError)
      def test_a():
          1 / 0
    ` },
    { name: 'any expected-failure marker states the outcome', code: py`
      import pytest, unittest
      @pytest.mark.xfail(reason='bug 2')
      def test_a():
          run()
      class T(unittest.TestCase):
          @unittest.expectedFailure
          def test_b(self):
              run()
    ` },
    { name: 'project raises/warns helpers (sympy, scipy)', code: py`
      from sympy.testing.pytest import raises, warns_deprecated_sympy
      def test_a():
          raises(TypeError, lambda: bool(x > 3))
      def test_b():
          with warns_deprecated_sympy():
              old_api()
    ` },
    { name: 'a test that raises NotImplementedError states its outcome', code: py`
      def test_d9():
          raise NotImplementedError('translate D8 to FORTRAN')
    ` },
    { name: 'helpers from elsewhere named as checks or test drivers', code: py`
      import unittest
      from IPython.testing import tools as tt
      def test_profile_help():
          tt.help_all_output_test('profile')
      def test_main_path():
          tt.ipexec_validate('f.py', 'A')
      class T(unittest.TestCase):
          def test_verifymode(self):
              enum._test_simple_enum(CheckedVerifyMode, ssl.VerifyMode)
          def test_misbehaved_io(self):
              BufferedReaderTest.test_misbehaved_io(self)
          def test_until(self):
              with TracerRun(self) as tracer:
                  tracer.runcall(main)
    ` },
    { name: 'a project decorator that drives the test', code: py`
      class JumpTestCase:
          @jump_test(2, 3, [1, 3])
          def test_jump_forwards(output):
              output.append(2)
    ` },
    { name: 'doctest docstring', code: py`
      def test_pdb_display():
          """
          >>> pdb_invoke('display x')
          1
          """
    ` },
    { name: 'sample test classes built inside a test are data', code: py`
      import unittest
      class LoaderTest(unittest.TestCase):
          def test_load(self):
              class Sample(unittest.TestCase):
                  def test_one(self):
                      run()
              self.assertEqual(1, count(Sample))
    ` },
    { name: 'an assertion helper aliased inside a local helper', code: py`
      import unittest
      class T(unittest.TestCase):
          def _idempotent(self, msg, text):
              eq = self.ndiffAssertEqual
              eq(text, render(msg))
          def test_rfc2231(self):
              self._idempotent(*load('msg_33.txt'))
    ` },
    { name: 'a base-class runner told what to expect', code: py`
      from gslib.tests import testcase
      class TabCompleteTest(testcase.GsUtilIntegrationTestCase):
          def test_single_bucket(self):
              bucket = self.CreateBucket()
              self.RunGsUtilTabCompletion(['ls', bucket], expected_results=[bucket])
    ` },
    { name: 'pytest-benchmark test', code: py`
      def test_speed(benchmark):
          benchmark(sorted, range(1000))
    ` },
    { name: 'assertion method passed around by name', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_a(self):
              eq = self.assertEqual
              eq(1, f())
    ` },
    { name: 'testtools matchers and expectThat', code: py`
      import testtools
      class T(testtools.TestCase):
          def test_a(self):
              self.expectThat(f(), Equals(1))
    ` },
    { name: 'helpers that are not tests are not judged', code: py`
      import unittest
      class T(unittest.TestCase):
          def _make(self):
              return build()
    ` },
  ],
  invalid: [
    { name: 'calls only, exact range on the name', code: py`
      import unittest
      class T(unittest.TestCase):
          def test_delete(self):
              server = self.api.create_server()
              self.api.delete_server(server['id'])
    `, errors: [{ line: 3, column: 9, endLine: 3, endColumn: 20, severity: 'warning', message: '`test_delete` asserts nothing' }] },
    { name: 'local helper followed and found wanting', code: py`
      import unittest
      class T(unittest.TestCase):
          def _boot(self):
              return self.api.post_server({'name': 'x'})
          def test_boot(self):
              self._boot()
    `, errors: [{ line: 5, message: 'test_boot' }] },
    { name: 'helper recursion terminates', code: py`
      import unittest
      class T(unittest.TestCase):
          def _a(self):
              self._b()
          def _b(self):
              self._a()
          def test_x(self):
              self._a()
    `, errors: [{ line: 7 }] },
    { name: 'handing self to a fixture is plumbing, not a check', code: py`
      from nova import test
      from nova.tests import fixtures as nova_fixtures
      class T(test.TestCase):
          def test_delete(self):
              self.useFixture(nova_fixtures.CinderFixture(self))
              server = self._create_server()
              self.api.delete_server(server['id'])
    `, errors: [{ line: 4, message: '`test_delete` asserts nothing' }] },
    { name: 'a computed expected value never compared', code: py`
      def test_total():
          expected = 3
          total = add(1, 2)
    `, errors: [{ line: 1, column: 5 }] },
    { name: 'a raise in a nested fake is not a check', code: py`
      from unittest import mock
      def test_retry():
          def boom(*args):
              raise ValueError('x')
          with mock.patch('a.b', side_effect=boom):
              retry()
    `, errors: [{ line: 2 }] },
  ],
});
