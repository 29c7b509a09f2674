import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { definitionOf } from '../../syntax';
import type { Fix } from '../../types';
import { selfAssertCall, type SelfAssertCall } from './assert-calls';
import { plainAssertFor, pytestRaisesFor } from './plain-assert';
import { fileHasUnittestClass, hasNoBases, isPytestFile, isUsedAsBase, pytestIsImported } from './test-styles';

/**
 * The class pytest collects, written without a base: `class TestX:` in a pytest file that has no
 * TestCase class (which would make a base-less class look like a mixin) and that no other class of the
 * file extends (a mixin or shared base whose subclass may bring the TestCase).
 */
function isPytestClass(definition: Node, ctx: RuleContext): boolean {
  const name = definition.childForFieldName('name')?.text ?? '';
  if (!name.startsWith('Test') || !hasNoBases(definition)) return false;
  return isPytestFile(ctx) && !fileHasUnittestClass(ctx) && !isUsedAsBase(name, ctx);
}

/** `unittest.TestCase`'s assertion methods; `self.assert_close(...)` and the like are the class's own helpers. */
const TESTCASE_ASSERTIONS = new Set([
  'assertEqual', 'assertNotEqual', 'assertTrue', 'assertFalse', 'assertIs', 'assertIsNot', 'assertIsNone',
  'assertIsNotNone', 'assertIn', 'assertNotIn', 'assertIsInstance', 'assertNotIsInstance', 'assertRaises',
  'assertRaisesRegex', 'assertWarns', 'assertWarnsRegex', 'assertLogs', 'assertNoLogs', 'assertAlmostEqual',
  'assertNotAlmostEqual', 'assertGreater', 'assertGreaterEqual', 'assertLess', 'assertLessEqual', 'assertRegex',
  'assertNotRegex', 'assertCountEqual', 'assertMultiLineEqual', 'assertSequenceEqual', 'assertListEqual',
  'assertTupleEqual', 'assertSetEqual', 'assertDictEqual',
]);

/** Methods the class defines itself: `self.assertEqual` may be its own helper after all. */
function ownMethods(definition: Node): Set<string> {
  const names = new Set<string>();
  for (const child of definition.childForFieldName('body')?.namedChildren ?? []) {
    const method = child ? definitionOf(child) : null;
    const name = method?.type === 'function_definition' ? method.childForFieldName('name')?.text : undefined;
    if (name) names.add(name);
  }
  return names;
}

const UNSAFE_WHY = 'unsafe: `python -O` strips plain asserts, and the failure text changes';

function fixFor(assertion: SelfAssertCall, ctx: RuleContext): Fix | undefined {
  const plain = plainAssertFor(assertion);
  if (plain) return { title: `Rewrite as a plain \`assert\` (${UNSAFE_WHY})`, edits: [replaceNode(assertion.call, plain)], unsafe: true };
  const raises = pytestIsImported(ctx) ? pytestRaisesFor(assertion) : null;
  if (raises) return { title: 'Use `pytest.raises` (unsafe: the context object and failure text change)', edits: [replaceNode(assertion.call, raises)], unsafe: true };
  return undefined;
}

function check(call: Node, ctx: RuleContext): void {
  const owner = ctx.scope.method?.parent;
  if (owner?.kind !== 'class' || !owner.classFact('ASR009.pytestClass', (definition) => isPytestClass(definition, ctx))) return;
  const assertion = selfAssertCall(call);
  if (!assertion || !TESTCASE_ASSERTIONS.has(assertion.name)) return;
  if (owner.classFact('ASR009.ownMethods', ownMethods).has(assertion.name)) return;
  const instead = assertion.name.startsWith('assertRaises') ? '`pytest.raises(...)`' : 'a plain `assert`, which pytest explains on failure';
  const className = owner.classFact('ASR009.name', (definition) => definition.childForFieldName('name'));
  ctx.report({
    node: call,
    related: className ? [className] : [],
    message:
      `\`self.${assertion.name}\` in \`${owner.name}\`, a pytest class without a \`unittest.TestCase\` base: the method ` +
      `exists only if some subclass mixes a TestCase in; use ${instead}`,
    fix: fixFor(assertion, ctx),
  });
}

export default defineRule({
  meta: {
    id: 'ASR009',
    name: 'unittest-assert-in-pytest-class',
    family: 'ASR',
    severity: 'info',
    fixable: 'yes',
    summary: '`self.assertEqual(...)` and friends in a pytest-style test class (`class TestX:` with no base).',
    why:
      'A class without a `unittest.TestCase` base has no `assertEqual`: pytest collects it, and the assertion ' +
      'fails with AttributeError unless a subclass elsewhere mixes a TestCase in. Even then the file mixes two ' +
      'styles, while pytest rewrites plain `assert` statements to show both values on failure. Only classes ' +
      'that pytest collects are reported: named `Test*`, with no base, in a file that imports pytest or has ' +
      'module-level tests, has no TestCase class and does not use the class as a base.',
    fix:
      'Write plain asserts (`assert a == b, msg`, `assert x is None`) and `pytest.raises(E, match=...)`. The quick ' +
      'fix rewrites the assertions that have an exact operator; it is marked unsafe because `python -O` strips ' +
      'plain asserts and the failure text changes.',
    bad: [
      'import pytest',
      '',
      '',
      'class TestFlavorApi:',
      '    def test_create(self, api):',
      "        flavor = api.create_flavor(name='small')",
      "        self.assertEqual('small', flavor.name)",
      '        self.assertIsNone(flavor.deleted_at)',
      '',
    ].join('\n'),
    good: [
      'import pytest',
      '',
      '',
      'class TestFlavorApi:',
      '    def test_create(self, api):',
      "        flavor = api.create_flavor(name='small')",
      "        assert flavor.name == 'small'",
      '        assert flavor.deleted_at is None',
      '',
    ].join('\n'),
    peers: ['ruff PT009', 'ruff PT027'],
    detection:
      'Visits every `call` of a `unittest.TestCase` assertion method on `self` inside a method of a class named `Test*` ' +
      'without bases, in a file that imports pytest or has module-level `test_*` functions, has no TestCase class and ' +
      'does not use the class as a base. Methods the class defines itself are exempt.',
  },
  visit: { call: check },
});
