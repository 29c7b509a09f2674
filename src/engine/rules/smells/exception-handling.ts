import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import type { Fix, Severity } from '../../types';
import { calleeLastName, statements } from '../../syntax';
import { isUnittestClass, pytestIsImported } from '../assertions/test-styles';
import { catchesAssertionError, caughtExpression, caughtNames, exceptClauses, exceptionAlias, handlerBody, isSkip, isTestFailure, reraises } from './exceptions';
import { assertionsWithin, containsAssertion } from './assertions';
import { isCollectedTest } from './test-bodies';

/** How the test's framework spells "this block must raise": `self.assertRaises` or `pytest.raises`, if known. */
function raisesSpelling(ctx: RuleContext): string | null {
  const owner = ctx.scope.parent;
  if (owner?.kind === 'class' && isUnittestClass(owner.node, ctx)) return 'self.assertRaises';
  if (pytestIsImported(ctx) && (owner?.kind !== 'class' || !isUnittestClass(owner.node, ctx))) return 'pytest.raises';
  return null;
}

/**
 * `try: call(); self.fail(...)` + `except E: pass`, and nothing else: exactly what `with assertRaises(E):
 * call()` says. Built only for that shape, without comments that would be lost.
 */
function assertRaisesFix(tryStatement: Node, clause: Node, ctx: RuleContext, unsafe: boolean): Fix | undefined {
  const body = statements(tryStatement.childForFieldName('body'));
  const caught = caughtExpression(clause);
  const [call, failure] = body;
  const spelling = raisesSpelling(ctx);
  if (!spelling || !caught || !call || !failure || body.length !== 2 || exceptClauses(tryStatement).length !== 1) return undefined;
  if (exceptionAlias(clause) || handlerBody(clause).some((statement) => statement.type !== 'pass_statement')) return undefined;
  if (tryStatement.namedChildren.some((child) => child?.type === 'else_clause' || child?.type === 'finally_clause')) return undefined;
  if (tryStatement.descendantsOfType('comment').length > 0 || call.startPosition.row === tryStatement.startPosition.row) return undefined;
  const indent = ' '.repeat(call.startPosition.column);
  const caughtText = caught.type === 'tuple' ? `(${caught.namedChildren.map((member) => member?.text).join(', ')})` : caught.text;
  return {
    title: unsafe ? `Use \`with ${spelling}(...)\` (unsafe: the test can now fail)` : `Use \`with ${spelling}(...)\``,
    edits: [replaceNode(tryStatement, `with ${spelling}(${caughtText}):\n${indent}${call.text}`)],
    ...(unsafe ? { unsafe: true as const } : {}),
  };
}

interface Verdict {
  message: string;
  severity?: Severity;
  fix?: Fix;
  /** The clauses and failures the verdict rests on, shown by "Explain". */
  related: Node[];
}

