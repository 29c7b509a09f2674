import { py, ruleTester } from './rule-tester';

ruleTester('SEC006', {
  valid: [
    { name: 'loopback binds and requests with a timeout', code: py`
      import requests, socket
      sock = socket.socket()
      sock.bind(('127.0.0.1', 0))
      requests.get(url, timeout=5)
      requests.post(url, **options)
    ` },
    { name: 'sessions may carry a default timeout', code: py`
      import requests
      session = requests.Session()
      session.get(url)
    ` },
    // From CPython's test_wsgiref: a mock server class binds nothing.
    { name: 'make_server with a mock server class', code: py`
      from wsgiref.simple_server import make_server
      def run_amock(app):
          server = make_server("", 80, app, MockServer, MockHandler)
    ` },
    // From CPython's test_socket: the test checks what getsockname() reports for the wildcard bind.
    { name: 'the wildcard bind is what the test asserts on', code: py`
      import socket, unittest
      class GeneralModuleTests(unittest.TestCase):
          def testSockName(self):
              sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
              sock.bind(("0.0.0.0", port))
              name = sock.getsockname()
              self.assertIn(name[0], ("0.0.0.0", my_ip_addr), '%s invalid' % name[0])
    ` },
    { name: "an all-interfaces address as data, and host='' as a keyword", code: py`
      rule = {'cidr': '0.0.0.0/0'}
      default_route = '0.0.0.0'
      app.run(host='')
    ` },
  ],
  invalid: [
    { name: 'socket bind to 0.0.0.0: range is the address, unsafe fix to loopback', code: py`
      import socket
      sock = socket.socket()
      sock.bind(('0.0.0.0', 8080))
    `, errors: [{ line: 3, column: 12, endLine: 3, endColumn: 21, severity: 'info', message: "'0.0.0.0'", fixTitle: 'Bind to 127.0.0.1', unsafe: true }],
    output: py`
      import socket
      sock = socket.socket()
      sock.bind(('127.0.0.1', 8080))
    ` },
    { name: "server constructors, make_server, '' and '::' and host=", code: py`
      import http.server
      from wsgiref.simple_server import make_server
      server = http.server.HTTPServer(("", 0), Handler)
      httpd = make_server('', 8000, app)
      sock6.bind(('::', 0))
      app.run(host="0.0.0.0", port=5000)
    `, errors: [
      { line: 3, message: "''", fixTitle: 'Bind to 127.0.0.1' },
      { line: 4, message: "''" },
      { line: 5, message: "'::'", fixTitle: 'Bind to ::1' },
      { line: 6, message: "'0.0.0.0'" },
    ],
    output: py`
      import http.server
      from wsgiref.simple_server import make_server
      server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
      httpd = make_server('127.0.0.1', 8000, app)
      sock6.bind(('::1', 0))
      app.run(host="127.0.0.1", port=5000)
    ` },
    { name: 'requests calls without timeout: range is the callee, unsafe fix appends timeout', code: py`
      import requests
      r = requests.get(url)
      requests.post(
          url,
          json=body,
      )
      requests.request('DELETE', url, headers=h)
    `, errors: [
      { line: 2, column: 5, endColumn: 17, severity: 'info', message: 'without `timeout=`', fixTitle: 'timeout=10', unsafe: true },
      { line: 3 },
      { line: 7 },
    ],
    output: py`
      import requests
      r = requests.get(url, timeout=10)
      requests.post(
          url,
          json=body, timeout=10,
      )
      requests.request('DELETE', url, headers=h, timeout=10)
    ` },
    { name: 'imported function name', code: py`
      from requests import get
      get('https://example.org')
    `, errors: [{ line: 2, column: 1, endColumn: 4 }] },
  ],
});
