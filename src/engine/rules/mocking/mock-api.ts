/**
 * The parts of the `unittest.mock` API the mocking rules reason about besides patches: the mock classes
 * and the assertion methods a mock really has (anything else, a mock invents on first access).
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';

/** The assertion methods of `Mock`/`AsyncMock`; the ones in NO_ARGUMENT_ASSERTIONS take no arguments. */
export const MOCK_ASSERTIONS = new Set([
  'assert_called',
  'assert_called_once',
  'assert_called_with',
  'assert_called_once_with',
  'assert_any_call',
  'assert_has_calls',
  'assert_not_called',
  'assert_awaited',
  'assert_awaited_once',
  'assert_awaited_with',
  'assert_awaited_once_with',
  'assert_any_await',
  'assert_has_awaits',
  'assert_not_awaited',
]);

export const NO_ARGUMENT_ASSERTIONS = new Set([
  'assert_called',
  'assert_called_once',
  'assert_not_called',
  'assert_awaited',
  'assert_awaited_once',
  'assert_not_awaited',
]);

const MOCK_CLASS_NAMES = ['Mock', 'MagicMock', 'NonCallableMock', 'NonCallableMagicMock', 'AsyncMock'];
const MOCK_CLASSES = new Set(['unittest.mock', 'mock'].flatMap((module) => MOCK_CLASS_NAMES.map((name) => `${module}.${name}`)));
const MOCK_CLASS_LAST_NAMES = new Set(MOCK_CLASS_NAMES);

/** `mock.Mock`, `MagicMock` (imported from a mock module), `unittest.mock.AsyncMock`: the class itself, not a call. */
export function isMockClassReference(node: Node | null | undefined, ctx: Pick<RuleContext, 'qualifiedName'>): boolean {
  if (!node) return false;
  // The last name first: most right-hand sides are not even spelled like a mock class.
  const type = node.type;
  const last = type === 'identifier' ? node.text : type === 'attribute' ? node.childForFieldName('attribute')?.text : undefined;
  if (!last || !MOCK_CLASS_LAST_NAMES.has(last)) return false;
  return MOCK_CLASSES.has(ctx.qualifiedName(node) ?? '');
}

/** The receiver of an attribute is the test case itself: `self.x`, `cls.x`. */
export function isOnTestCase(attribute: Node): boolean {
  const object = attribute.childForFieldName('object');
  return object?.type === 'identifier' && (object.text === 'self' || object.text === 'cls');
}