function judgeTry(tryStatement: Node, ctx: RuleContext): Verdict | null {
  const clauses = exceptClauses(tryStatement);
  if (clauses.length === 0) return null;
  // Handlers that skip, or that clean up and re-raise, let the outcome through untouched.
  const handling = clauses.filter((clause) => {
    const body = handlerBody(clause);
    const last = body[body.length - 1];
    return !(last && (reraises(last) || isSkip(last))) && !body.some(isSkip);
  });
  if (handling.length === 0 || explainsWhyNotAssertRaises(tryStatement)) return null;
  const tryBody = statements(tryStatement.childForFieldName('body'));
  // The exception is raised right there in the `try`: the test is about `raise`/`except` themselves.
  if (tryStatement.childForFieldName('body')?.descendantsOfType('raise_statement').length) return null;
  const last = tryBody[tryBody.length - 1];
  const failsAtEnd = !!last && isFailCall(last);
  const elseBody = statements(tryStatement.namedChildren.find((child) => child?.type === 'else_clause')?.childForFieldName('body'));
  const after = statementsAfter(tryStatement);
  const failsAfter = !!after[0] && isTestFailure(after[0]) && handling.some((clause) => endsTheTest(handlerBody(clause)));
  if (failsAtEnd || failsAfter || elseBody.some((statement) => isTestFailure(statement) || statement.type === 'raise_statement')) {
    // The first clause that matches an AssertionError gets the failure; unless it re-raises, the failure is lost.
    const catcher = clauses.find(catchesAssertionError);
    if (failsAtEnd && catcher && handling.includes(catcher)) {
      return {
        severity: 'error',
        related: [last, catcher],
        message: `The \`${last.text.split('(')[0]}()\` at the end of this \`try\` is caught by its own ${exceptText(catcher)}, so the test passes whether or not the code raises; use \`assertRaises\`/\`pytest.raises\` with the specific exception`,
        fix: assertRaisesFix(tryStatement, catcher, ctx, true),
      };
    }
    const clause = handling[0]!;
    const caught = exceptText(clause);
    const failure = failsAtEnd
      ? last
      : failsAfter
        ? after[0]
        : elseBody.find((statement) => isTestFailure(statement) || statement.type === 'raise_statement');
    return {
      related: failure ? [failure, clause] : [clause],
      message: `Hand-written expected exception: \`try\`/fail/${caught} re-implements \`assertRaises\`/\`pytest.raises\`; use the context manager, which also checks the exception type for you`,
      fix: assertRaisesFix(tryStatement, clause, ctx, false),
    };
  }
  const failing = handling.find((clause) => catchesEverything(clause) && handlerBody(clause).every(isTestFailure));
  if (failing) {
    return {
      related: [failing],
      message: `${exceptText(failing).replace(/^a /, "A ")} catches every error only to call \`fail()\`: it hides which exception it was; drop the \`try\`, an unexpected exception already fails the test and shows its type and traceback`,
    };
  }
  // The success path is checked too (in the `try`, its `else`, or after it), or each round of a loop handles its own outcome.
  if (containsAssertion(tryBody, ctx) || containsAssertion(elseBody, ctx) || insideLoop(tryStatement, ctx) || containsAssertion(after, ctx)) return null;
  // A handler whose only checks are failures is an "assert this does not raise E" written out.
  const checking = handling.find((clause) => checks(handlerBody(clause), ctx));
  if (checking) {
    return {
      related: [checking],
      message: `The checks in ${exceptText(checking)} run only if the code raises: when it does not, the test passes without checking anything; use \`with self.assertRaises(...) as cm\` / \`pytest.raises(...) as exc_info\` and check the exception after the block`,
    };
  }
  return null;
}

/** How a message names a clause: `` `except ValueError` ``, or a bare `` `except:` ``. */
function exceptText(clause: Node): string {
  const caught = caughtExpression(clause);
  return caught ? `\`except ${caught.text}\`` : 'a bare `except:`';
}

/** The statements after `statement` in its block. */
function statementsAfter(statement: Node): Node[] {
  const siblings = statements(statement.parent);
  return siblings.slice(siblings.findIndex((sibling) => sibling.id === statement.id) + 1);
}

/** The handler leaves the test (`return`): a failure after the `try` is for the path where nothing was raised. */
function endsTheTest(body: Node[]): boolean {
  return body[body.length - 1]?.type === 'return_statement';
}

/** Bare `except:`, `except Exception`, `except BaseException`: every error, not one the test names. */
function catchesEverything(clause: Node): boolean {
  const names = caughtNames(clause);
  return names.length === 0 || names.some((name) => /(^|\.)(Exception|BaseException)$/.test(name));
}

/** Real checks, not just failures (`self.fail(...)`, `raise AssertionError`, even behind an `if`). */
function checks(body: Node[], ctx: RuleContext): boolean {
  return body.some((statement) =>
    assertionsWithin(statement, ctx).some((node) =>
      node.type === 'assert_statement' ? !isTestFailure(node) : calleeLastName(node) !== 'fail' && !(node.parent && isTestFailure(node.parent))),
  );
}

