import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isStdlibTestBase, positionalBases } from '../fixtures/class-bases';
import { brief, renameMethod, selfAssertCall, type SelfAssertCall } from './assert-calls';

/** Old name -> modern name; null where no rename is equivalent. */
const MODERN: Record<string, string | null> = {
  assertEquals: 'assertEqual',
  assertNotEquals: 'assertNotEqual',
  assert_: 'assertTrue',
  failUnless: 'assertTrue',
  failIf: 'assertFalse',
  failUnlessEqual: 'assertEqual',
  failIfEqual: 'assertNotEqual',
  failUnlessRaises: 'assertRaises',
  assertAlmostEquals: 'assertAlmostEqual',
  assertNotAlmostEquals: 'assertNotAlmostEqual',
  failUnlessAlmostEqual: 'assertAlmostEqual',
  failIfAlmostEqual: 'assertNotAlmostEqual',
  assertRegexpMatches: 'assertRegex',
  assertNotRegexpMatches: 'assertNotRegex',
  assertRaisesRegexp: 'assertRaisesRegex',
  assertDictContainsSubset: null,
  assertItemsEqual: 'assertCountEqual',
};

/** testtools.TestCase still defines these four, so they only break on plain unittest. */
const KEPT_BY_TESTTOOLS = new Set(['assertEquals', 'failUnlessEqual', 'failUnlessRaises', 'assertItemsEqual']);

function derivesFromStdlibDirectly(ctx: RuleContext): boolean {
  const owner = ctx.scope.enclosingClass;
  return !!owner && positionalBases(owner.node).some((base) => isStdlibTestBase(base, ctx));
}

function dictSubsetAdvice(assertion: SelfAssertCall): string {
  const [subset, actual] = assertion.args.positional;
  const expected = subset ? brief(subset, 24) : 'expected';
  const whole = actual ? brief(actual, 24) : 'actual';
  return `write \`assertEqual({**${whole}, **${expected}}, ${whole})\`, whose failure shows the differing keys`;
}

function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || !(assertion.name in MODERN)) return;
  const modern = MODERN[assertion.name] ?? null;
  const old = `\`${assertion.name}\``;
  if (modern === null) {
    ctx.report({
      node: assertion.method,
      message: `${old} was removed in Python 3.12 (AttributeError at run time); ${dictSubsetAdvice(assertion)}`,
    });
    return;
  }
  const fix = { title: `Rename to \`${modern}\``, edits: [renameMethod(assertion, modern)] };
  // Whether testtools keeps the alias depends on the class's bases: shown by "Explain".
  const owner = ctx.scope.enclosingClass;
  const related = KEPT_BY_TESTTOOLS.has(assertion.name) && owner ? positionalBases(owner.node) : [];
  if (KEPT_BY_TESTTOOLS.has(assertion.name) && !derivesFromStdlibDirectly(ctx)) {
    const gone = assertion.name === 'assertItemsEqual' ? 'exists only in Python 2\'s unittest' : 'was removed from unittest in Python 3.12';
    ctx.report({
      node: assertion.method,
      related,
      severity: 'warning',
      message: `${old} ${gone} and survives only as a testtools alias; use \`${modern}\``,
      fix,
    });
    return;
  }
  const gone = assertion.name === 'assertItemsEqual' ? 'exists only in Python 2' : 'was removed in Python 3.12';
  ctx.report({ node: assertion.method, related, message: `${old} ${gone} (AttributeError at run time); use \`${modern}\``, fix });
}

export default defineRule({
  meta: {
    id: 'ASR005',
    name: 'removed-assert-alias',
    family: 'ASR',
    severity: 'error',
    fixable: 'partial',
    summary: 'A unittest assertion alias that Python 3.12 removed (`assertEquals`, `failUnless`, `assertItemsEqual`...).',
    why:
      'The old aliases were deprecated since Python 3.2 and removed in 3.12: on a current interpreter the call ' +
      'raises AttributeError, so the test errors instead of checking anything. `assertItemsEqual` never existed ' +
      'in Python 3\'s unittest. testtools still keeps `assertEquals`, `failUnlessEqual`, `failUnlessRaises` and ' +
      '`assertItemsEqual`; in classes that are not direct `unittest.TestCase` subclasses those four are a warning.',
    fix:
      'Use the modern name (`assertEqual`, `assertTrue`, `assertRaisesRegex`, `assertCountEqual`...). ' +
      '`assertDictContainsSubset(expected, actual)` has no direct successor: write ' +
      '`assertEqual({**actual, **expected}, actual)`.',
    bad: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_defaults(self):',
      '        quotas = get_default_quotas()',
      "        self.assertEquals(10, quotas['instances'])",
      "        self.assertItemsEqual(['cores', 'instances', 'ram'], quotas)",
      "        self.assertRaisesRegexp(ValueError, 'negative', set_quota, 'ram', -1)",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_defaults(self):',
      '        quotas = get_default_quotas()',
      "        self.assertEqual(10, quotas['instances'])",
      "        self.assertCountEqual(['cores', 'instances', 'ram'], quotas)",
      "        self.assertRaisesRegex(ValueError, 'negative', set_quota, 'ram', -1)",
      '',
    ].join('\n'),
    peers: ['ruff UP005', 'hacking H213', 'nova N335', 'nova N361', 'teyit alias table'],
    detection:
      'Visits every `call` of a method on `self`/`cls` named like an old alias (`assertEquals`, `failUnless`, ' +
      '`assertItemsEqual`, `assertDictContainsSubset`...) and reports the method name. For the four aliases testtools ' +
      'still defines the finding is only a warning, unless the enclosing class derives directly from the stdlib ' +
      '`TestCase`.',
  },
  visit: { call: check },
});
