import { py, ruleTester } from './rule-tester';

ruleTester('SEC002', {
  valid: [
    { name: 'verification on, or pointed at a CA bundle', code: py`
      import requests
      requests.get('https://api.example.org', verify=True, timeout=5)
      requests.get('https://api.example.org', verify='/etc/ssl/test-ca.pem', timeout=5)
    ` },
    { name: 'verify=False on calls that are not HTTP requests', code: py`
      import jsonschema
      validator.check(document, verify=False)
      build_config(verify=False)
      cache.get('key', verify=False)
    ` },
    { name: 'check_hostname=True and a default context', code: py`
      import ssl
      ctx = ssl.create_default_context(cafile='tests/ca.pem')
      ctx.check_hostname = True
    ` },
    // From CPython's test_asyncio/utils: CERT_NONE on a server means "ask no client certificate", the default.
    { name: 'server-side contexts', code: py`
      import ssl
      def simple_server_sslcontext():
          server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
          server_context.load_cert_chain(ONLYCERT, ONLYKEY)
          server_context.check_hostname = False
          server_context.verify_mode = ssl.CERT_NONE
          return server_context
      def test_accept():
          ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
          ctx.verify_mode = ssl.CERT_NONE
          sock = ssl.wrap_socket(s, server_side=True, cert_reqs=ssl.CERT_NONE)
    ` },
    // From CPython's test_poplib: a test of the library's TLS support switches checks off on purpose.
    { name: 'stdlib switches in a test of TLS support', code: py`
      import ssl, unittest
      class TestPOP3_SSLClass(unittest.TestCase):
          def test_context(self):
              ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
              ctx.check_hostname = False
              ctx.verify_mode = ssl.CERT_NONE
              self.assertRaises(ValueError, poplib.POP3_SSL, self.server.host, self.server.port, context=ctx)
    ` },
    // From CPython's test_ssl: the module tests TLS itself (one of its test classes says so).
    { name: 'stdlib switches in a file whose test classes test TLS', code: py`
      import ssl, unittest
      class SSLErrorTests(unittest.TestCase):
          pass
      class ContextTests(unittest.TestCase):
          def test_check_hostname(self):
              ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
              ctx.check_hostname = False
              ctx.verify_mode = ssl.CERT_NONE
              self.assertFalse(ctx.check_hostname)
      class SimpleBackgroundTests(unittest.TestCase):
          def test_connect(self):
              with test_wrap_socket(socket.socket(socket.AF_INET), cert_reqs=ssl.CERT_NONE) as s:
                  s.connect(self.server_addr)
    ` },
    { name: 'a verify attribute on something that is not a session', code: py`
      options.verify = False
    ` },
  ],
  invalid: [
    { name: 'requests.get(verify=False): range is the keyword argument', code: py`
      import requests
      def test_health(host):
          r = requests.get(f'https://{host}/health', verify=False, timeout=5)
    `, errors: [{ line: 3, column: 48, endLine: 3, endColumn: 60, severity: 'warning', message: '`requests.get(..., verify=False)`', fixTitle: null }] },
    { name: 'session objects and httpx clients', code: py`
      import httpx, requests
      session = requests.Session()
      session.post(url, json=body, verify=False)
      requests.Session().get(url, verify=False)
      client = httpx.Client(verify=False)
      def test_list(url):
          s = requests.Session()
          s.get(url, verify=False)
    `, errors: [{ line: 3, severity: 'warning' }, { line: 4, severity: 'warning' }, { line: 5, severity: 'warning' }, { line: 8, message: '`s.get(..., verify=False)`' }] },
    { name: 'loopback URL literals lower the finding to info', code: py`
      import requests
      requests.get('https://localhost:8443/v2', verify=False)
      requests.get(f'https://127.0.0.1:{port}/', verify=False)
      requests.get(url='https://[::1]/x', verify=False)
    `, errors: [{ line: 2, severity: 'info', message: 'loopback' }, { line: 3, severity: 'info' }, { line: 4, severity: 'info' }] },
    { name: 'unverified ssl context and CERT_NONE keyword', code: py`
      import ssl, urllib3
      ctx = ssl._create_unverified_context()
      pool = urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)
    `, errors: [{ line: 2, column: 7, endColumn: 39, message: '_create_unverified_context' }, { line: 3, message: 'CERT_NONE' }] },
    { name: 'check_hostname and verify_mode assignments: one finding for the usual pair', code: py`
      import ssl
      ctx = ssl.create_default_context()
      ctx.check_hostname = False
      ctx.verify_mode = ssl.CERT_NONE
      other = ssl.create_default_context()
      other.check_hostname = False
    `, errors: [{ line: 4, column: 1, endColumn: 32, message: '`ctx.verify_mode = CERT_NONE`' }, { line: 6, message: '`other.check_hostname = False`' }] },
    { name: 'a client helper that turns checks off: one finding, even when CERT_NONE is conditional', code: py`
      import ssl
      def simple_client_sslcontext(*, disable_verify=True):
          client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
          client_context.check_hostname = False
          if disable_verify:
              client_context.verify_mode = ssl.CERT_NONE
          return client_context
    `, errors: [{ line: 6, message: '`client_context.verify_mode = CERT_NONE`' }] },
    { name: 'requests verify=False is reported in a TLS-named test too', code: py`
      import requests, unittest
      class TestSSLEndpoints(unittest.TestCase):
          def test_insecure_health(self):
              requests.get(f'https://{self.host}/health', verify=False, timeout=5)
    `, errors: [{ line: 4, severity: 'warning' }] },
    { name: 'check_hostname=False keyword and a session-wide verify switch', code: py`
      import requests
      conn = make_connection(check_hostname=False)
      self.session.verify = False
    `, errors: [{ line: 2, message: 'any host name' }, { line: 3, message: 'every request of the session' }] },
  ],
});
