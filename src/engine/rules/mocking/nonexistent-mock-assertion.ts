import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { callArguments, calleeLastName } from '../../syntax';
import { selfAssertName } from '../../semantics';
import type { Fix } from '../../types';
import { MOCK_ASSERTIONS, isOnTestCase } from './mock-api';

const ID = 'MCK001';

/** Attributes people call as if they were assertions; a mock answers each with a new child mock. */
const NEAR_MISSES = new Map([
  ['called_once', 'assert_called_once'],
  ['called_once_with', 'assert_called_once_with'],
  ['has_calls', 'assert_has_calls'],
]);
/** Typos of `assert_` that Python's own guard (`assert`/`assret` prefixes) lets through. */
const MISSPELLED_PREFIX = /^(asser|asset|asssert|assset|mock_assert)_/;

/** The real assertion a name stands for, or null when the name is not one of these slips. */
function intendedAssertion(name: string): string | null {
  const nearMiss = NEAR_MISSES.get(name);
  if (nearMiss) return nearMiss;
  const prefix = MISSPELLED_PREFIX.exec(name);
  if (!prefix) return null;
  // Only when the rest names a real assertion: `asset_create()` is an ordinary method of an asset API.
  const intended = `assert_${name.slice(prefix[0].length)}`;
  return MOCK_ASSERTIONS.has(intended) ? intended : null;
}

interface Candidate {
  call: Node;
  method: Node;
  intended: string;
}

/**
 * A method of that name defined anywhere in the file (`def has_calls(self)`) makes the call a real one.
 * Searched in the text, so the answer does not depend on where in the file the definition comes.
 */
function definedInFile(name: string, ctx: RuleContext): boolean {
  return ctx.scope.fileMatches(new RegExp(`\\bdef\\s+${name}\\s*\\(`));
}

function onCall(call: Node, ctx: RuleContext): void {
  const name = calleeLastName(call);
  if (!name || !(NEAR_MISSES.has(name) || MISSPELLED_PREFIX.test(name))) return;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || isOnTestCase(fn)) return;
  const intended = intendedAssertion(name);
  const method = fn.childForFieldName('attribute');
  if (intended && method && !definedInFile(method.text, ctx)) report({ call, method, intended }, ctx);
}

/** `m.retrun_value = ...`: the typo sets an attribute nobody reads, and the mock keeps returning a new mock. */
function onAssignment(assignment: Node, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'attribute' || !left.text.includes('retrun_value')) return;
  for (let current: Node | null = left; current?.type === 'attribute'; current = current.childForFieldName('object')) {
    const attribute = current.childForFieldName('attribute');
    if (attribute?.text !== 'retrun_value' || isOnTestCase(current)) continue;
    ctx.report({
      node: attribute,
      message: '`retrun_value` is a typo of `return_value`: the mock stores it as an ordinary attribute and keeps returning a new mock',
      fix: { title: 'Rename to `return_value`', edits: [replaceNode(attribute, 'return_value')] },
    });
  }
}

/**
 * Renaming is exact for a call that is a statement of its own. Inside `self.assertTrue(...)` or `assert`,
 * the new method returns None, so the whole check becomes the assertion call.
 */
function fixFor(candidate: Candidate): Fix | undefined {
  const { call, method, intended } = candidate;
  const title = `Use \`${intended}\``;
  const parent = call.parent;
  if (parent?.type === 'expression_statement' && parent.namedChildCount === 1) {
    return { title, edits: [replaceNode(method, intended)] };
  }
  const renamed = call.text.slice(0, method.startIndex - call.startIndex) + intended + call.text.slice(method.endIndex - call.startIndex);
  if (parent?.type === 'assert_statement' && parent.namedChildCount === 1) {
    return { title, edits: [replaceNode(parent, renamed)] };
  }
  const check = parent?.type === 'argument_list' ? parent.parent : null;
  if (check?.type === 'call' && selfAssertName(check) === 'assertTrue' && check.parent?.type === 'expression_statement') {
    const args = callArguments(check);
    if (args.positional.length === 1 && args.keywords.size === 0 && !args.hasSplat) return { title, edits: [replaceNode(check, renamed)] };
  }
  return undefined;
}

function report(candidate: Candidate, ctx: RuleContext): void {
  const name = candidate.method.text;
  const fix = fixFor(candidate);
  const receiver = candidate.call.childForFieldName('function')?.childForFieldName('object')?.text ?? 'the mock';
  const shown = receiver.length > 40 ? 'the mock' : `\`${receiver}\``;
  ctx.report({
    node: candidate.call,
    message:
      `\`${name}\` is not a mock assertion: ${shown} creates it on first use, so this call checks nothing` +
      `${NEAR_MISSES.has(name) ? ' (Python 3.12 and later raise AttributeError instead)' : ''}; call \`${candidate.intended}\``,
    ...(fix ? { fix } : {}),
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'nonexistent-mock-assertion',
    family: 'MCK',
    severity: 'error',
    fixable: 'yes',
    summary: 'A mock "assertion" that does not exist, so it passes without checking anything.',
    why:
      'A `Mock` answers any attribute it does not have with a new child mock. `mock_get.called_once_with(1)`, ' +
      '`mock_get.has_calls([...])` or a typo such as `asser_called_once_with` are therefore ordinary calls that ' +
      'return a mock and never fail: the test looks like it verifies the call but checks nothing. The same ' +
      'goes for `retrun_value`, which leaves the mock returning a fresh mock. Calls on `self` and names the file ' +
      'defines as methods are left alone.',
    fix: 'Call the real assertion: `assert_called_once_with`, `assert_has_calls`, `assert_called_once`, `assert_not_called`.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      'from nova.compute import manager',
      '',
      '',
      'class ComputeManagerTest(unittest.TestCase):',
      "    @mock.patch.object(manager.ComputeManager, '_notify_about_instance_usage')",
      '    def test_reboot_notifies(self, mock_notify):',
      '        self.compute.reboot_instance(self.context, self.instance)',
      "        mock_notify.called_once_with(self.context, self.instance, 'reboot.start')",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      'from nova.compute import manager',
      '',
      '',
      'class ComputeManagerTest(unittest.TestCase):',
      "    @mock.patch.object(manager.ComputeManager, '_notify_about_instance_usage')",
      '    def test_reboot_notifies(self, mock_notify):',
      '        self.compute.reboot_instance(self.context, self.instance)',
      "        mock_notify.assert_called_once_with(self.context, self.instance, 'reboot.start')",
      '',
    ].join('\n'),
    peers: ['nova N364'],
    detection:
      'Visits every `call` whose method is a near miss of a mock assertion (`called_once_with`, `has_calls`, ' +
      '`called_once`) or has a misspelled `assert_` prefix (`asser_`, `asset_`...) in front of a real assertion name, ' +
      'on any receiver but `self`/`cls`, unless the file\'s text defines a function of that name (`def has_calls(`). ' +
      'It also visits `assignment` nodes whose target sets an attribute named `retrun_value`.',
  },
  visit: {
    call: onCall,
    assignment: onAssignment,
  },
});
