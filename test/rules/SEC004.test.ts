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
    // From CPython's test_descr: language tests evaluate the code they assemble.
    { name: 'eval of a string the test assembles', code: py`
      import unittest
      class ClassPropertiesAndMethods(unittest.TestCase):
          def test_rich_comparisons(self):
              for op in '<', '<=', '==', '!=', '>', '>=':
                  self.assertEqual(eval('c[x] %s c[y]' % op), eval('x %s y' % op))
    ` },
    // From CPython's pickletester: a Pickler writes into a buffer and the test reads it back.
    { name: 'round trip through a pickler object', code: py`
      import io, pickle, unittest
      class AbstractHookTests(unittest.TestCase):
          def test_pickler_hook(self):
              bio = io.BytesIO()
              p = self.pickler_class(bio, 2)
              p.dump([f, MyClass, math.log])
              new_f, some_str, math_log = pickle.loads(bio.getvalue())
    ` },
    // From CPython's pickletester: a thread of the test unpickles bytes the test wrote.
    { name: 'literal bytes of the enclosing test used by a nested function', code: py`
      import pickle, threading
      def test_unpickle_module_race():
          pickle_bytes = (b'\\x80\\x03clocking_import\\nToBeUnpickled\\nq\\x00)\\x81q\\x01.')
          results = []
          def t():
              results.append(pickle.loads(pickle_bytes))
          threading.Thread(target=t).start()
    ` },
    // From CPython's test__xxsubinterpreters: a script run by the test pickles into a pipe it reads back.
    { name: 'data pickled by a script the test runs', code: py`
      import pickle, textwrap
      def test_with_shared(self):
          r, w = os.pipe()
          script = textwrap.dedent(f'''
              import pickle
              with open({w}, 'wb') as chan:
                  pickle.dump(ns, chan)
              ''')
          run_string(script)
          with open(r, 'rb') as chan:
              ns = pickle.load(chan)
    ` },
    // From CPython's test_marshal: bytes the test builds itself, and a C helper writing the file it reads back.
    { name: 'bytes the test constructs, and a file it writes then reads', code: py`
      import marshal, unittest
      class IntTestCase(unittest.TestCase):
          def test_int64(self):
              for base in values:
                  s = b'I' + int.to_bytes(base, 8, 'little', signed=True)
                  self.assertEqual(base, marshal.loads(s))
          def test_fuzz(self):
              for i in range(256):
                  c = bytes([i])
                  try:
                      marshal.loads(c)
                  except Exception:
                      pass
          def test_write_object_to_file(self):
              _testcapi.pymarshal_write_object_to_file(obj, TESTFN, 4)
              with open(TESTFN, 'rb') as f:
                  data = f.read()
              self.assertEqual(marshal.loads(data), obj)
    ` },
    // From CPython's test_pickle: tests named after pickling exercise the unpickler itself.
    { name: 'tests of pickle itself', code: py`
      import pickle, unittest
      class InMemoryPickleTests(unittest.TestCase):
          def loads(self, buf, **kwds):
              return pickle.loads(buf, **kwds)
    ` },
    // From CPython's test_logging: the test's server decodes what the SocketHandler under test sent.
    { name: 'a test server unpickling the wire format of the code under test', code: py`
      import pickle, struct
      class SocketHandlerTest(BaseTest):
          def handle_socket(self, request):
              conn = request.connection
              chunk = conn.recv(4)
              slen = struct.unpack('>L', chunk)[0]
              chunk = conn.recv(slen)
              obj = pickle.loads(chunk)
          def handle_datagram(self, request):
              packet = request.packet[4:]
              obj = pickle.loads(packet)
    ` },
    // From CPython's test_importlib: marshal is the format of .pyc files; loading never runs the code.
    { name: 'marshal of a pyc file', code: py`
      import marshal
      def get_code_from_pyc(pyc_path):
          with open(pyc_path, 'rb') as pyc_f:
              pyc_f.seek(16)
              return marshal.load(pyc_f)
    ` },
    // From CPython's test_getpath: exec of a Python source file of the repository, like an import.
    { name: 'exec of a Python source file of the repository', code: py`
      import pathlib
      SOURCE = (pathlib.Path(__file__).parent / "Modules/getpath.py").read_bytes()
      def getpath(ns, keys):
          exec(SOURCE, ns)
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
    { name: 'eval of text read from outside is a warning, process output included', code: py`
      import subprocess
      def test_child(r, expr):
          with open(r) as f:
              value = eval(f.read())
          text = path.read_text()
          exec(text)
          p = subprocess.Popen(cmd, stdout=subprocess.PIPE)
          stdout, stderr = p.communicate()
          names = eval(stdout.strip())
          exec('creatorFunc = _hashlib.%s' % sys.argv[2])
    `, errors: [
      { line: 4, severity: 'warning', message: 'read from outside' },
      { line: 6, severity: 'warning', message: 'read from outside' },
      { line: 9, severity: 'warning', message: 'ast.literal_eval' },
      { line: 10, severity: 'warning', message: 'read from outside' },
    ] },
  ],
});
