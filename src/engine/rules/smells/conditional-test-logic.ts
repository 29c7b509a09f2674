import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { calleeName, statements, stringValue, unwrapParens } from '../../syntax';
import { isCollectedTest, isDrivenByDecorator } from './test-bodies';
import { isVerifyingCall } from './verification';
import { isInsideSubTest } from './assertions';

const ID = 'SML004';

type Span = readonly [start: number, end: number];

/** Statements already reported in this test, by extent: constructs nested in them add nothing new. */
function reportedIn(ctx: RuleContext): Span[] {
  return ctx.scope.data<Span[]>(ID, () => []);
}

/** The lambdas of the test's body, by extent. */
function lambdasIn(ctx: RuleContext): Span[] {
  const body = ctx.scope.node;
  return ctx.scope.data<Span[]>(`${ID}:lambdas`, () => body.descendantsOfType('lambda').flatMap((lambda) => (lambda ? [[lambda.startIndex, lambda.endIndex] as const] : [])));
}

/**
 * Directly in the test's own body (not in a nested def or lambda), and not inside a construct that is
 * already reported: one finding per outermost piece of logic.
 */
function isOutermostInTest(node: Node, ctx: RuleContext): boolean {
  const scope = ctx.scope;
  if (!isCollectedTest(scope)) return false;
  // A test run by a driver decorator (`@jump_test(...)`) is sample code for the driver, not a test body.
  if (scope.data(`${ID}:driven`, () => isDrivenByDecorator(scope.node))) return false;
  // Containment by extent rather than a walk up through `parent`: each step of that walk costs the node's
  // depth in tree-sitter, and hundreds of nested `if`s made the rule take seconds.
  const within = ([start, end]: Span) => start <= node.startIndex && node.endIndex <= end;
  return !reportedIn(ctx).some(within) && !lambdasIn(ctx).some(within);
}

/** Checks inside: assertions, or calls that verify (`self._check_state(x)`), as SML003 counts them. */
function hasAssertion(node: Node, ctx: RuleContext): boolean {
  return checksIn(node, ctx).length > 0;
}

function checksIn(node: Node, ctx: RuleContext): Node[] {
  return node.descendantsOfType(['assert_statement', 'call']).filter((found): found is Node =>
    !!found && (found.type === 'assert_statement' || isVerifyingCall(found, (callee) => ctx.qualifiedName(callee))));
}

/**
 * Every check in the loop runs inside `with self.subTest(...)` (at any depth: an inner loop, after some
 * setup): each case is reported on its own, which is the fix.
 */
function loopsOverSubTests(loop: Node, ctx: RuleContext): boolean {
  const checks = checksIn(loop, ctx);
  return checks.length > 0 && checks.every((check) => isInsideSubTest(check, loop));
}

/**
 * An `if` whose only job is to skip, fail, or steer a poll loop (`break`/`continue`): a run-time skip, a
 * hand-written assertion or loop control, not a branch of the test.
 */
function onlySkipsOrFails(statement: Node): boolean {
  if (statement.childForFieldName('alternative')) return false;
  const body = statements(statement.childForFieldName('consequence'));
  return body.length > 0 && body.every((line) => {
    if (['raise_statement', 'break_statement', 'continue_statement'].includes(line.type)) return true;
    // `return self.skipTest(...)` skips as well as the plain call does.
    const call = line.type === 'expression_statement' || line.type === 'return_statement' ? line.namedChild(0) : null;
    return call?.type === 'call' && /(^|\.)(skipTest|skip|fail)$/.test(calleeName(call) ?? '');
  });
}

/** `for case in [...]`, `for i in range(5)`: a fixed table of cases, never empty. */
function iteratesFixedCases(loop: Node): boolean {
  const right = loop.childForFieldName('right');
  if (!right) return false;
  const iterable = unwrapParens(right);
  if (iterable.type === 'string') return !!stringValue(iterable);
  if (['list', 'tuple', 'set', 'dictionary', 'expression_list'].includes(iterable.type)) return iterable.namedChildCount > 0;
  if (iterable.type !== 'call' || calleeName(iterable) !== 'range') return false;
  const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length > 0 && args.every((arg) => arg?.type === 'integer');
}

function keywordRange(statement: Node): { node: Node; endNode?: Node } {
  const first = statement.child(0)!;
  // `async for`: cover both words.
  if (first.type === 'async') return { node: first, endNode: statement.child(1) ?? first };
  return { node: first };
}

function report(node: Node, ctx: RuleContext, message: string, range: { node: Node; endNode?: Node } = keywordRange(node)): void {
  reportedIn(ctx).push([node.startIndex, node.endIndex]);
  // The finding covers the keyword; the whole construct is what was judged.
  ctx.report({ ...range, related: range.node.id === node.id ? [] : [node], message });
}

