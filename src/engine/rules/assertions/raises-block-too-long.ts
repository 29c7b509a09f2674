import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, statements } from '../../syntax';
import { isFailure } from './assert-calls';
import { raisesItemsOf } from './raises';

/** `gc.collect()`, `support.gc_collect()`: run so that a destructor emits the expected warning or error. */
function collectsGarbage(statement: Node): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  return call?.type === 'call' && /(^|_)collect$/.test(calleeLastName(call) ?? '') && /gc/.test(call.childForFieldName('function')?.text ?? '');
}

/**
 * The statements that may raise: not a trailing guard that fails when nothing was raised (`self.fail(...)`,
 * `raise AssertionError`), which is redundant but harmless, nor a garbage collection that triggers the
 * expected warning from a destructor.
 */
function workingStatements(withStatement: Node): Node[] {
  const body = statements(withStatement.childForFieldName('body')).filter((statement) => !collectsGarbage(statement));
  while (body.length > 1 && isFailure(body[body.length - 1]!)) body.pop();
  return body;
}

/** The `with` opens other contexts too (`with catch_warnings(), assertRaises(E):`), which the setup lines need. */
function opensOtherContexts(withStatement: Node): boolean {
  const clause = withStatement.namedChildren.find((child) => child?.type === 'with_clause');
  return (clause?.namedChildren.filter((child) => child?.type === 'with_item').length ?? 0) > 1;
}

function check(withStatement: Node, ctx: RuleContext): void {
  const body = workingStatements(withStatement);
  if (body.length < 2 || opensOtherContexts(withStatement)) return;
  const [item] = raisesItemsOf(withStatement, ctx);
  if (!item) return;
  const { raises } = item;
  const expected = raises.expected ? `(${raises.expected.text})` : '(...)';
  // A warning does not interrupt the block, so only the exception form leaves later lines unrun.
  const warns = /warn/i.test(raises.name);
  const consequence = warns
    ? 'the warning may come from a setup line; keep only the call that should warn inside'
    : 'the exception may come from a setup line, and the lines after the one that raises never run; keep only the call that should raise inside';
  ctx.report({
    node: raises.call,
    related: body,
    message: `\`${raises.name}${expected}\` wraps ${body.length} statements: ${consequence}`,
  });
}

export default defineRule({
  meta: {
    id: 'ASR007',
    name: 'raises-block-too-long',
    family: 'ASR',
    severity: 'info',
    fixable: 'no',
    summary: 'A `with self.assertRaises(...)` / `pytest.raises(...)` / `pytest.warns(...)` block holds more than one statement.',
    why:
      'The check passes as soon as any statement in the block raises the expected exception. When the block also ' +
      'builds its inputs, the exception may come from that setup instead of the call under test, and any ' +
      'statement after the raising one never runs, so assertions placed there check nothing. A block that also ' +
      'opens other contexts (`with catch_warnings(), assertRaises(E):`) is not reported: its setup lines need them.',
    fix:
      'Move the setup above the `with` and the checks below it, so the block holds only the call that should ' +
      'raise. Inspect the exception afterwards through `as cm` (`cm.exception`) or `as exc_info` (`exc_info.value`).',
    bad: [
      'import pytest',
      '',
      '',
      'def test_resize_to_smaller_disk_fails():',
      "    with pytest.raises(InvalidFlavor, match='disk'):",
      "        server = create_server(flavor='large')",
      "        server.resize('small')",
      '',
    ].join('\n'),
    good: [
      'import pytest',
      '',
      '',
      'def test_resize_to_smaller_disk_fails():',
      "    server = create_server(flavor='large')",
      "    with pytest.raises(InvalidFlavor, match='disk'):",
      "        server.resize('small')",
      '',
    ].join('\n'),
    peers: ['ruff PT012', 'ruff PT031'],
    detection:
      'Visits every `with_statement` with a single item that is an expected-exception or warning check ' +
      '(`self.assertRaises`, `assertWarns`, `pytest.raises`...) and counts the statements of its body, not counting a ' +
      'trailing `self.fail(...)`/`raise AssertionError` or a garbage collection: two or more are reported on the check.',
  },
  visit: { with_statement: check },
});
