import { py, ruleTester } from './rule-tester';

ruleTester('ASR007', {
  valid: [
    { name: 'one statement in the block; a compound statement counts as one', code: py`
      import pytest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(KeyError):
                  d['x']
              with self.assertRaises(KeyError):
                  for key in keys:
                      d[key]
      def test_b():
          with pytest.raises(ValueError):
              # comments do not count
              f()
    ` },
    { name: 'a trailing failure guard after the raising call is harmless', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(TypeError):
                  getattr(module, attr)()
                  self.fail('did not raise')
    ` },
    { name: 'garbage collection that makes a destructor warn', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertWarns(RuntimeWarning):
                  foo()
                  support.gc_collect()
    ` },
    { name: 'a with that opens other contexts too: the setup lines need them', code: py`
      class T(unittest.TestCase):
          def test_a(self):
              with warnings.catch_warnings(), self.assertRaises(SyntaxError):
                  warnings.simplefilter('error', DeprecationWarning)
                  compile_command(source)
    ` },
    { name: 'other context managers', code: py`
      def test_b():
          with open(path) as f:
              a = f.read()
              b = f.read()
    ` },
  ],
  invalid: [
    { name: 'pytest.raises with setup inside: range is the raises call', code: py`
      import pytest
      def test_b():
          with pytest.raises(InvalidFlavor, match='disk'):
              server = create_server()
              server.resize('small')
    `, errors: [{ line: 3, column: 10, endLine: 3, endColumn: 52, severity: 'info', message: '`pytest.raises(InvalidFlavor)` wraps 2 statements' }] },
    { name: 'assertRaises with an as-name, and assertWarns (different advice)', code: py`
      import pytest
      class T(unittest.TestCase):
          def test_a(self):
              with self.assertRaises(ValueError) as cm:
                  x = 1
                  f(x)
                  g(x)
              with self.assertWarns(DeprecationWarning):
                  old = module.Old
                  self.assertIs(old, module.New)
          def test_c(self):
              with pytest.warns(UserWarning):
                  a()
                  b()
    `, errors: [
      { line: 4, message: 'wraps 3 statements: the exception may come from a setup line, and the lines after the one that raises never run' },
      { line: 8, message: /^`assertWarns\(DeprecationWarning\)` wraps 2 statements: the warning may come from a setup line; keep only/ },
      { line: 12, message: 'pytest.warns(UserWarning)' },
    ] },
  ],
});