/** A `try` in a loop of the test handles each round's outcome (a poll, a table of inputs), not one expected error. */
function insideLoop(tryStatement: Node, ctx: RuleContext): boolean {
  for (let current = tryStatement.parent; current && current.id !== ctx.scope.node.id; current = current.parent) {
    if (current.type === 'for_statement' || current.type === 'while_statement') return true;
  }
  return false;
}

/** `self.fail(...)` / `pytest.fail(...)`: a failure the code in the `try` cannot raise itself. */
function isFailCall(statement: Node): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  return call?.type === 'call' && isTestFailure(statement);
}

/** A comment just above the `try` names the context manager: the hand-written form is a deliberate choice. */
function explainsWhyNotAssertRaises(tryStatement: Node): boolean {
  // tree-sitter puts comments that open a block before the block node, so look there too.
  const first = tryStatement.previousSibling ?? (tryStatement.parent?.type === 'block' ? tryStatement.parent.previousSibling : null);
  for (let previous = first; previous?.type === 'comment'; previous = previous.previousSibling) {
    if (/assertRaises|pytest\.raises/.test(previous.text)) return true;
  }
  return false;
}

function checkTry(tryStatement: Node, ctx: RuleContext): void {
  if (!isCollectedTest(ctx.scope)) return;
  const verdict = judgeTry(tryStatement, ctx);
  if (!verdict) return;
  ctx.report({ node: tryStatement.child(0) ?? tryStatement, ...verdict });
}

export default defineRule({
  meta: {
    id: 'SML005',
    name: 'exception-handling-in-test',
    family: 'SML',
    severity: 'warning',
    fixable: 'partial',
    summary: 'A test catches exceptions by hand where `assertRaises`/`pytest.raises` or plain propagation would say it better.',
    why:
      'Catching exceptions in a test re-implements what the framework already does, and usually less well. ' +
      '`try: call(); self.fail()` with `except E: pass` is `assertRaises(E)` written out, and if the `except` ' +
      'catches `AssertionError` or `Exception`, it swallows its own `self.fail()` and the test can never fail. ' +
      'Checks placed in an `except` block run only when the code raises, so the test passes silently when it ' +
      'does not. An `except Exception` that only calls `self.fail()` hides which error it was. Left alone: ' +
      'handlers that skip the test or re-raise, a specific `except E: self.fail("...")` (an "must not raise E" ' +
      'check with a message), `try` blocks that raise the exception themselves (tests of `raise`/`except`), ' +
      '`try` blocks that check the success path too or sit in a loop, and hand-written forms a comment above explains ' +
      '("avoid assertRaises here because...").',
    fix:
      'Use `with self.assertRaises(E) as cm:` (or `with pytest.raises(E) as exc_info:`) around the one call that ' +
      'should raise, and check `cm.exception` after the block; let unexpected exceptions propagate. The quick ' +
      'fix rewrites the plain `try`/fail/`except E: pass` shape.',
    bad: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_over_quota(self):',
      '        try:',
      '            self.api.create_server(cores=1000)',
      '            self.fail("quota was not enforced")',
      '        except QuotaExceeded:',
      '            pass',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_over_quota(self):',
      '        with self.assertRaises(QuotaExceeded):',
      '            self.api.create_server(cores=1000)',
      '',
    ].join('\n'),
    peers: ['PyNose Exception Handling', 'tsDetect Exception Catching Throwing'],
    detection:
      'Visits each `try_statement` in a collected test whose `except` clauses neither re-raise nor skip. It reports a ' +
      '`try` that ends with `self.fail()`, or has a failure in its `else` or right after it (a hand-written ' +
      '`assertRaises`, an error when its own `except` catches that failure), an `except Exception`/bare `except` that ' +
      'only calls `fail()`, and handlers whose checks run only when the code raises while nothing checks the other ' +
      'path. A `try` whose body raises by itself, that sits in a loop, or that has a comment above naming ' +
      '`assertRaises` is exempt.',
  },
  visit: { try_statement: checkTry },
});
