/** Reading `try`/`except` in tests: shared by SML005 (exception handling) and SML006 (swallowed exception). */
import type { Node } from 'web-tree-sitter';
import { callArguments, calleeLastName, calleeName, isFalsyLiteral, statements, unwrapParens } from '../../syntax';
import { isFailure } from '../assertions/assert-calls';

export function exceptClauses(tryStatement: Node): Node[] {
  return tryStatement.namedChildren.filter((child): child is Node => child?.type === 'except_clause' || child?.type === 'except_group_clause');
}

export function handlerBody(clause: Node): Node[] {
  return statements(clause.namedChildren.find((child) => child?.type === 'block'));
}

/** What an `except` clause catches (`except (A, B) as e` -> `(A, B)`), or null for a bare `except:`. */
export function caughtExpression(clause: Node): Node | null {
  const value = clause.childForFieldName('value') ?? clause.namedChildren.find((child) => child && child.type !== 'block' && child.type !== 'comment');
  if (!value) return null;
  const caught = value.type === 'as_pattern' ? value.namedChild(0) : value;
  return caught ? unwrapParens(caught) : null;
}

/** The class names a clause catches: `A`, `B` for `except (A, B)`; empty for a bare `except:`. */
export function caughtNames(clause: Node): string[] {
  const caught = caughtExpression(clause);
  if (!caught) return [];
  const members = caught.type === 'tuple' ? caught.namedChildren : [caught];
  return members.flatMap((member) => (member && member.type !== 'comment' ? [member.text] : []));
}

/** The name bound by `except E as name`, or null. */
export function exceptionAlias(clause: Node): string | null {
  const value = clause.childForFieldName('value');
  if (value?.type !== 'as_pattern') return null;
  return value.childForFieldName('alias')?.namedChild(0)?.text ?? null;
}

/** A clause that catches what a failing assertion raises: bare, `Exception`, `BaseException`, `AssertionError`. */
export function catchesAssertionError(clause: Node): boolean {
  const names = caughtNames(clause);
  if (names.length === 0) return true;
  return names.some((name) => /(^|\.)(Exception|BaseException|AssertionError|failureException)$/.test(name));
}

/** `raise`, re-raising what was caught (possibly after cleanup). */
export function reraises(statement: Node): boolean {
  return statement.type === 'raise_statement' && statement.namedChildren.every((child) => child?.type === 'comment');
}

/** A statement that fails the test: `self.fail(...)`, `pytest.fail(...)`, `assert False`, `raise AssertionError(...)`. */
export function isTestFailure(statement: Node): boolean {
  if (statement.type !== 'raise_statement') return isFailure(statement) || assertsFalsyLiteral(statement);
  const raised = statement.namedChildren.find((child) => child && child.type !== 'comment');
  const target = raised?.type === 'call' ? raised.childForFieldName('function') : raised;
  return !!target && /(^|\.)(AssertionError|failureException)$/.test(target.text);
}

/** `self.assertTrue(False)`, numpy's `assert_(0)`: a failure spelled as an assertion. */
function assertsFalsyLiteral(statement: Node): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (call?.type !== 'call' || !/^(assert_?|assertTrue|failUnless)$/.test(calleeLastName(call) ?? '')) return false;
  const first = callArguments(call).positional[0];
  return !!first && isFalsyLiteral(first);
}

/** `self.skipTest(...)`, `pytest.skip(...)`, `raise unittest.SkipTest(...)`: the test is skipped from here. */
export function isSkip(statement: Node): boolean {
  const expression = statement.type === 'expression_statement' ? statement.namedChild(0) : statement.type === 'raise_statement' ? statement.namedChild(0) : null;
  if (!expression) return false;
  const callee = expression.type === 'call' ? calleeName(expression) : expression.text;
  return !!callee && /(^|\.)(skipTest|skip|SkipTest|importorskip|skip_unless\w*|skip_if\w*)$/i.test(callee);
}
