import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { dottedName } from '../../syntax';
import type { Fix } from '../../types';
import { isMockClassReference } from './mock-api';
import { newArgumentOf, patchCallOf, patchUsage, type PatchCall } from './patches';

const ID = 'MCK003';

function callIt(value: Node): Fix {
  const line = value.endPosition.row + 1;
  const column = value.endPosition.column + 1;
  return { title: `Use an instance: \`${value.text}()\``, edits: [{ line, column, endLine: line, endColumn: column, text: '()' }] };
}

/**
 * Where `name` gets an attribute set after `from` (`name.return_value = 1`, `name.api.get = f`): on the
 * class, that setting outlives the test. Searched in the method, or in the whole class for `self.x`.
 * Returns the first such assignment (null if its node cannot be told) and its 1-based line, or null.
 */
function configuredAt(name: string, after: Node, ctx: RuleContext): { line: number; assignment: Node | null } | null {
  const container = /^(self|cls)\./.test(name) ? ctx.scope.enclosingClass?.node : ctx.scope.kind === 'function' ? ctx.scope.node : null;
  if (!container) return null;
  const text = container.text;
  // In a class, the test that configures `self.x` may come before the `setUp` that assigns it.
  const from = container.type === 'class_definition' ? 0 : Math.max(0, after.endIndex - container.startIndex);
  const escaped = name.replace(/\./g, '\\.');
  const pattern = new RegExp(`(?<![\\w.])${escaped}(\\.\\w+)+[ \\t]*=(?!=)`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match) return null;
  const line = container.startPosition.row + 1 + (text.slice(0, match.index).match(/\n/g)?.length ?? 0);
  // The smallest node spanning `name.attr =` is the assignment itself.
  const start = container.startIndex + match.index;
  const spanning = container.descendantForIndex(start, start + match[0].length - 1);
  return { line, assignment: spanning?.type === 'assignment' ? spanning : null };
}

function message(holder: string, value: Node, line: number): string {
  return (
    `\`${holder}\` is the class \`${value.text}\`, not a mock: the attribute set on it on line ${line} becomes a class ` +
    `attribute that every later mock sees; use an instance (\`${value.text}()\`)`
  );
}

/**
 * `client = mock.MagicMock` then `client.servers = {}`: the setting lands on the class. An assignment nobody
 * configures (a constructor stand-in, an alias such as `Mock = mock.Mock`) leaks nothing and is not reported.
 */
function onAssignment(assignment: Node, ctx: RuleContext): void {
  const right = assignment.childForFieldName('right');
  if (!right || !isMockClassReference(right, ctx) || ctx.scope.kind !== 'function') return;
  const name = dottedName(assignment.childForFieldName('left'));
  const setting = name ? configuredAt(name, assignment, ctx) : null;
  if (!name || setting === null) return;
  ctx.report({ node: right, related: setting.assignment ? [setting.assignment] : [], message: message(name, right, setting.line), fix: callIt(right) });
}

/**
 * The name a patch's replacement is bound to, and the node after which the test configures it:
 * `with patch(...) as m`, `m = patch(...).start()`, `p = patch(...)` ... `m = p.start()`.
 */
function boundName(patch: PatchCall, ctx: RuleContext): { name: string; after: Node } | null {
  const usage = patchUsage(patch);
  if (usage.kind === 'with' && usage.alias) {
    const name = dottedName(usage.alias.type === 'as_pattern_target' ? usage.alias.namedChild(0) : usage.alias);
    return name ? { name, after: patch.call } : null;
  }
  if (usage.kind === 'started') {
    const assignment = usage.at.parent;
    const name = assignment?.type === 'assignment' ? dottedName(assignment.childForFieldName('left')) : null;
    return name && assignment ? { name, after: assignment } : null;
  }
  if (usage.kind === 'assigned' && ctx.scope.kind === 'function') {
    const escaped = usage.name.replace(/\./g, '\\.');
    const start = new RegExp(`(?<![\\w.])([A-Za-z_][\\w.]*)[ \\t]*=[ \\t]*${escaped}\\.start\\(\\)`).exec(ctx.scope.node.text);
    return start?.[1] ? { name: start[1], after: usage.assignment } : null;
  }
  return null;
}

/** `with mock.patch('x', new=mock.Mock) as m: m.return_value = 1`: the patched name is the class itself. */
function onCall(call: Node, ctx: RuleContext): void {
  const patch = patchCallOf(call, ctx);
  if (!patch || (patch.library !== 'mock' && patch.library !== 'fixtures')) return;
  const value = newArgumentOf(patch);
  if (!value || !isMockClassReference(value, ctx)) return;
  const bound = boundName(patch, ctx);
  const setting = bound ? configuredAt(bound.name, bound.after, ctx) : null;
  if (!bound || setting === null) return;
  const keyword = value.parent?.type === 'keyword_argument' ? value.parent : null;
  const fix: Fix =
    keyword && !patch.args.keywords.has('new_callable')
      ? { title: `Pass \`new_callable=${value.text}\``, edits: [replaceNode(keyword, `new_callable=${value.text}`)] }
      : callIt(value);
  ctx.report({ node: value, related: setting.assignment ? [setting.assignment] : [], message: message(bound.name, value, setting.line), fix });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'mock-class-not-instance',
    family: 'MCK',
    severity: 'error',
    fixable: 'yes',
    summary: 'A mock class (`mock.MagicMock`) is configured where a mock instance was meant.',
    why:
      'Assigning `mock.MagicMock` without parentheses, or patching with `new=mock.Mock`, puts the class itself in ' +
      'place. Whatever the test then sets on it (`client.servers = {}`, `m.return_value = 1`) becomes an attribute ' +
      'of the `MagicMock` class, which every mock of every later test inherits: tests pass or fail depending on ' +
      'which ran before. Reported when the test sets such an attribute; a class used only as a constructor ' +
      'stand-in or an alias (`Mock = mock.Mock`) leaks nothing.',
    fix:
      'Use an instance: `client = mock.MagicMock()`, or let the patch build one with `new_callable=mock.Mock` ' +
      '(in a `with` or with `start()`).',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ImageCacheTest(unittest.TestCase):',
      '    def test_refresh(self):',
      '        cache = ImageCache()',
      '        cache.fetch = mock.MagicMock',
      "        cache.fetch.return_value = b'image'",
      '        cache.refresh()',
      "        self.assertEqual(b'image', cache.data)",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ImageCacheTest(unittest.TestCase):',
      '    def test_refresh(self):',
      '        cache = ImageCache()',
      "        cache.fetch = mock.MagicMock(return_value=b'image')",
      '        cache.refresh()',
      "        self.assertEqual(b'image', cache.data)",
      '',
    ].join('\n'),
    peers: ['nova N367', 'nova N368'],
    detection:
      'Visits `assignment` nodes in functions whose right side is a mock class itself (`mock.Mock`, `MagicMock`, ' +
      'resolved through the imports), and patch `call` nodes whose `new` is such a class and whose mock is bound to a ' +
      'name (`as m`, `m = p.start()`). It reports only when the source after the binding (in the function, or in the ' +
      'whole class for `self.x`) sets an attribute on that name, as in `m.return_value = ...`.',
  },
  visit: {
    assignment: onAssignment,
    call: onCall,
  },
});
