import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isCollectedTest } from './test-bodies';
import { assertionCall, assertStatement, isInsideSubTest, type Assertion } from './assertions';

const ID = 'SML001';
/** Spadini et al.'s threshold: three assertions, of which two say nothing on failure. */
const MIN_ASSERTIONS = 3;
const MIN_UNLABELED = 2;

interface Tally {
  assertions: number;
  unlabeled: number;
  /** The unlabeled assertions themselves, shown by "Explain". */
  unlabeledNodes: Node[];
}

/** Assertions made by the test's own body: those in nested functions run when (and if) something calls them. */
function count(assertion: Assertion | null, ctx: RuleContext): void {
  const test = ctx.scope;
  if (!assertion || !isCollectedTest(test)) return;
  const tally = test.data<Tally>(ID, () => ({ assertions: 0, unlabeled: 0, unlabeledNodes: [] }));
  tally.assertions++;
  if (!assertion.labeled && !isInsideSubTest(assertion.node, test.node)) {
    tally.unlabeled++;
    tally.unlabeledNodes.push(assertion.node);
  }
}

function judge(definition: Node, ctx: RuleContext): void {
  const tally = ctx.scope.peek<Tally>(ID);
  if (!tally || tally.assertions < MIN_ASSERTIONS || tally.unlabeled < MIN_UNLABELED) return;
  const name = definition.childForFieldName('name');
  if (!name) return;
  ctx.report({
    node: name,
    related: tally.unlabeledNodes,
    message:
      `\`${ctx.scope.name}\` makes ${tally.assertions} assertions, ${tally.unlabeled} of them without a message: a failure ` +
      'report does not say which check broke or why; add messages, use `self.subTest(...)`, or split the test',
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'assertion-roulette',
    family: 'SML',
    severity: 'off',
    fixable: 'no',
    summary: 'A test with three or more assertions, at least two of them without a failure message.',
    why:
      'When one of several unlabeled assertions fails, the report shows two values and a line number, and the ' +
      'reader has to open the test to learn what was being checked. Assertions that name what they expect ' +
      '(`assertRaises(E)`, a mock\'s `assert_called_once_with`) and those inside `self.subTest(...)` count as ' +
      'labeled. Off by default: Python tracebacks point at the failing line, and pytest rewrites plain ' +
      '`assert` statements to show both sides, so many teams accept unlabeled checks.',
    fix:
      'Give the assertions that are not self-explanatory a message (`self.assertEqual(a, b, "quota after resize")`), ' +
      'group related checks under `with self.subTest(...)`, or split the test so each one checks one thing.',
    bad: [
      'import unittest',
      '',
      '',
      'class ResizeTest(unittest.TestCase):',
      '    def test_resize(self):',
      '        server = self.api.resize(self.server, flavor="m1.large")',
      '        self.assertEqual("VERIFY_RESIZE", server["status"])',
      '        self.assertEqual(4, server["vcpus"])',
      '        self.assertTrue(server["migrated"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ResizeTest(unittest.TestCase):',
      '    def test_resize(self):',
      '        server = self.api.resize(self.server, flavor="m1.large")',
      '        self.assertEqual("VERIFY_RESIZE", server["status"], "status after resize")',
      '        self.assertEqual(4, server["vcpus"], "vCPUs of the new flavor")',
      '        self.assertTrue(server["migrated"], "server was not migrated")',
      '',
    ].join('\n'),
    peers: ['PyNose Assertion Roulette', 'tsDetect Assertion Roulette', 'pytest-smell assertion roulette'],
    detection:
      'Counts, in each collected test function, the assertions of its own body: `assert_statement` nodes and `call` ' +
      "nodes that are assertions (`self.assert*`, a mock's `assert_*`, `pytest.raises`...), noting which carry no " +
      'message and are not under `self.subTest(...)`. At the end of the function it reports three or more assertions of ' +
      'which at least two are unlabeled.',
  },
  visit: {
    call(call, ctx) {
      if (ctx.scope.isTestFunction) count(assertionCall(call, ctx), ctx);
    },
    assert_statement(statement, ctx) {
      count(assertStatement(statement), ctx);
    },
    'function_definition:exit': judge,
  },
});
