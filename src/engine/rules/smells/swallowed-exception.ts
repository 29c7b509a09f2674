import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeLastName, statements } from '../../syntax';
import { isUnderExpectedException } from '../assertions/raises';
import { caughtNames, handlerBody, isTestFailure, reraises } from './exceptions';

/** `pass`, `continue`, `...`: a handler that does nothing with what it caught. */
function doesNothing(statement: Node): boolean {
  if (statement.type === 'pass_statement' || statement.type === 'continue_statement') return true;
  return statement.type === 'expression_statement' && statement.namedChild(0)?.type === 'ellipsis';
}

/** Calls that release or undo something: an error there is not what the test is about. */
const CLEANUP = /^_*(remove|unlink|rmtree|rmdir|removedirs|close|kill|terminate|join|stop|shutdown|cancel|cleanup|clean_?up|delete|unregister|disconnect|release|restore|reset|unload|unpatch|teardown|tear_?down|exit|__exit__|wait|unlink_\w+|rm\w*|del\w*)$/i;

function isCleanup(statement: Node): boolean {
  if (statement.type === 'delete_statement') return true;
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  return call?.type === 'call' && CLEANUP.test(calleeLastName(call) ?? '');
}

/** Optional imports: `try: import x` / `except ImportError: pass`. */
const IMPORT_ERRORS = /(^|\.)(ImportError|ModuleNotFoundError)$/;

/** tree-sitter leaves a comment that ends the handler's last line outside the clause: look just after it. */
function hasTrailingComment(clause: Node): boolean {
  const next = clause.nextSibling;
  return next?.type === 'comment' && next.startPosition.row === clause.endPosition.row;
}

function check(clause: Node, ctx: RuleContext): void {
  if (!ctx.scope.inTestCode) return;
  const body = handlerBody(clause);
  const names = caughtNames(clause);
  const bare = names.length === 0;
  const last = body[body.length - 1];
  const swallows = body.length > 0 && body.every(doesNothing);
  if (!swallows && !(bare && !(last && reraises(last)))) return;
  const tryStatement = clause.parent;
  const tryBody = statements(tryStatement?.childForFieldName('body'));
  const tryLast = tryBody[tryBody.length - 1];
  // `try: call(); self.fail()` + `except E: pass` (or `else: self.fail()`) expects E: SML005 suggests `assertRaises`.
  if (swallows && tryLast && isTestFailure(tryLast)) return;
  if (tryStatement?.namedChildren.some((child) => child?.type === 'else_clause')) return;
  // A comment in the handler says why the error does not matter: a decision, not an accident.
  if (clause.descendantsOfType('comment').length > 0 || hasTrailingComment(clause)) return;
  // The `try` raises or sits under `assertRaises`: it tests `except` itself.
  if (tryBody.some((statement) => statement.type === 'raise_statement') || (tryStatement && isUnderExpectedException(tryStatement, ctx.scope.node))) return;
  if (tryBody.length > 0 && tryBody.every(isCleanup)) return;
  if (names.length > 0 && names.every((name) => IMPORT_ERRORS.test(name))) return;
  const caught = bare ? 'a bare `except:`' : `\`except ${names.length === 1 ? names[0] : `(${names.join(', ')})`}\``;
  const keyword = clause.child(0) ?? clause;
  ctx.report({
    node: keyword,
    message: swallows
      ? `${caught} that does nothing swallows the exception: if the code under test fails here, or stops raising, the test cannot tell; assert the exception (\`assertRaises\`/\`pytest.raises\`) or let it propagate`
      : `${caught} catches everything, including failed assertions and \`KeyboardInterrupt\`; catch the specific exception the code is expected to raise`,
  });
}

export default defineRule({
  meta: {
    id: 'SML006',
    name: 'swallowed-exception',
    family: 'SML',
    severity: 'warning',
    fixable: 'no',
    summary: 'Test code catches an exception and does nothing with it, or uses a bare `except:`.',
    why:
      'An `except` whose body is only `pass` or `continue` throws away the error the test exists to report: if ' +
      'the code under test raises, the test goes on as if it had not; if it was expected to raise and stops ' +
      'doing so, nothing notices. A bare `except:` also catches the `AssertionError` of a failed check (and ' +
      '`KeyboardInterrupt`), so failures inside the `try` disappear. Left alone: handlers that re-raise, ' +
      'optional imports (`except ImportError: pass`), cleanup calls whose errors do not matter (`os.remove`, ' +
      '`close`, `kill`...), and the `try`/`self.fail()`/`except E: pass` shape that SML005 reports.',
    fix:
      'Assert the expected exception with `self.assertRaises(E)` / `pytest.raises(E)`, or drop the `try` and let ' +
      'an unexpected error fail the test. Catch the specific exception class instead of everything.',
    bad: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_migrate_to_same_host(self):',
      '        try:',
      '            self.api.migrate(self.server, host=self.server["host"])',
      '        except InvalidHost:',
      '            pass',
      '        self.assertEqual("ACTIVE", self.api.get(self.server)["status"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class MigrationTest(unittest.TestCase):',
      '    def test_migrate_to_same_host(self):',
      '        with self.assertRaises(InvalidHost):',
      '            self.api.migrate(self.server, host=self.server["host"])',
      '        self.assertEqual("ACTIVE", self.api.get(self.server)["status"])',
      '',
    ].join('\n'),
    peers: ['bandit B110, B112', 'ruff S110, S112, E722', 'hacking H201'],
  },
  visit: { except_clause: check },
});
