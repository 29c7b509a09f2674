import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, calleeName, isDocstring, statements } from '../../syntax';
import { deleteStatements } from './statement-edits';
import { assertionCall, messageIndex } from './assertions';
import { isCollectedTest } from './test-bodies';

/** Builtins that read their arguments without changing them (or anything else). */
const PURE_CALLS = new Set(['len', 'isinstance', 'issubclass', 'type', 'hasattr', 'callable', 'repr', 'str', 'bool', 'int', 'float', 'abs', 'round', 'id']);

/**
 * The statement's tokens, comments left out: two assertions that differ only in spacing or line breaks
 * compare equal, while the text inside string literals stays exact. Null when the assertion itself may
 * change state or give a different answer the second time (`next(it)`, `q.pop()`, `await`, `:=`).
 */
function stableTokens(statement: Node, assertionCallNode: Node | null): string | null {
  const tokens: string[] = [];
  const pending: Node[] = [statement];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const type = node.type;
    if (type === 'comment') continue;
    if (type === 'await' || type === 'yield' || type === 'named_expression') return null;
    if (type === 'call' && node.id !== assertionCallNode?.id && !PURE_CALLS.has(calleeName(node) ?? '')) return null;
    const count = node.childCount;
    // A string is one token, escapes and all.
    if (count === 0 || type === 'string') {
      tokens.push(node.text);
      continue;
    }
    for (let i = count - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) pending.push(child);
    }
  }
  return tokens.join(' ');
}

/**
 * unittest's comparison assertions and a mock's `assert_*` methods only read their arguments. Others may
 * act: `assertRaises(E, next, it)` calls `next`, and a project's `assertSomething` helper may do anything.
 */
function isPlainAssertion(call: Node, ctx: RuleContext): boolean {
  const name = calleeLastName(call);
  if (!name || !assertionCall(call, ctx)) return false;
  return messageIndex(name) !== undefined || name.startsWith('assert_');
}

/** An assertion made by the statement on its own: `self.assertX(...)`, `mock.assert_*()`, `assert ...`. */
function assertionKey(statement: Node, ctx: RuleContext): string | null | undefined {
  if (statement.type === 'assert_statement') return stableTokens(statement, null);
  if (statement.type !== 'expression_statement') return undefined;
  const call = statement.namedChild(0);
  if (call?.type !== 'call' || statement.namedChildCount !== 1 || !isPlainAssertion(call, ctx)) return undefined;
  return stableTokens(statement, call);
}

/**
 * One block at a time: an assertion repeats an earlier one when nothing between them could change what
 * they check. Any other statement (a call, an assignment, a nested block) starts afresh.
 */
function checkBlock(block: Node, ctx: RuleContext): void {
  if (!ctx.scope.isTestFunction || !isCollectedTest(ctx.scope)) return;
  const seen = new Map<string, Node>();
  for (const statement of statements(block)) {
    if (statement.type === 'pass_statement' || isDocstring(statement)) continue;
    const key = assertionKey(statement, ctx);
    if (key === undefined || key === null) {
      seen.clear();
      continue;
    }
    const first = seen.get(key);
    if (!first) {
      seen.set(key, statement);
      continue;
    }
    const edit = deleteStatements(statement);
    ctx.report({
      node: statement,
      message: `This assertion repeats the one on line ${first.startPosition.row + 1} with nothing in between that could change the outcome: it adds nothing; delete it, or assert what was meant`,
      ...(edit ? { fix: { title: 'Delete the repeated assertion', edits: [edit] } } : {}),
    });
  }
}

export default defineRule({
  meta: {
    id: 'SML007',
    name: 'duplicate-assert',
    family: 'SML',
    severity: 'info',
    fixable: 'yes',
    summary: 'The same assertion twice in a row, with nothing in between that could change its outcome.',
    why:
      'A repeated assertion checks exactly what the first one checked: it is usually a copy-paste slip where ' +
      'the second line was meant to check something else, which is then left untested. Only assertions with no ' +
      'state change between them count: any other statement, or an assertion that calls something other ' +
      'than a pure builtin (`len`, `isinstance`...), separates them.',
    fix: 'Delete the repeated line, or change it to check what it was meant to check (often a neighbouring field or a second object).',
    bad: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_flavor_fields(self):',
      '        flavor = self.api.get_flavor("m1.small")',
      '        self.assertEqual(2048, flavor["ram"])',
      '        self.assertEqual(1, flavor["vcpus"])',
      '        self.assertEqual(2048, flavor["ram"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_flavor_fields(self):',
      '        flavor = self.api.get_flavor("m1.small")',
      '        self.assertEqual(2048, flavor["ram"])',
      '        self.assertEqual(1, flavor["vcpus"])',
      '        self.assertEqual(20, flavor["disk"])',
      '',
    ].join('\n'),
    peers: ['PyNose Duplicate Assert', 'tsDetect Duplicate Assert'],
  },
  visit: { block: checkBlock },
});
