import { py, ruleTester } from './rule-tester';

ruleTester('FXT002', {
  valid: [
    { name: 'zero-argument super is never flagged', code: py`
      import testtools
      class T(testtools.TestCase):
          def setUp(self):
              super().setUp()
    ` },
    { name: 'super(OtherClass, self) skips an MRO level on purpose', code: py`
      class T(Base):
          def setUp(self):
              super(Base, self).setUp()
    ` },
    { name: 'inside a nested function', code: py`
      class T(Base):
          def setUp(self):
              def later():
                  super(T, self).setUp()
              later()
    ` },
    { name: 'inside a lambda or a comprehension', code: py`
      class T(Base):
          def setUp(self):
              self.hook = lambda: super(T, self).setUp()
              self.names = [super(T, self).name(i) for i in range(3)]
    ` },
    { name: 'in a staticmethod', code: py`
      class T(Base):
          @staticmethod
          def build(self):
              return super(T, self).build()
    ` },
    { name: 'second argument is not the first parameter', code: py`
      class T(Base):
          def copy(self, other):
              return super(T, other).copy()
    ` },
    { name: 'decorated class: the decorator may replace the class', code: py`
      import dataclasses
      @dataclasses.dataclass(slots=True)
      class Point(Base):
          def __post_init__(self):
              super(Point, self).__post_init__()
    ` },
  ],
  invalid: [
    { name: 'super(Cls, self).setUp(), exact range and fix', code: py`
      import testtools
      class VolumeTest(testtools.TestCase):
          def setUp(self):
              super(VolumeTest, self).setUp()
    `, errors: [{ line: 4, column: 9, endLine: 4, endColumn: 32, severity: 'info', message: 'super(VolumeTest, self)', fixTitle: 'super()' }],
      output: py`
      import testtools
      class VolumeTest(testtools.TestCase):
          def setUp(self):
              super().setUp()
    ` },
    { name: 'classmethod with cls, and __init__ outside test classes', code: py`
      class Fixture(Base):
          def __init__(self, name):
              super(Fixture, self).__init__()
          @classmethod
          def setUpClass(cls):
              super(Fixture, cls).setUpClass()
    `, errors: [{ line: 3 }, { line: 6 }],
      output: py`
      class Fixture(Base):
          def __init__(self, name):
              super().__init__()
          @classmethod
          def setUpClass(cls):
              super().setUpClass()
    ` },
  ],
});
