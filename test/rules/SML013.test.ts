import { py, ruleTester } from './rule-tester';

ruleTester('SML013', {
  valid: [
    { name: 'short test', code: py`
      def test_a(api, flavor):
          server = api.boot(flavor)
          assert server.status == 'ACTIVE'
    ` },
    { name: 'names in nested functions and comprehensions do not count', code: py`
      def test_a():
          def fake(a, b, c, d, e, f, g, h, i, j, k):
              a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = 1
          assert run(fake, [x for x in range(3)])
    ` },
  ],
  invalid: [
    { name: 'eleven locals: range is the test name', code: py`
      def test_boot(api):
          image = api.image()
          volume = api.volume()
          network = api.network()
          subnet = api.subnet()
          port, fip = api.port(), api.fip()
          flavor = api.flavor()
          keypair = api.keypair()
          group = api.group()
          zone = api.zone()
          server = api.boot()
          assert server
    `, errors: [{ line: 1, column: 5, endLine: 1, endColumn: 14, severity: 'info', message: 'sets up 11 local variables' }] },
    { name: 'thirteen statements', code: py`
      def test_steps(api):
          api.a()
          api.b()
          api.c()
          api.d()
          api.e()
          api.f()
          if api.g():
              api.h()
              api.i()
          api.j()
          api.k()
          api.l()
          assert api.done()
    `, errors: [{ line: 1, message: 'runs 13 statements' }] },
  ],
});
