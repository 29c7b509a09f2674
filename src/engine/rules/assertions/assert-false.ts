import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { isFalsyLiteral, unwrapParens } from '../../syntax';
import type { Fix } from '../../types';
import { assertParts, brief, selfAssertCall } from './assert-calls';
import { containsComment } from './expression-text';
import { isUnittestClass, pytestIsImported } from './test-styles';

/** `self` of a method of a TestCase class, when the statement is directly in that method (not a nested def). */
function unittestSelf(ctx: RuleContext): boolean {
  const method = ctx.scope;
  const owner = method.parent;
  if (method.kind !== 'function' || owner?.kind !== 'class' || !isUnittestClass(owner.node, ctx)) return false;
  const first = method.node.childForFieldName('parameters')?.namedChildren.find((parameter) => parameter?.type !== 'comment');
  return first?.type === 'identifier' && first.text === 'self';
}

/**
 * `pytest.fail` raises `Failed`, a BaseException: an enclosing `try`/`with` that catches AssertionError
 * (or Exception) would no longer catch it. Only offered where nothing between the statement and its
 * function could catch, in a function pytest runs directly.
 */
function canUsePytestFail(statement: Node, ctx: RuleContext, message: Node | null): boolean {
  if (!pytestIsImported(ctx) || ctx.scope.kind !== 'function' || !ctx.scope.isTestFunction) return false;
  if (message && message.type !== 'string' && message.type !== 'concatenated_string') return false;
  for (let current = statement.parent; current && current.id !== ctx.scope.node.id; current = current.parent) {
    if (current.type === 'try_statement' || current.type === 'with_statement') return false;
  }
  return true;
}

function assertFix(statement: Node, message: Node | null, ctx: RuleContext): Fix | undefined {
  if (containsComment(statement)) return undefined;
  // The message becomes a call argument, already inside brackets: its own parentheses are not needed.
  const text = message ? unwrapParens(message).text : '';
  if (unittestSelf(ctx)) return { title: 'Use `self.fail(...)`', edits: [replaceNode(statement, `self.fail(${text})`)] };
  if (canUsePytestFail(statement, ctx, message)) return { title: 'Use `pytest.fail(...)`', edits: [replaceNode(statement, `pytest.fail(${text})`)] };
  return { title: 'Raise `AssertionError`', edits: [replaceNode(statement, `raise AssertionError(${text})`)] };
}

/** The names an `except` clause catches (`except (A, B) as e` -> A, B); empty for a bare `except:`. */
function caughtClasses(clause: Node): string[] {
  const value = clause.namedChildren.find((child) => child && child.type !== 'block' && child.type !== 'comment');
  if (!value) return [];
  const caught = value.type === 'as_pattern' ? value.namedChild(0) : value;
  if (!caught) return [];
  const target = unwrapParens(caught);
  const members = target.type === 'tuple' ? target.namedChildren : [target];
  return members.flatMap((member) => (member ? [member.text] : []));
}

/**
 * A `try` around the statement catches the AssertionError itself (`except AssertionError`,
 * `except BaseException`, bare `except:`): the code tests what `assert` raises, as tests of the
 * language do, and rewriting the statement would change what is tested.
 */
function isCaughtOnPurpose(statement: Node): boolean {
  let child = statement;
  for (let current = statement.parent; current && current.type !== 'function_definition'; current = current.parent) {
    if (current.type === 'try_statement' && current.childForFieldName('body')?.id === child.id) {
      for (const clause of current.namedChildren) {
        if (clause?.type !== 'except_clause') continue;
        const caught = caughtClasses(clause);
        if (caught.length === 0 || caught.some((name) => /(^|\.)(AssertionError|BaseException)$/.test(name))) return true;
      }
    }
    child = current;
  }
  return false;
}

function checkAssert(statement: Node, ctx: RuleContext): void {
  const { test, message } = assertParts(statement);
  if (!test || !isFalsyLiteral(test) || isCaughtOnPurpose(statement)) return;
  const literal = unwrapParens(test).text;
  ctx.report({
    node: statement,
    message:
      `\`assert ${literal}\` always fails, but \`python -O\` removes it and the code runs on; ` +
      `fail on purpose with an explicit call that says why`,
    fix: assertFix(statement, message, ctx),
  });
}

/** `self.assertTrue(False)` / `self.assertFalse(True)`: a forced failure with a misleading message. */
function checkCall(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || (assertion.name !== 'assertTrue' && assertion.name !== 'assertFalse')) return;
  const { positional, keywords, hasSplat } = assertion.args;
  const [condition, positionalMessage] = positional;
  if (!condition || hasSplat) return;
  const value = unwrapParens(condition);
  const forced = assertion.name === 'assertTrue' ? isFalsyLiteral(value) : value.type === 'true';
  if (!forced) return;
  const message = positionalMessage ?? keywords.get('msg') ?? null;
  const receiver = call.childForFieldName('function')?.childForFieldName('object')?.text ?? 'self';
  const onlyKnown = [...keywords.keys()].every((name) => name === 'msg') && positional.length <= 2;
  const fix: Fix | undefined =
    onlyKnown && !containsComment(call)
      ? { title: `Use \`${receiver}.fail(...)\``, edits: [replaceNode(call, `${receiver}.fail(${message ? message.text : ''})`)] }
      : undefined;
  ctx.report({
    node: call,
    message: `\`${assertion.name}(${brief(value)})\` always fails, with the message "${value.text} is not ${assertion.name === 'assertTrue' ? 'true' : 'false'}"; \`${receiver}.fail(...)\` says the failure is deliberate, and why`,
    fix,
  });
}

export default defineRule({
  meta: {
    id: 'ASR013',
    name: 'assert-false',
    family: 'ASR',
    severity: 'info',
    fixable: 'yes',
    summary: '`assert False` (or another falsy literal) or `self.assertTrue(False)` used to fail a test.',
    why:
      '`assert False` is removed when Python runs with `-O`, so the line that was meant to stop the test lets it ' +
      'continue, and `self.assertTrue(False)` fails with the unhelpful "False is not true". An explicit failure ' +
      'call survives `-O` and reads as what it is.',
    fix:
      'Inside a TestCase method write `self.fail("why")`; in a pytest test (with `pytest` imported) ' +
      '`pytest.fail("why")`; elsewhere `raise AssertionError("why")`, which is what `assert False` meant. Inside ' +
      'a `try` or `with` the fix keeps AssertionError, because `pytest.fail` raises an exception that `except ' +
      'Exception` does not catch.',
    bad: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_cancel(self):',
      '        for state in run_migration():',
      "            if state == 'error':",
      "                assert False, 'migration failed'",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_cancel(self):',
      '        for state in run_migration():',
      "            if state == 'error':",
      "                self.fail('migration failed')",
      '',
    ].join('\n'),
    peers: ['ruff B011', 'ruff PT015', 'ruff PT016'],
    detection:
      'Visits each `assert_statement` whose condition is a falsy literal (`False`, `0`, `None`...) and that is not ' +
      'inside a `try` that catches `AssertionError`, `BaseException` or everything, and each `call` of ' +
      '`self.assertTrue(<falsy literal>)` or `self.assertFalse(True)`.',
  },
  visit: { assert_statement: checkAssert, call: checkCall },
});