function checkIf(statement: Node, ctx: RuleContext): void {
  if (!isOutermostInTest(statement, ctx) || onlySkipsOrFails(statement)) return;
  report(statement, ctx, `\`if\` in test \`${ctx.scope.name}\`: one of the branches does not run, and the test does not say which; split it into separate tests or parametrize`);
}

/** Like loops, a `match` is reported when its cases assert: one that only computes a value checked afterwards is the code under test. */
function checkMatch(statement: Node, ctx: RuleContext): void {
  if (!isOutermostInTest(statement, ctx) || !hasAssertion(statement, ctx)) return;
  report(statement, ctx, `\`match\` in test \`${ctx.scope.name}\`: only one case runs per test run; write one test per case or parametrize`);
}

/** `for _ in range(30)`: the same check repeated (a warm-up, a stress run), not a table of cases. */
function repeatsTheSameCheck(loop: Node): boolean {
  return loop.type === 'for_statement' && loop.childForFieldName('left')?.text === '_' && iteratesFixedCases(loop);
}

/** Loops are reported when they hold assertions: those may run zero times, and a failure does not name its case. */
function checkLoop(loop: Node, ctx: RuleContext): void {
  if (!isOutermostInTest(loop, ctx) || repeatsTheSameCheck(loop) || !hasAssertion(loop, ctx) || loopsOverSubTests(loop, ctx)) return;
  const keyword = loop.type === 'while_statement' ? 'while' : 'for';
  const advice = keyword === 'for' && iteratesFixedCases(loop)
    ? 'asserts over a fixed table of cases: the first failure stops the rest and does not name its case; parametrize the test or wrap each case in `self.subTest(...)`'
    : 'asserts inside a loop: the assertions may run zero times, and a failure does not say which iteration broke; parametrize or use `self.subTest(...)`';
  report(loop, ctx, `\`${keyword}\` in test \`${ctx.scope.name}\` ${advice}`);
}

/**
 * A comprehension is reported only when it runs assertions (`[self.assertTrue(x) for x in xs]`): one that
 * builds the expected or actual value of an assertion is ordinary data shaping, and one run for side effects
 * is a loop without checks, which is not reported either.
 */
function checkComprehension(node: Node, ctx: RuleContext): void {
  if (!isOutermostInTest(node, ctx) || !hasAssertion(node, ctx)) return;
  report(node, ctx, `Comprehension in test \`${ctx.scope.name}\` runs its checks once per element, maybe for none, and a failure does not name the element; loop with \`self.subTest(...)\` or parametrize, or assert on the collected values`, { node });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'conditional-test-logic',
    family: 'SML',
    severity: 'info',
    fixable: 'no',
    summary: 'Branches, assertion loops or `match` inside a test body.',
    why:
      'A test with an `if` runs only one branch per run, so part of it is never exercised, and nothing says ' +
      'which part. Assertions inside a loop may run zero times when the collection is unexpectedly empty, and ' +
      'the first failure hides which case broke. Loops whose checks all run in `with self.subTest(...)` are fine, as are ' +
      'loops that only set things up, `for _ in range(n)` repeating one check, a `match` whose cases only ' +
      'compute a value checked afterwards, tests run by a driver decorator (`@jump_test(...)`), ' +
      'comprehensions that build a value to compare, and an `if` that only skips, fails or steers a poll loop ' +
      '(`break`/`continue`).',
    fix:
      'Write one test per branch, parametrize the cases (`@pytest.mark.parametrize`, `ddt`, `testscenarios`), ' +
      'or run each case in `with self.subTest(case=...)`. Assert on a whole collection instead of element by ' +
      'element.',
    bad: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_flavor_names(self):',
      '        for name in ["m1.tiny", "m1.small", "m1.large"]:',
      '            flavor = self.api.get_flavor(name)',
      '            self.assertEqual(name, flavor["name"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class FlavorTest(unittest.TestCase):',
      '    def test_flavor_names(self):',
      '        for name in ["m1.tiny", "m1.small", "m1.large"]:',
      '            with self.subTest(flavor=name):',
      '                flavor = self.api.get_flavor(name)',
      '                self.assertEqual(name, flavor["name"])',
      '',
    ].join('\n'),
    peers: ['PyNose Conditional Test Logic', 'tsDetect Conditional Test Logic', 'pytest-smell conditional logic'],
    detection:
      'Visits `if_statement`, `match_statement`, `for_statement`, `while_statement` and comprehension nodes in the body ' +
      'of a collected test (not in lambdas, and not inside a construct already reported). An `if` is reported unless it ' +
      'only skips, fails, breaks or continues; loops, `match` and comprehensions only when they contain assertions, and ' +
      'loops not when every check runs under `self.subTest(...)` or the loop is `for _ in` a fixed table.',
  },
  visit: {
    if_statement: checkIf,
    match_statement: checkMatch,
    for_statement: checkLoop,
    while_statement: checkLoop,
    list_comprehension: checkComprehension,
    set_comprehension: checkComprehension,
    dictionary_comprehension: checkComprehension,
    generator_expression: checkComprehension,
  },
});
