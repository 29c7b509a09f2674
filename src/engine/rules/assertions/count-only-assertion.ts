import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { brief, hasMessage, lenArgument, selfAssertCall } from './assert-calls';

/**
 * Only the exact form `assertEqual(n, len(x))`. The `assertTrue(len(x) > n)` form is ASR001's finding, whose
 * message carries this rule's advice, so one line never gets two reports. An exact count is already the
 * strongest count check: the advice is to show the items, never to loosen it into `assertGreater`.
 */
function check(call: Node, ctx: RuleContext): void {
  const assertion = selfAssertCall(call);
  if (!assertion || assertion.name !== 'assertEqual' || assertion.args.hasSplat) return;
  const [first, second] = assertion.args.positional;
  if (!first || !second || hasMessage(assertion, 2)) return;
  const firstCounted = lenArgument(first);
  const secondCounted = lenArgument(second);
  // `assertEqual(len(a), len(b))` usually precedes a pairwise comparison of the items.
  if (!firstCounted === !secondCounted) return;
  const collection = (firstCounted ?? secondCounted)!;
  const shown = brief(collection);
  ctx.report({
    node: call,
    message:
      `\`assertEqual(${brief(first)}, ${brief(second)})\` fails with just two numbers; ` +
      `compare \`${shown}\` itself with the expected items, or pass it as the message so a failure shows what is there`,
  });
}

export default defineRule({
  meta: {
    id: 'ASR008',
    name: 'count-only-assertion',
    family: 'ASR',
    severity: 'info',
    fixable: 'no',
    summary: '`assertEqual(n, len(x))` checks only how many items there are, with no message showing them.',
    why:
      'When a count assertion fails, the report says "2 != 3" and nothing about which item is missing or extra, ' +
      'so the next step is always to rerun with a print. Comparing the collection itself (or at least showing ' +
      'it in the message) makes the failure explain itself. The loose form `assertTrue(len(x) > n)` is reported ' +
      'by ASR001, whose message includes this advice.',
    fix:
      'Compare the contents: `assertEqual([\'a\', \'b\'], names)` or `assertCountEqual(expected, x)`. When only ' +
      'the count is known, keep the exact count and pass the collection as the message: ' +
      '`assertEqual(2, len(servers), servers)`.',
    bad: [
      'import unittest',
      '',
      '',
      'class ListServersTest(unittest.TestCase):',
      '    def test_list_active(self):',
      "        servers = self.api.get_servers(status='ACTIVE')",
      '        self.assertEqual(2, len(servers))',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ListServersTest(unittest.TestCase):',
      '    def test_list_active(self):',
      "        servers = self.api.get_servers(status='ACTIVE')",
      "        self.assertEqual(['vm1', 'vm2'], sorted(s['name'] for s in servers))",
      '',
    ].join('\n'),
    peers: ['hacking H205', 'PyNose Magic Number Test'],
  },
  visit: { call: check },
});
