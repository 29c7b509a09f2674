import { py, ruleTester } from './rule-tester';

ruleTester('SEC004', {
  valid: [
    { name: 'safe loaders', code: py`
      import yaml
      a = yaml.safe_load(stream)
      b = yaml.load(stream, Loader=yaml.SafeLoader)
      c = yaml.load(stream, yaml.CSafeLoader)
      d = yaml.load_all(stream, Loader=yaml.BaseLoader)
    ` },
    { name: 'round trips the test produced itself', code: py`
      import pickle, marshal
      def test_roundtrip(obj):
          assert pickle.loads(pickle.dumps(obj)) == obj
          data = marshal.dumps(obj)
          assert marshal.loads(data) == obj
          assert eval(repr(obj)) == obj
    ` },
    { name: 'dumped to a file and read back in the same test', code: py`
      import pickle
      def test_file_roundtrip(tmp_path, obj):
          with open(tmp_path / 'o.pkl', 'wb') as f:
              pickle.dump(obj, f)
          with open(tmp_path / 'o.pkl', 'rb') as f:
              assert pickle.load(f) == obj
    ` },
    { name: 'literal bytes written into the test, directly or through a table', code: py`
      import pickle
      def test_legacy_pickles():
          dumped = b'\\x80\\x02K\\x01.'
          assert pickle.loads(dumped) == 1
          cases = [b'\\x80\\x02K\\x01.', b'\\x80\\x03K\\x01.']
          for case in cases:
              assert pickle.loads(case) == 1
    ` },
    { name: 'eval and exec of literals; exec of code the test builds', code: py`
      eval('1 + 2')
      exec('x = 1')
      exec(textwrap.dedent(source), namespace)
    ` },
    { name: 'methods that happen to be called eval/load', code: py`
      model.eval()
      json.load(stream)
      self.loader.load(path)
    ` },
  ],
  invalid: [
    { name: 'yaml.load without Loader: unsafe fix to safe_load, range is the callee', code: py`
      import yaml
      def test_inventory():
          with open('inventory.yaml') as stream:
              inventory = yaml.load(stream)
    `, errors: [{ line: 4, column: 21, endLine: 4, endColumn: 30, severity: 'warning', message: 'without a safe `Loader`', fixTitle: 'yaml.safe_load', unsafe: true }],
    output: py`
      import yaml
      def test_inventory():
          with open('inventory.yaml') as stream:
              inventory = yaml.safe_load(stream)
    ` },
    { name: 'load_all becomes safe_load_all', code: py`
      import yaml
      docs = list(yaml.load_all(text))
    `, errors: [{ line: 2, fixTitle: 'safe_load_all' }],
    output: py`
      import yaml
      docs = list(yaml.safe_load_all(text))
    ` },
    { name: 'unsafe loaders and unsafe_load have no fix', code: py`
      import yaml
      a = yaml.load(stream, Loader=yaml.Loader)
      b = yaml.unsafe_load(stream)
      from yaml import load
      c = load(stream)
    `, errors: [{ line: 2, message: 'Loader=yaml.Loader', fixTitle: null }, { line: 3, fixTitle: null }, { line: 5, fixTitle: null }] },
    { name: 'pickle and marshal of outside data, through aliases', code: py`
      import pickle as pkl
      from six.moves import cPickle
      import marshal
      def load_graph(path):
          with open(path, 'rb') as f:
              return pkl.load(f)
      blob = cPickle.loads(cache.get('k'))
      code = marshal.loads(response.content)
    `, errors: [{ line: 6, message: '`pkl.load()` runs code' }, { line: 7 }, { line: 8 }] },
    { name: 'eval of text read from outside is a warning; of a built string, info', code: py`
      def test_child(r, expr):
          with open(r) as f:
              value = eval(f.read())
          text = path.read_text()
          exec(text)
          assert eval('x %s y' % expr)
    `, errors: [
      { line: 3, severity: 'warning', message: 'read from outside' },
      { line: 5, severity: 'warning', message: 'read from outside' },
      { line: 6, severity: 'info', message: 'ast.literal_eval' },
    ] },
  ],
});
