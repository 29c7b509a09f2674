import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { normalizedText } from '../../syntax';
import { brief, hasMessage, lenArgument, selfAssertCall } from './assert-calls';

/** `info.file_size`, `size + 8`, `nbytes`: a size compared with a length (of a payload), not a count of items. */
function isSizeExpression(node: Node): boolean {
  return /size|len|bytes/i.test(node.text);
}

/** The assertion statement beside `statement` (`step` 1: after it, -1: before it), skipping comments. */
function neighbour(statement: Node, step: 1 | -1): Node | null {
  let current = step === 1 ? statement.nextSibling : statement.previousSibling;
  while (current?.type === 'comment') current = step === 1 ? current.nextSibling : current.previousSibling;
  return current && /assert/i.test(current.text) ? current : null;
}

/**
 * The assertion right before or after checks the collection's items (`assertEqual(list(d), [o2])`,
 * `assertIsInstance(x[0], cls)`): the count guards the indexing or repeats the check, and the items are
 * shown anyway.
 */
function neighbourLooksAt(call: Node, collection: Node): boolean {
  const statement = call.parent?.type === 'expression_statement' ? call.parent : null;
  if (!statement) return false;
  const escaped = normalizedText(collection).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mention = new RegExp(`(^|[^\\w.])${escaped}($|[^\\w(])`);
  if ([neighbour(statement, 1), neighbour(statement, -1)].some((other) => !!other && mention.test(normalizedText(other)))) return true;
  // `level, kind, data = ancdata[0]`: the count guards an unpacking whose parts are asserted next.
  let next = statement.nextSibling;
  while (next?.type === 'comment') next = next.nextSibling;
  return !!next && normalizedText(next).includes(`${normalizedText(collection)}[`);
}

/** `len(Guess30Len5())`, `len(MMB[str, str]())`: a fresh instance of a class, whose `__len__` is what is tested. */
function isFreshInstance(collection: Node): boolean {
  if (collection.type !== 'call') return false;
  let callee = collection.childForFieldName('function');
  if (callee?.type === 'subscript') callee = callee.childForFieldName('value');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
  return !!name && /^_?[A-Z]/.test(name);
}

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
  const expected = firstCounted ? second : first;
  if (isSizeExpression(expected) || isFreshInstance(collection) || neighbourLooksAt(call, collection)) return;
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
      'by ASR001, whose message includes this advice. A count right before a check of the items ' +
      '(`assertEqual(len(x), 1)` then `assertIsInstance(x[0], T)`) or right after one only guards or repeats it, ' +
      'so it is not reported, nor is a length compared with a size (`assertEqual(info.file_size, len(data))`) or ' +
      'the length of a fresh instance (`len(MyMapping())`, a test of `__len__` itself).',
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
    detection:
      'Visits every `call` of `self.assertEqual` without a message where exactly one of the two arguments is `len(x)`. ' +
      'Exempt: the other side looks like a size (`size`, `len`, `bytes`), `x` is a fresh instance of a class, or the ' +
      'assertion just before or after (or an unpacking right after) mentions `x`.',
  },
  visit: { call: check },
});
