import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { statements, unwrapParens } from '../../syntax';
import type { Fix } from '../../types';
import { assertParts, brief, isFailure } from './assert-calls';
import { containsComment, lineLayout, textFor } from './expression-text';

/** `a and b and c` -> [a, b, c]; parenthesized parts stay whole. */
function andOperands(test: Node): Node[] {
  const operands: Node[] = [];
  const pending: Node[] = [test];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const left = current.type === 'boolean_operator' && current.childForFieldName('operator')?.type === 'and' ? current.childForFieldName('left') : null;
    const right = left ? current.childForFieldName('right') : null;
    if (left && right) pending.push(right, left);
    else operands.push(current);
  }
  return operands;
}

/** One `assert` per operand, each with the message (only the failing one evaluates it), on lines of their own. */
function splitFix(statement: Node, operands: Node[], message: Node | null): Fix | undefined {
  const parent = statement.parent?.type;
  if ((parent !== 'block' && parent !== 'module') || containsComment(statement)) return undefined;
  const layout = lineLayout(statement);
  if (!layout) return undefined;
  const suffix = message ? `, ${textFor(message, 'assert')}` : '';
  const text = operands.map((operand) => `assert ${textFor(operand, 'assert')}${suffix}`).join(layout.newline + layout.indent);
  return { title: `Split into ${operands.length} asserts`, edits: [replaceNode(statement, text)] };
}

function checkComposite(statement: Node, ctx: RuleContext): void {
  const { test, message } = assertParts(statement);
  if (!test) return;
  const operands = andOperands(unwrapParens(test));
  if (operands.length < 2) return;
  const shown = operands.map((operand) => `\`assert ${brief(operand, 24)}\``).join(', ');
  ctx.report({
    node: statement,
    message: `\`assert ${brief(test, 40)}\` fails as a whole, without saying which of its ${operands.length} conditions is false; split it: ${shown}`,
    fix: splitFix(statement, operands, message),
  });
}

/** The `as e` name of the `except` clause around the statement (inside the same function), with that clause. */
function caughtName(statement: Node): { clause: Node; name: string } | null {
  for (let current = statement.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda') return null;
    if (current.type !== 'except_clause') continue;
    const pattern = current.namedChildren.find((child) => child?.type === 'as_pattern');
    const alias = pattern?.childForFieldName('alias')?.namedChild(0);
    return alias?.type === 'identifier' ? { clause: current, name: alias.text } : null;
  }
  return null;
}

/**
 * The `try` does not count on the exception: it guards the case where nothing is raised (an `else:`
 * clause, a failure as the body's last statement or right after the `try`), or it sits in a loop,
 * where raising is one of several outcomes (polling, stress tests).
 */
function expectsNothing(tryStatement: Node): boolean {
  for (let current = tryStatement.parent; current && current.type !== 'function_definition'; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement') return true;
  }
  if (tryStatement.namedChildren.some((child) => child?.type === 'else_clause')) return true;
  const body = statements(tryStatement.childForFieldName('body'));
  const last = body[body.length - 1];
  if (last && isFailure(last)) return true;
  // `except E as e: assert ...; return` followed by `assert False` after the `try`.
  let after = tryStatement.nextSibling;
  while (after?.type === 'comment') after = after.nextSibling;
  return !!after && isFailure(after);
}

function checkInExcept(statement: Node, ctx: RuleContext): void {
  const caught = caughtName(statement);
  if (!caught) return;
  const { test } = assertParts(statement);
  const mentions = test?.type === 'identifier' ? test.text === caught.name : test?.descendantsOfType('identifier').some((id) => id?.text === caught.name);
  if (!mentions) return;
  const tryStatement = caught.clause.parent;
  if (!tryStatement || tryStatement.type !== 'try_statement' || expectsNothing(tryStatement)) return;
  // The `try` body that may stop raising, shown by "Explain".
  const tryBody = tryStatement.childForFieldName('body');
  ctx.report({
    node: statement,
    related: tryBody ? [tryBody] : [],
    message:
      `this \`assert\` on \`${caught.name}\` runs only if the \`try\` block raises; if it stops raising, the test passes ` +
      `without checking anything: use \`pytest.raises(...) as exc_info\` (or \`assertRaises\`) and assert on the exception after the block`,
  });
}

function check(statement: Node, ctx: RuleContext): void {
  // Asserts in nested defs belong to callbacks and traced sample functions, whose layout may matter.
  if (!ctx.scope.testFunction || ctx.scope.testFunction !== ctx.scope) return;
  checkComposite(statement, ctx);
  checkInExcept(statement, ctx);
}

export default defineRule({
  meta: {
    id: 'ASR010',
    name: 'assert-hygiene',
    family: 'ASR',
    severity: 'info',
    fixable: 'yes',
    summary: 'A test asserts `a and b` in one statement, or asserts on a caught exception inside `except`.',
    why:
      'When `assert a and b` fails, the report shows the whole condition and not which part was false. An ' +
      '`assert` on the exception inside an `except` block runs only when the exception happens: if the code ' +
      'stops raising, the test passes without checking anything. A `try` that handles the no-exception case (an ' +
      '`else:`, or a failure at the end of its body or right after it) or that sits in a loop is not reported.',
    fix:
      'Split the condition into one `assert` per part (the quick fix keeps the message on each). Expect ' +
      'exceptions with `pytest.raises(E) as exc_info` (or `self.assertRaises(E) as cm`) and assert on ' +
      '`exc_info.value` after the block.',
    bad: [
      'def test_boot_server(api):',
      "    server = api.create_server(name='vm1')",
      "    assert server.status == 'ACTIVE' and server.host",
      '    try:',
      "        api.delete_server('missing')",
      '    except NotFound as error:',
      "        assert 'missing' in str(error)",
      '',
    ].join('\n'),
    good: [
      'import pytest',
      '',
      '',
      'def test_boot_server(api):',
      "    server = api.create_server(name='vm1')",
      "    assert server.status == 'ACTIVE'",
      '    assert server.host',
      "    with pytest.raises(NotFound, match='missing'):",
      "        api.delete_server('missing')",
      '',
    ].join('\n'),
    peers: ['ruff PT018', 'ruff PT017'],
    detection:
      'Visits each `assert_statement` directly in a test function (not in nested functions). It reports a condition ' +
      'made of two or more parts joined with `and`, and an assert inside an `except ... as e` clause that reads `e`, ' +
      'unless the `try` has an `else`, ends with a failure or is followed by one, or sits in a loop.',
  },
  visit: { assert_statement: check },
});
