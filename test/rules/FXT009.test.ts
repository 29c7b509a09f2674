import { py, ruleTester } from './rule-tester';

ruleTester('FXT009', {
  valid: [
    { name: 'well-written fixtures and tests', code: py`
      import pytest

      @pytest.fixture
      def db():
          database = make_db()
          yield database
          database.close()

      @pytest.fixture(scope='module', params=[1, 2])
      def size(request):
          return request.param

      @pytest.fixture
      def server():
          with start_server() as running:
              yield running

      @pytest.mark.usefixtures('db')
      @pytest.mark.parametrize('_case, expected', [(1, 2)])
      def test_a(size, _case, expected):
          assert size + 1 == expected
    ` },
    { name: 'imported fixture decorator with keywords', code: py`
      from pytest import fixture

      @fixture(autouse=True)
      def reset():
          clear_cache()
    ` },
    { name: 'unittest test methods and non-pytest files may have defaults', code: py`
      import unittest
      def test_main(verbose=None):
          unittest.main(verbosity=verbose)
      class T(unittest.TestCase):
          def test_a(self, _unused=1):
              self.assertTrue(True)
    ` },
    { name: 'an underscore parameter the test uses, and mocks injected by patch decorators', code: py`
      import pytest
      from unittest import mock

      def test_a(_tmp_config):
          assert _tmp_config.exists()

      @mock.patch('google.oauth2.id_token._fetch_certs', autospec=True)
      def test_b(_fetch_certs, retries=3):
          assert _fetch_certs.called
    ` },
    { name: 'a fixture named like a test is a fixture: its yield is checked, not its parameters', code: py`
      import pytest

      class TestDatasets:
          @pytest.fixture(scope='module', autouse=True)
          def test_download_all(self, _cache=None):
              download_all()
              yield
              clear()
    ` },
    { name: 'deliberate constant defaults, and an entry point named test that takes **kwargs', code: py`
      import pytest
      import numpy as np

      class TestUfunc:
          def test_binary(self, f=np.add, x=0, y=1):
              assert f(x, y) == 1

      def test(*paths, subprocess=True, _rerun=0, **kwargs):
          return run_tests(paths, subprocess, kwargs)
    ` },
    { name: 'yields more than once, or yield from, or inside a nested function', code: py`
      import pytest

      @pytest.fixture
      def values():
          yield 1
          yield 2

      @pytest.fixture
      def delegated():
          yield from other()

      @pytest.fixture
      def factory():
          def make():
              yield 1
          return make
    ` },
  ],
  invalid: [
    { name: 'empty parentheses (PT001): exact range and fix', code: py`
      import pytest

      @pytest.fixture()
      def db():
          return make_db()
    `, errors: [{ line: 3, column: 16, endLine: 3, endColumn: 18, severity: 'info', message: 'empty parentheses', fixTitle: 'parentheses' }],
      output: py`
      import pytest

      @pytest.fixture
      def db():
          return make_db()
    ` },
    { name: "positional arguments (PT002) and scope='function' (PT003) with other keywords", code: py`
      import pytest

      @pytest.fixture('module')
      def db():
          return make_db()

      @pytest.fixture(scope='function', autouse=True)
      def reset():
          clear()

      @pytest.fixture(autouse=True, scope="function")
      def reset2():
          clear()
    `, errors: [
      { line: 3, message: 'Positional arguments', fixTitle: null },
      { line: 7, column: 17, message: "`scope='function'` is the default", fixTitle: 'Remove' },
      { line: 11, message: 'default', fixTitle: 'Remove' },
    ],
      output: py`
      import pytest

      @pytest.fixture('module')
      def db():
          return make_db()

      @pytest.fixture(autouse=True)
      def reset():
          clear()

      @pytest.fixture(autouse=True)
      def reset2():
          clear()
    ` },
    { name: "scope='function' alone leaves a bare decorator", code: py`
      import pytest

      @pytest.fixture(scope='function')
      def db():
          return make_db()
    `, errors: [{ line: 3 }],
      output: py`
      import pytest

      @pytest.fixture
      def db():
          return make_db()
    ` },
    { name: 'yield_fixture (PT020) and a yield without teardown (PT022)', code: py`
      import pytest

      @pytest.yield_fixture
      def db():
          database = make_db()
          yield database
    `, errors: [
      { line: 3, message: 'yield_fixture', fixTitle: '@pytest.fixture' },
      { line: 6, column: 5, endColumn: 19, message: 'Fixture `db` has no teardown after its `yield`', fixTitle: 'return' },
    ],
      output: py`
      import pytest

      @pytest.fixture
      def db():
          database = make_db()
          return database
    ` },
    { name: 'a fixture named like a test with nothing after its yield', code: py`
      import pytest

      class TestDatasets:
          @pytest.fixture(scope='module', autouse=True)
          def test_download_all(self):
              download_all()
              yield
    `, errors: [{ line: 7, message: 'Fixture `test_download_all` has no teardown' }],
      output: py`
      import pytest

      class TestDatasets:
          @pytest.fixture(scope='module', autouse=True)
          def test_download_all(self):
              download_all()
              return
    ` },
    { name: 'no return fix for an annotated or async fixture', code: py`
      import pytest
      from typing import Iterator

      @pytest.fixture
      def db() -> Iterator[int]:
          yield 1

      @pytest.fixture
      async def conn():
          yield await connect()
    `, errors: [{ line: 6, fixTitle: null }, { line: 10, fixTitle: null }] },
    { name: 'request.addfinalizer (PT021)', code: py`
      import pytest

      @pytest.fixture
      def db(request):
          database = make_db()
          request.addfinalizer(database.close)
          return database
    `, errors: [{ line: 6, message: '`request.addfinalizer`' }] },
    { name: 'marks that do nothing: usefixtures without names (PT026), on a fixture (PT025), asyncio on a fixture (PT024)', code: py`
      import pytest

      @pytest.mark.usefixtures()
      def test_a():
          assert True

      @pytest.fixture
      @pytest.mark.usefixtures('db')
      @pytest.mark.asyncio
      async def client():
          return 1
    `, errors: [
      { line: 3, message: 'without fixture names' },
      { line: 8, message: 'no effect on a fixture' },
      { line: 9, message: '`@pytest.mark.asyncio` has no effect on a fixture' },
    ],
      output: py`
      import pytest

      def test_a():
          assert True

      @pytest.fixture
      async def client():
          return 1
    ` },
    { name: 'test parameters: an underscore fixture (PT019) and a default on a fixture name (PT028), in functions and pytest classes', code: py`
      import pytest

      @pytest.fixture
      def db():
          return make_db()

      def test_a(user, _audit_log, tmp_path=None, retries=3):
          assert user

      class TestB:
          def test_b(self, _clean_db, *, db: object = None, timeout: int = 5):
              assert True
    `, errors: [
      { line: 7, column: 18, endColumn: 28, message: "use `@pytest.mark.usefixtures('_audit_log')`" },
      { line: 7, column: 30, endColumn: 43, message: 'Test parameter `tmp_path` has a default, so pytest does not inject the `tmp_path` fixture' },
      { line: 11, message: '_clean_db' },
      { line: 11, message: '`db` fixture' },
    ] },
  ],
});
