import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, calleeName, isDocstring } from '../../syntax';
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

/** The call of an assertion made by the statement on its own (`self.assertX(...)`, `mock.assert_*()`), the statement for `assert`, else null. */
function assertionOf(statement: Node, ctx: RuleContext): Node | null {
  if (statement.type === 'assert_statement') return statement;
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return null;
  const call = statement.namedChild(0);
  return call?.type === 'call' && isPlainAssertion(call, ctx) ? call : null;
}

function tokensOf(statement: Node, assertion: Node): string | null {
  return stableTokens(statement, assertion.type === 'call' ? assertion : null);
}

/**
 * One block at a time: an assertion repeats an earlier one when nothing between them could change what
 * they check. Any other statement (a call, an assignment, a nested block) starts afresh. Texts are compared
 * first (cheap); the token walk that proves both are pure and equal runs only for a repeated text.
 */
function checkBlock(block: Node, ctx: RuleContext): void {
  if (!ctx.scope.isTestFunction || !isCollectedTest(ctx.scope)) return;
  const seen = new Map<string, number>();
  const children = block.namedChildren.filter((child): child is Node => !!child);
  const assertions = new Map<number, Node>();
  children.forEach((statement, index) => {
    if (statement.type === 'comment' || statement.type === 'pass_statement' || isDocstring(statement)) return;
    const assertion = assertionOf(statement, ctx);
    if (!assertion) {
      seen.clear();
      return;
    }
    assertions.set(index, assertion);
    const text = statement.text.replace(/\s+/g, '');
    const firstIndex = seen.get(text);
    if (firstIndex === undefined) {
      seen.set(text, index);
      return;
    }
    const first = children[firstIndex]!;
    const key = tokensOf(statement, assertion);
    if (key === null || key !== tokensOf(first, assertions.get(firstIndex)!)) return;
    // An assertion in between that calls code may have changed what both check: compare later ones with this one.
    for (let i = firstIndex + 1; i < index; i++) {
      const between = assertions.get(i);
      if (between && tokensOf(children[i]!, between) === null) {
        seen.set(text, index);
        return;
      }
    }
    if (isDeliberateRepeat(key, children.slice(firstIndex + 1, index))) return;
    const edit = deleteStatements(statement);
    ctx.report({
      node: statement,
      related: [first],
      message: `This assertion repeats the one ${linesAbove(statement.startPosition.row - first.startPosition.row)} with nothing in between that could change the outcome: it adds nothing; delete it, or assert what was meant`,
      ...(edit ? { fix: { title: 'Delete the repeated assertion', edits: [edit] } } : {}),
    });
  });
}

/**
 * What a statement reads through attributes: the attribute names (`a.cp` -> `cp`) and the objects read
 * from (`a.calls` -> `a`, `self.api.calls` -> `self.api`); `self` alone, dunders and assertion methods
 * are left out.
 */
function attributeReads(text: string): { names: Set<string>; owners: Set<string> } {
  const names = new Set<string>();
  const owners = new Set<string>();
  for (const match of text.replace(/\s*\.\s*/g, '.').matchAll(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/g)) {
    const parts = match[0].split('.');
    const name = parts[parts.length - 1]!;
    if (/^(assert|fail)|^__\w+__$/.test(name)) continue;
    names.add(name);
    const owner = parts.slice(0, -1).join('.');
    if (owner !== 'self') owners.add(owner);
  }
  return { names, owners };
}

/**
 * The repeat is on purpose: a comment between the two explains it ("the second call takes the cached
 * path"), or a check in between reads the same attribute of another object, or another attribute of the
 * same object (`a.prop`, `a.calls`, `a.prop`: a cached property, whose reads change state).
 */
function isDeliberateRepeat(key: string, between: readonly Node[]): boolean {
  if (between.some((node) => node.type === 'comment')) return true;
  const repeated = attributeReads(key);
  if (repeated.names.size === 0) return false;
  return between.some((node) => {
    const reads = attributeReads(node.text);
    return [...reads.names].some((name) => repeated.names.has(name)) || [...reads.owners].some((owner) => repeated.owners.has(owner));
  });
}

/** Where the first assertion is, relative to the repeat: a message that names a line number would go stale when code above is edited. */
function linesAbove(distance: number): string {
  return distance === 1 ? 'on the line above' : `${distance} lines above`;
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
      'than a pure builtin (`len`, `isinstance`...), separates them; so does `assertRaises(E, f)` and a ' +
      'project\'s own `assertSomething` helper, which call code. A comment between the two, or a check in ' +
      'between that reads the same attribute or the same object (a cached property read twice), marks the ' +
      'repeat as deliberate.',
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
    detection:
      'Visits each `block` of a collected test function and reads its statements in order: a standalone assertion ' +
      "(`assert`, a unittest `self.assert*(...)`, a mock's `assert_*()`) whose tokens equal an earlier one of the same " +
      'block is reported when only assertions without side effects lie between them. Any other statement starts afresh; ' +
      'calls other than pure builtins, `await` or `:=` in the assertion, a comment in between, or a check in between ' +
      'that reads the same attribute mark a deliberate repeat.',
  },
  visit: { block: checkBlock },
});
