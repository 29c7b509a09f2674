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
    { name: 'check_hostname=False keyword and a session-wide verify switch', code: py`
      import requests
      conn = make_connection(check_hostname=False)
      self.session.verify = False
    `, errors: [{ line: 2, message: 'any host name' }, { line: 3, message: 'every request of the session' }] },
  ],
});
