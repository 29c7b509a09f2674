import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { comparisonOperators, unwrapParens } from '../../syntax';
import { replaceBetween } from '../../position';
import type { TextEdit } from '../../types';
import { brief, renameMethod, selfAssertCall } from './assert-calls';

const NONE_METHOD: Record<string, string> = {
  assertEqual: 'assertIsNone',
  assertIs: 'assertIsNone',
  assertNotEqual: 'assertIsNotNone',
  assertIsNot: 'assertIsNotNone',
};

const SINGLETONS = new Set(['true', 'false', 'none']);

/** `assertEqual(a in b, True)` belongs to ASR003, which can rewrite it to `assertIn`. */
function isMembershipTest(node: Node): boolean {
  const value = unwrapParens(node);
  return value.type === 'comparison_operator' && comparisonOperators(value).some((op) => op === 'in' || op === 'not in');
}

/** Removes the literal and the comma that separates it from the other operand. */
function dropLiteral(literalIndex: number, first: Node, second: Node): TextEdit {
  if (literalIndex === 0) {
    return { ...replaceBetween(first, second, ''), endLine: second.startPosition.row + 1, endColumn: second.startPosition.column + 1 };
  }
  return { ...replaceBetween(first, second, ''), line: first.endPosition.row + 1, column: first.endPosition.column + 1 };
}

function boolMessage(method: string, subject: string, literal: string): string {
  const call = `${method}(${subject}, ${literal})`;
  if (method === 'assertEqual') {
    const loose = literal === 'True' ? 'assertTrue' : 'assertFalse';
    const passes = literal === 'True' ? '`1`' : '`0`';
    return `\`${call}\` compares with \`==\`, so ${passes} passes too; use \`assertIs(${subject}, ${literal})\` for exactly ${literal}, or \`${loose}(${subject})\` if any ${literal === 'True' ? 'truthy' : 'falsy'} value will do`;
  }
  const strict = literal === 'True' ? 'assertFalse' : 'assertTrue';
  return `\`${call}\` compares with \`!=\`, so it fails for \`${literal === 'True' ? '1' : '0'}\` as well; use \`assertIsNot(${subject}, ${literal})\` to rule out exactly ${literal}, or \`${strict}(${subject})\` if that is what is meant`;
}

function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || !(assertion.name in NONE_METHOD)) return;
  const { positional, hasSplat } = assertion.args;
  const [first, second] = positional;
  if (hasSplat || !first || !second) return;
  const firstIsLiteral = SINGLETONS.has(unwrapParens(first).type);
  const secondIsLiteral = SINGLETONS.has(unwrapParens(second).type);
  // Two literals is a placeholder or a forced failure, not a comparison style question.
  if (firstIsLiteral === secondIsLiteral) return;
  const literalIndex = firstIsLiteral ? 0 : 1;
  const literal = unwrapParens(firstIsLiteral ? first : second);
  const subject = firstIsLiteral ? second : first;

  if (literal.type === 'none') {
    const method = NONE_METHOD[assertion.name]!;
    const original = `\`${assertion.name}(${brief(subject)}, None)\``;
    const better = `\`${method}(${brief(subject)})\``;
    ctx.report({
      node: call,
      message: assertion.name.startsWith('assertIs')
        ? `${original} is the long way to say ${better}`
        : `${original} compares with \`${assertion.name === 'assertNotEqual' ? '!=' : '=='}\`, which a custom \`__eq__\` can answer; ${better} checks identity and says what is meant`,
      fix: { title: `Use \`${method}\``, edits: [renameMethod(assertion, method), dropLiteral(literalIndex, first, second)] },
    });
    return;
  }
  // `assertIs(x, True)` is the recommended exact form, not a finding.
  if (assertion.name !== 'assertEqual' && assertion.name !== 'assertNotEqual') return;
  if (isMembershipTest(subject)) return;
  ctx.report({ node: call, message: boolMessage(assertion.name, brief(subject), literal.text) });
}

export default defineRule({
  meta: {
    id: 'ASR002',
    name: 'equality-with-singleton',
    family: 'ASR',
    severity: 'info',
    fixable: 'partial',
    summary: '`assertEqual`/`assertIs` against `None`, or `assertEqual` against `True`/`False`.',
    why:
      '`assertEqual(x, None)` compares with `==`, which a custom `__eq__` can answer; `assertIsNone(x)` checks ' +
      'identity and says what is meant. With a bool it is subtler: `assertEqual(x, True)` also passes for `1`, ' +
      'while `assertTrue(x)` accepts any truthy value. Neither is always what the test means, so choose on purpose.',
    fix:
      'For `None`: `assertIsNone(x)` / `assertIsNotNone(x)` (applied automatically, keeping the message). For ' +
      'bools: `assertIs(x, True)` when exactly `True` is required, `assertTrue(x)` when truthiness is enough.',
    bad: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_cancel(self):',
      '        migration = start_migration()',
      '        migration.cancel()',
      '        self.assertEqual(migration.error, None)',
      '        self.assertEqual(migration.cancelled, True)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_cancel(self):',
      '        migration = start_migration()',
      '        migration.cancel()',
      '        self.assertIsNone(migration.error)',
      '        self.assertIs(migration.cancelled, True)',
      '',
    ].join('\n'),
    peers: ['hacking H203', 'nova N355', 'PyNose Suboptimal Assert'],
    detection:
      'Visits every `call` of `self.assertEqual`, `assertNotEqual`, `assertIs` or `assertIsNot` whose first two ' +
      'arguments are one `None`/`True`/`False` literal and one other expression. `None` is reported with all four; ' +
      "`True`/`False` only with `assertEqual`/`assertNotEqual`, and not when the other side is an `in` test (ASR003's).",
  },
  visit: { call: check },
});
