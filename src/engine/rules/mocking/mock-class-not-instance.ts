import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import type { Fix } from '../../types';
import { isMockClassReference } from './mock-api';
import { newArgumentOf, patchCallOf, patchUsage } from './patches';

const ID = 'MCK003';

function callIt(value: Node): Fix {
  const line = value.endPosition.row + 1;
  const column = value.endPosition.column + 1;
  return { title: `Use an instance: \`${value.text}()\``, edits: [{ line, column, endLine: line, endColumn: column, text: '()' }] };
}

/**
 * `obj.attr = mock.Mock`, `sys.modules['x'] = mock.MagicMock`, `m = mock.Mock` in a function: whatever is
 * configured next (`m.return_value = ...`) lands on the class, for every mock of every later test.
 * A module- or class-level name (`Mock = mock.Mock`) is an alias of the class, not a mock.
 */
function onAssignment(assignment: Node, ctx: RuleContext): void {
  const right = assignment.childForFieldName('right');
  if (!right || !isMockClassReference(right, ctx)) return;
  const left = assignment.childForFieldName('left');
  if (!left) return;
  if (left.type === 'identifier' && ctx.scope.kind !== 'function') return;
  if (left.type !== 'identifier' && left.type !== 'attribute' && left.type !== 'subscript') return;
  ctx.report({
    node: right,
    message:
      `\`${left.text}\` is set to the class \`${right.text}\`, not a mock: configuring it (\`return_value\`, ` +
      'side effects) changes the class for every later test; use an instance',
    fix: callIt(right),
  });
}

/** `mock.patch('x', new=mock.Mock)`: the patched name becomes the class itself. */
function onCall(call: Node, ctx: RuleContext): void {
  const patch = patchCallOf(call, ctx);
  if (!patch || (patch.library !== 'mock' && patch.library !== 'fixtures')) return;
  const value = newArgumentOf(patch);
  if (!value || !isMockClassReference(value, ctx)) return;
  const keyword = value.parent?.type === 'keyword_argument' ? value.parent : null;
  let fix: Fix = callIt(value);
  // A decorator given `new_callable` passes one more argument to the test: there, only `new=Mock()` keeps the signature.
  if (keyword && patchUsage(patch).kind !== 'decorator' && !patch.args.keywords.has('new_callable')) {
    fix = { title: `Pass \`new_callable=${value.text}\``, edits: [replaceNode(keyword, `new_callable=${value.text}`)] };
  }
  ctx.report({
    node: value,
    message:
      `The patch replaces its target with the class \`${value.text}\`, not a mock: settings made through it change ` +
      'the class for every later test; use an instance or `new_callable`',
    fix,
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'mock-class-not-instance',
    family: 'MCK',
    severity: 'error',
    fixable: 'yes',
    summary: 'A mock class (`mock.Mock`) is used where a mock instance (`mock.Mock()`) was meant.',
    why:
      'Assigning `mock.Mock` (without parentheses) or patching with `new=mock.MagicMock` puts the class itself in ' +
      'place. Calls then build throwaway instances nobody can inspect, and whatever the test configures on it, ' +
      'such as `return_value` or an attribute, is set on the `Mock` class and leaks into every mock of every ' +
      'later test. Module- and class-level aliases (`Mock = mock.Mock`) are not reported.',
    fix:
      'Use an instance: `self.api.get = mock.Mock()`, or let the patch build one: `new_callable=mock.Mock` in a ' +
      '`with` or `start()`, `new=mock.Mock()` in a decorator (where `new_callable` would add a test parameter).',
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
  },
  visit: {
    assignment: onAssignment,
    call: onCall,
  },
});
