import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isDocstring, statements } from '../../syntax';
import { expectsFailure, hasDoctest, isAbstract, isCollectedTest, isDrivenByDecorator, isEmptyBody, isSkipDecorated } from './test-bodies';
import { emptyReach, HelperIndex, isVerifyingCall, isVerifyingRaise, mentionsAssertion, recordReach, type Reach } from './verification';

const ID = 'SML003';

interface TestState {
  verified: boolean;
  reach: Reach;
}

function stateOf(ctx: RuleContext): TestState | null {
  const test = ctx.scope.testFunction;
  if (!test?.isTestFunction) return null;
  return test.data<TestState>(ID, () => ({ verified: false, reach: emptyReach() }));
}


function helperIndex(ctx: RuleContext): HelperIndex {
  return ctx.scope.fileFact(`${ID}:index`, (module) => new HelperIndex(module.node, (node) => ctx.qualifiedName(node)));
}

/** pytest-benchmark tests measure; they are not expected to assert. */
function takesBenchmarkFixture(definition: Node): boolean {
  return (definition.childForFieldName('parameters')?.namedChildren ?? []).some((parameter) => {
    const name = parameter?.type === 'identifier' ? parameter : parameter?.namedChildren.find((child) => child?.type === 'identifier');
    return name?.text === 'benchmark';
  });
}

/** The test starts by skipping itself: `self.skipTest(...)`, `pytest.skip(...)`, `raise SkipTest(...)`. */
function skipsFirst(definition: Node): boolean {
  const first = statements(definition.childForFieldName('body')).find((statement) => !isDocstring(statement));
  if (!first) return false;
  const expression = first.type === 'expression_statement' ? first.namedChild(0) : first.type === 'raise_statement' ? first : null;
  return !!expression && /(^|[.\s])(skipTest|skip|SkipTest)\b/.test(expression.text.split('(')[0] ?? '');
}

function judge(definition: Node, ctx: RuleContext): void {
  const test = ctx.scope;
  if (!isCollectedTest(test)) return;
  const state = test.peek<TestState>(ID);
  if (state?.verified) return;
  // An empty body is SML002's finding; skipped and abstract tests are not run as written.
  if (isEmptyBody(definition) || isSkipDecorated(definition) || isAbstract(definition) || hasDoctest(definition)) return;
  if (expectsFailure(definition) || isDrivenByDecorator(definition) || takesBenchmarkFixture(definition) || skipsFirst(definition)) return;
  // The helper index reads the class's helpers, never another test's body: an outline read.
  const testClass = test.parent?.kind === 'class' ? test.parent.classFact('definition', (node) => node) : null;
  if (state && helperIndex(ctx).reachesVerification(state.reach, testClass)) return;
  if (mentionsAssertion(definition)) return;
  const name = definition.childForFieldName('name');
  if (!name) return;
  ctx.report({
    node: name,
    message: `\`${test.name}\` asserts nothing: it passes unless something raises, and does not say what outcome it expects; assert the expected result`,
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'unknown-test',
    family: 'SML',
    severity: 'warning',
    fixable: 'no',
    summary: 'A test that contains no assertion of any kind.',
    why:
      'A test without an assertion passes whenever nothing raises, so it cannot catch a wrong result, and a ' +
      'reader cannot tell which outcome it expects. Assertions count wherever the test reaches them: in ' +
      'nested functions, in `with self.assertRaises(...)`/`pytest.raises(...)`, in mock `assert_*` calls, and in ' +
      'helpers it calls on `self`, `super()` or at module level (followed through the file; helpers defined ' +
      'elsewhere count when named like `check_*`, `verify_*`, `_wait_for_*` or `_test_*`).',
    fix:
      'Assert the outcome the test is about: the returned value, the new state, the call a mock received. ' +
      'For "does not raise" smoke tests, assert something observable about the result anyway.',
    bad: [
      'import unittest',
      '',
      '',
      'class ServerDeleteTest(unittest.TestCase):',
      '    def test_delete_during_rebuild(self):',
      '        server = self.api.create_server(name="vm1")',
      '        self.api.rebuild_server(server["id"], image="cirros")',
      '        self.api.delete_server(server["id"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ServerDeleteTest(unittest.TestCase):',
      '    def test_delete_during_rebuild(self):',
      '        server = self.api.create_server(name="vm1")',
      '        self.api.rebuild_server(server["id"], image="cirros")',
      '        self.api.delete_server(server["id"])',
      '        self._wait_until_deleted(server["id"])',
      '',
      '    def _wait_until_deleted(self, server_id):',
      '        for _ in range(50):',
      '            if server_id not in self.api.list_server_ids():',
      '                return',
      '        self.fail(f"server {server_id} was never deleted")',
      '',
    ].join('\n'),
    peers: ['PyNose Unknown Test', 'tsDetect Unknown Test', 'pytest-smell unknown test'],
    detection:
      'For each collected test it watches the `call`, `assert_statement` and `raise_statement` nodes of the test and ' +
      'its nested functions: an `assert`, a verifying call (`self.assert*`, a mock assertion, `pytest.raises`, a helper ' +
      'named like a check) or a raise of a failure counts as a check. At the end of the test, if there was none, it ' +
      'follows the helpers the test calls in this file and reports the test when none of them verifies and no ' +
      'identifier mentions `assert`; empty, skipped, abstract, expected-failure, decorator-driven and benchmark tests ' +
      'are exempt.',
  },
  visit: {
    call(call, ctx) {
      const state = stateOf(ctx);
      if (!state || state.verified) return;
      if (isVerifyingCall(call, (node) => ctx.qualifiedName(node))) state.verified = true;
      else recordReach(call, state.reach);
    },
    assert_statement(_node, ctx) {
      const state = stateOf(ctx);
      if (state) state.verified = true;
    },
    raise_statement(raise, ctx) {
      const state = stateOf(ctx);
      // A raise in the test's own body is a hand-written failure; one in a nested fake is a side effect.
      if (state && ctx.scope === ctx.scope.testFunction && isVerifyingRaise(raise, true)) state.verified = true;
    },
    'function_definition:exit': judge,
  },
});
