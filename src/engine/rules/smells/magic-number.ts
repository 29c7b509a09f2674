import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, unwrapParens } from '../../syntax';
import { assertParts, selfAssertCall } from '../assertions/assert-calls';
import { checkedArguments, messageIndex } from './assertions';

/** PyNose's allowance: small counts, -1 and 100 read as themselves. */
function isPlainNumber(value: number): boolean {
  return value === 100 || (Number.isInteger(value) && value >= -1 && value <= 10);
}

/** The number a literal operand stands for (`42`, `-3`, `2.5`), or null for anything else. */
function numericLiteral(node: Node): { node: Node; value: number } | null {
  const value = unwrapParens(node);
  if (value.type === 'integer' || value.type === 'float') {
    const number = Number(value.text.replace(/_/g, ''));
    return Number.isNaN(number) ? null : { node: value, value: number };
  }
  if (value.type === 'unary_operator' && value.child(0)?.type === '-') {
    const operand = value.childForFieldName('argument');
    const inner = operand ? numericLiteral(operand) : null;
    return inner ? { node: value, value: -inner.value } : null;
  }
  return null;
}

/** `assert r.status_code == 404`: an HTTP status next to a status is its own name. */
function isHttpStatus(value: number, operands: readonly Node[]): boolean {
  return Number.isInteger(value) && value >= 100 && value <= 599 && operands.some((operand) => /status|code/i.test(operand.text));
}

function reportOperands(operands: readonly Node[], where: string, ctx: RuleContext): void {
  for (const operand of operands) {
    const literal = numericLiteral(operand);
    if (!literal || isPlainNumber(literal.value) || isHttpStatus(literal.value, operands)) continue;
    ctx.report({
      node: literal.node,
      message: `\`${literal.node.text}\` in ${where} is a magic number: the reader cannot tell where it comes from; name it, or derive it from the input`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'SML009',
    name: 'magic-number-in-assertion',
    family: 'SML',
    severity: 'off',
    fixable: 'no',
    summary: 'An assertion compares against a bare number other than -1 to 10 or 100.',
    why:
      'A bare `4096` in an assertion does not say why that is the right answer: the page size, a quota, the sum ' +
      'of three inputs? When the input changes, a reader cannot tell which expected values follow from it. HTTP ' +
      'statuses compared with a status are left alone. Off ' +
      'by default: expected values written out are often the clearest test, and many are obvious in context.',
    fix: 'Name the value (`PAGE_SIZE = 4096`) or compute it from the test\'s input (`len(payload) * 2`).',
    bad: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_default_ram_quota(self):',
      '        quota = self.api.get_quota("project-1")',
      '        self.assertEqual(51200, quota["ram"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      'DEFAULT_RAM_MB = 50 * 1024',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_default_ram_quota(self):',
      '        quota = self.api.get_quota("project-1")',
      '        self.assertEqual(DEFAULT_RAM_MB, quota["ram"])',
      '',
    ].join('\n'),
    peers: ['PyNose Magic Number Test', 'tsDetect Magic Number Test', 'ruff PLR2004'],
    detection:
      'Visits `call` nodes of unittest assertion methods and `assert_statement` nodes whose condition is a comparison, ' +
      'in test code, and looks at the compared operands only (not the message). A number literal other than -1 to 10 ' +
      'and 100 is reported, except an HTTP status (100 to 599) compared with something named `status` or `code`.',
  },
  visit: {
    call(call, ctx) {
      if (!ctx.scope.inTestCode) return;
      const name = calleeLastName(call);
      if (!name || messageIndex(name) === undefined) return;
      const assertion = selfAssertCall(call);
      if (assertion) reportOperands(checkedArguments(assertion), `\`${name}\``, ctx);
    },
    assert_statement(statement, ctx) {
      if (!ctx.scope.inTestCode) return;
      const { test } = assertParts(statement);
      if (!test) return;
      const value = unwrapParens(test);
      if (value.type !== 'comparison_operator') return;
      reportOperands(value.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment'), 'an asserted comparison', ctx);
    },
  },
});
