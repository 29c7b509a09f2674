import { py, ruleTester } from './rule-tester';

ruleTester('SML012', {
  valid: [
    { name: 'a descriptive name', code: py`
      import unittest
      class VolumeAttachTest(unittest.TestCase):
          def test_a(self):
              self.assertTrue(attach())
    ` },
    { name: 'sample classes built inside a test of the runner', code: py`
      import unittest
      class LoaderTest(unittest.TestCase):
          def test_load(self):
              class MyTestCase(unittest.TestCase):
                  def test(self):
                      pass
              self.assertEqual(1, load(MyTestCase).countTestCases())
    ` },
    { name: 'not a test class', code: py`
      class MyTest:
          def __init__(self):
              self.x = 1
    ` },
  ],
  invalid: [
    { name: 'MyTestCase: range is the name', code: py`
      import unittest
      class MyTestCase(unittest.TestCase):
          def test_a(self):
              self.assertTrue(attach())
    `, errors: [{ line: 2, column: 7, endLine: 2, endColumn: 17, severity: 'info', message: '`MyTestCase` is a template name' }] },
    { name: 'pytest-style template name', code: py`
      class TestMyClass:
          def test_a(self):
              assert attach()
    `, errors: [{ line: 1 }] },
  ],
});
