import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, calleeName, statements } from '../../syntax';
import { isUnderExpectedException } from '../assertions/raises';
import { catchesAssertionError, caughtNames, handlerBody, isTestFailure } from './exceptions';
import { assertionsWithin, containsAssertion } from './assertions';
import { isCollectedTest } from './test-bodies';

/** `pass`, `continue`, `...`: a handler that does nothing with what it caught. */
function doesNothing(statement: Node): boolean {
  if (statement.type === 'pass_statement' || statement.type === 'continue_statement') return true;
  return statement.type === 'expression_statement' && statement.namedChild(0)?.type === 'ellipsis';
}

/** tree-sitter leaves a comment that ends the handler's last line outside the clause: look just after it. */
function hasTrailingComment(clause: Node): boolean {
  const next = clause.nextSibling;
  return next?.type === 'comment' && next.startPosition.row === clause.endPosition.row;
}

function check(clause: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  // Nested functions are fakes and code under test: how they handle errors is their subject.
  if (scope.testFunction !== scope || !(scope.isSetup || isCollectedTest(scope))) return;
  const body = handlerBody(clause);
  const last = body[body.length - 1];
  const swallows = body.length > 0 && body.every(doesNothing);
  const catchesFailures = catchesAssertionError(clause);
  // A handler that raises, fails or checks what it caught decides the outcome itself (SML005 judges the checks).
  if (!swallows && (!catchesFailures || !last || last.type === 'raise_statement' || body.some(isTestFailure) || containsAssertion(clause, ctx))) return;
  // A comment in the handler says why the error does not matter: a decision, not an accident.
  if (clause.descendantsOfType('comment').length > 0 || hasTrailingComment(clause)) return;
  const tryStatement = clause.parent;
  // With an `else:` the author tells the outcomes apart on purpose.
  if (!tryStatement || isUnderExpectedException(tryStatement, scope.node) || tryStatement.namedChildren.some((child) => child?.type === 'else_clause')) return;
  const tryBody = tryStatement.childForFieldName('body');
  // Only `self.fail()` inside: the `try` expects the exception (SML005's hand-written `assertRaises`).
  const checks = (tryBody ? assertionsWithin(tryBody, ctx) : []).filter((node) => node.type === 'assert_statement' || calleeLastName(node) !== 'fail');
  const tryStatements = statements(tryBody);
  const tryLast = tryStatements[tryStatements.length - 1];
  // `try: call(); self.fail()` + `except E: pass` expects E: SML005's finding.
  if (checks.length === 0 || (tryLast && isTestFailure(tryLast))) return;
  const names = caughtNames(clause);
  // A missing optional dependency or an unimplemented variant: a quiet skip, by design.
  if (names.length > 0 && names.every((name) => /(^|\.)(ImportError|ModuleNotFoundError|NotImplementedError)$/.test(name))) return;
  const caught = names.length === 0 ? 'A bare `except:`' : `\`except ${names.length === 1 ? names[0] : `(${names.join(', ')})`}\``;
  const first = checks[0]!;
  const check = first.type === 'assert_statement' ? '`assert`' : `\`${calleeName(first) ?? 'assert'}(...)\``;
  ctx.report({
    node: clause.child(0) ?? clause,
    related: checks,
    message: catchesFailures
      ? `${caught}${swallows ? ' that does nothing' : ''} also catches the \`AssertionError\` of ${check} in its \`try\`: the checks there can never fail the test; catch only the exception the code is expected to raise, or none`
      : `${caught} that does nothing skips ${check} in its \`try\` when the exception comes, and the test passes without checking; assert the exception (\`assertRaises\`/\`pytest.raises\`) or let it propagate`,
  });
}

export default defineRule({
  meta: {
    id: 'SML006',
    name: 'swallowed-exception',
    family: 'SML',
    severity: 'warning',
    fixable: 'no',
    summary: 'An `except` that does nothing (or catches everything) around the test\'s own checks.',
    why:
      'When a `try` holds assertions and its `except` only says `pass`, an exception skips the rest of the checks ' +
      'and the test passes without having checked anything. A bare `except:` or `except Exception:` is worse: ' +
      'it also catches the `AssertionError` of a failed check, so the checks in the `try` can never fail the ' +
      'test. The rule reports only these cases, in the test\'s own body: a `try` without checks that ignores an ' +
      'error is usually a deliberate "must not crash" test or cleanup. Left alone: handlers that re-raise or ' +
      'fail, handlers with a comment saying why, `ImportError` and `NotImplementedError` (an optional ' +
      'dependency or variant, skipped quietly by design), `try` blocks under `assertRaises`, and the ' +
      '`try`/`self.fail()`/`except E: pass` shape that SML005 reports.',
    fix:
      'Move the checks out of the `try`. If the exception is expected, assert it with `self.assertRaises(E)` / ' +
      '`pytest.raises(E)`; if it is not, drop the `try` and let it fail the test. Catch specific exceptions, never everything.',
    bad: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_migrate(self):',
      '        try:',
      '            server = self.api.migrate(self.server, host="compute-2")',
      '            self.assertEqual("compute-2", server["host"])',
      '        except NoValidHost:',
      '            pass',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_migrate(self):',
      '        server = self.api.migrate(self.server, host="compute-2")',
      '        self.assertEqual("compute-2", server["host"])',
      '',
      '    def test_migrate_without_valid_host(self):',
      '        with self.assertRaises(NoValidHost):',
      '            self.api.migrate(self.server, host="down-host")',
      '',
    ].join('\n'),
    peers: ['bandit B110, B112', 'ruff S110, S112, E722', 'hacking H201'],
    detection:
      'Visits each `except_clause` directly in a collected test or setup method whose handler does nothing (`pass`, ' +
      '`continue`, `...`), or catches `AssertionError` (also through `Exception` or a bare `except`) without raising, ' +
      'failing or asserting. It reports when the `try` body holds assertions the handler can silence; a comment in the ' +
      'handler, an `else` clause, an enclosing `assertRaises`, or catching only `ImportError`/`NotImplementedError` ' +
      'makes it silent.',
  },
  visit: { except_clause: check },
});
