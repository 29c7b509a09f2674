import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isCollectedClass } from './test-bodies';

/** Names IDE and documentation templates give a new test class. */
const TEMPLATE_NAMES = /^(MyTestCase|MyTest|MyTests|TestMyClass|ExampleTest|ExampleTestCase|TestCase1|Test1)$/;

function check(definition: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  // Sample classes built inside a test (tests of the test runner) are data, not the file's tests.
  if (!TEMPLATE_NAMES.test(scope.name) || !isCollectedClass(scope) || scope.parent?.kind !== 'module') return;
  const name = definition.childForFieldName('name');
  if (!name) return;
  ctx.report({
    node: name,
    message: `\`${scope.name}\` is a template name: it says nothing about what the tests cover, and it shows up as such in every failure report; name the class after the behaviour or unit under test`,
  });
}

export default defineRule({
  meta: {
    id: 'SML012',
    name: 'default-test-class-name',
    family: 'SML',
    severity: 'info',
    fixable: 'no',
    summary: 'A test class still has the name an IDE template gave it (`MyTestCase`).',
    why:
      'Test reports, `-k` filters and tracebacks show the class name. `MyTestCase` tells the reader nothing ' +
      'about what broke, and usually means the file was generated and never given a second look.',
    fix: 'Name the class after what it tests: `VolumeAttachTest`, `TestQuotaLimits`.',
    bad: [
      'import unittest',
      '',
      '',
      'class MyTestCase(unittest.TestCase):',
      '    def test_attach(self):',
      '        self.assertEqual("in-use", attach_volume()["status"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class VolumeAttachTest(unittest.TestCase):',
      '    def test_attach(self):',
      '        self.assertEqual("in-use", attach_volume()["status"])',
      '',
    ].join('\n'),
    peers: ['PyNose Default Test', 'tsDetect Default Test'],
    detection:
      'Visits each top-level `class_definition` collected as a test class and matches its name against the names ' +
      'templates give (`MyTestCase`, `ExampleTest`, `TestCase1`, `Test1`...).',
  },
  visit: { class_definition: check },
});
