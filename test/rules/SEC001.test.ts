import { py, ruleTester } from './rule-tester';

ruleTester('SEC001', {
  valid: [
    { name: 'obvious dummies bound to secret names', code: py`
      password = 'password'
      token = 'fake-token'
      api_key = 'changeme'
      client = Client(user='admin', password='secret123')
    ` },
    { name: "AWS's documented example key, and a hand-typed one", code: py`
      KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
      OTHER = 'AKIAABCDEFGHIJKLMNOP'
    ` },
    { name: 'a private key header around a stub', code: py`
      PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----'
    ` },
    // From the precision fixture (OpenStack style): a truncated test key bound to a TEST_ name.
    { name: 'a key block whose body is elided, bound to a test name', code: py`
      TEST_PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
      MIIEowIBAAKCAQEAx1vSa1YPxh3nJ8fC+KXq7VW3k5J9gG0vT2pQ8eN6h1ZbW3yR
      ...
      -----END RSA PRIVATE KEY-----"""
    ` },
    { name: 'a full throwaway key bound to a fake name', code: py`
      def get_fake_ssh_private_key():
          return None
      FAKE_SSH_PRIVATE_KEY = (
          '-----BEGIN RSA PRIVATE KEY-----\\n'
          'UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkpr'
          'qW1xN8vR3zT6yB9cF2hL5mP0sK4jD7gA1eX3uQ8oI6wZ2nV5bC9tR7yH4kM1pL0s'
          '\\n-----END RSA PRIVATE KEY-----'
      )
    ` },
    { name: 'names that point at a secret rather than hold one', code: py`
      token_url = 'https://keystone.example.org:5000/v3/auth/tokens/x9Qz'
      password_file = '/etc/app/Zx8kQ2vL9mWp4rT7yB3n'
    ` },
    { name: 'identifiers, UUIDs and words are not random secrets', code: py`
      token = '4f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a098'
      auth_token = 'keystone_admin_token_v3'
      request_id = 'req-8f3kD9s0Lq2mZ7xV1bN4'
    ` },
    { name: 'the name says the value is made up', code: py`
      SAMPLE_ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Xk9vQ2mP7rL4tW8z'
      wrong_password = 'Zx8kQ2vL9mWp4rT7yB3n'
    ` },
    { name: 'values read at run time', code: py`
      import os
      password = os.environ['DB_PASSWORD']
      token = f'{prefix}-Zx8kQ2vL9mWp4rT7yB3n'
    ` },
    // From the precision fixture (OpenStack style): a fixed signing key handed to the code under test.
    { name: 'a random-looking test vector passed inline by a test', code: py`
      from oslotest import base
      class CryptoTestCase(base.BaseTestCase):
          def test_signature_with_fixed_key(self):
              signature = crypto.sign(b'payload', secret='K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=')
              self.assertEqual(44, len(signature))
    ` },
    { name: 'a sentence is not a secret', code: py`
      secret = 'the admin password rotates every 90 days'
    ` },
  ],
  invalid: [
    { name: 'AWS access key id as a keyword argument: error, range is the string', code: py`
      import boto3
      s3 = boto3.client('s3', aws_access_key_id='AKIA2E0A8F3B244C9986')
    `, errors: [{ line: 2, column: 43, endLine: 2, endColumn: 65, severity: 'error', message: 'an AWS access key id', fixTitle: null }] },
    { name: 'GitHub token in any position, not only bound to a secret name', code: py`
      headers = {'Authorization': 'token ghp_8sJ2kLmN4pQ6rT9vX1zB3dF5hJ7lN0qS2uW4'}
    `, errors: [{ line: 1, severity: 'error', message: 'a GitHub token' }] },
    { name: 'private key block with a real base64 body', code: py`
      KEY_PEM = """-----BEGIN PRIVATE KEY-----
      UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkpr
      JIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/yy6yxz4Uk0yGfuBX
      -----END PRIVATE KEY-----"""
    `, errors: [{ line: 1, column: 11, endLine: 4, endColumn: 29, severity: 'error', message: 'a private key' }] },
    { name: 'Slack token split over an implicit concatenation is judged once', code: py`
      SLACK = ('xoxb-2847561930-' '4918273645-Qz8wX3vK7mN2pL5rT9yB')
    `, errors: [{ line: 1, severity: 'error', message: 'a Slack token' }] },
    { name: 'random-looking values bound to secret names: warning', code: py`
      import unittest
      class T(unittest.TestCase):
          def setUp(self):
              self.password = 'Zx8kQ2vL9mWp4rT7yB3n'
              self.conf = {'client_secret': 'q7Fv9LmZ2xR4tY8wP1sK3dH6'}
      def connect(host, db_password='N3vErGu3ss1ngTh1sPwd42'):
          pass
      login(authToken='c2VjcmV0LWtleS1mb3ItcHJvZA')
      settings['API_KEY'] = 'a3f9c2e17b6d4f0a8e5c9b2d1f7a6e40'
    `, errors: [
      { line: 4, column: 25, endColumn: 47, severity: 'warning', message: '`password` is set to a random-looking literal (20 characters)' },
      { line: 5, severity: 'warning', message: '`client_secret`' },
      { line: 6, severity: 'warning', message: '`db_password`' },
      { line: 8, severity: 'warning', message: '`authToken`' },
      { line: 9, severity: 'warning', message: '`API_KEY`' },
    ] },
  ],
});
