import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { unwrapParens } from '../../syntax';
import { adjacentComments, statementOf } from './comments';
import { raisesCallOf, type RaisesCall } from './raises';

/** Any error at all: too broad for `assertRaises` and `pytest.raises` alike. */
const CATCH_ALL = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);
/** So common that, without `match=`, `pytest.raises` cannot tell the expected one from another (ruff PT011's list). */
const TOO_COMMON = new Set(['ValueError', 'OSError', 'IOError', 'EnvironmentError', 'socket.error']);

/** The broad class among the expected ones (a tuple counts if any member is broad), or null. */
function broadClass(raises: RaisesCall, ctx: RuleContext): Node | null {
  if (!raises.expected || raises.matchesMessage || raises.name.includes('warns') || raises.name.includes('Warns')) return null;
  const expected = unwrapParens(raises.expected);
  const members = expected.type === 'tuple' ? expected.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment') : [expected];
  for (const member of members) {
    const name = ctx.qualifiedName(member);
    if (!name) continue;
    if (CATCH_ALL.has(name) || (raises.style === 'pytest' && TOO_COMMON.has(name))) return member;
  }
  return null;
}

/** `with ... as cm:` followed by a look at `cm`: the test checks the exception after all. */
function inspectsException(call: Node): boolean {
  const item = call.parent?.type === 'as_pattern' ? call.parent : null;
  const alias = item?.childForFieldName('alias')?.namedChild(0);
  if (!item || alias?.type !== 'identifier') return false;
  const statement = item.parent?.parent?.parent;
  if (statement?.type !== 'with_statement') return false;
  let scope: Node | null = statement.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  return scope
    .descendantsOfType('identifier', statement.endPosition, scope.endPosition)
    .some((identifier) => identifier?.text === alias.text && identifier.startIndex >= statement.endIndex);
}

/**
 * The test says why any error will do ("the exact exception raised is not guaranteed", "should raise,
 * not crash"), or the call hands in an instance of that very class (`strict_errors(Exception('x'))`).
 */
function isDeliberate(call: Node, broad: Node): boolean {
  if (call.childForFieldName('arguments')?.text.includes(`${broad.text}(`)) return true;
  return adjacentComments(statementOf(call)).some((comment) => /exception|error|raise|crash|guarantee|fail/i.test(comment.text));
}

function check(call: Node, ctx: RuleContext): void {
  const raises = raisesCallOf(call, ctx);
  if (!raises) return;
  const broad = broadClass(raises, ctx);
  if (!broad || inspectsException(call) || isDeliberate(call, broad)) return;
  const catchAll = CATCH_ALL.has(ctx.qualifiedName(broad) ?? '');
  // `pytest.raises(E, func, *args)` takes no `match=`: the `with` form does.
  const callForm = raises.args.positional.length > 1;
  const advice =
    raises.style === 'unittest'
      ? `name the exception you expect, or use \`assertRaisesRegex\` to check its message`
      : callForm
        ? `name the exception you expect, or use \`with ${raises.name}(${broad.text}, match=...)\` to check its message`
        : `name the exception you expect, or add \`match=\` for its message`;
  const passesOn = catchAll ? 'any error, even a `TypeError` from a typo in the call' : `any \`${broad.text}\` from anywhere in the call`;
  ctx.report({
    node: broad,
    related: [raises.call],
    message: `\`${raises.name}(${broad.text})\` passes on ${passesOn}; ${advice}`,
  });
}

export default defineRule({
  meta: {
    id: 'ASR006',
    name: 'broad-expected-exception',
    family: 'ASR',
    severity: 'warning',
    fixable: 'no',
    summary: '`assertRaises(Exception)`, or `pytest.raises` of a very common error without `match=`.',
    why:
      'An expected-exception check passes as soon as anything of that class is raised. With `Exception` that ' +
      'includes a `TypeError` from a wrong argument or an `AttributeError` from a typo, so the test stays green ' +
      'while the code under test never runs. `ValueError` and `OSError` are raised by so much code that ' +
      '`pytest.raises` needs `match=` to know it caught the right one. A test that inspects the exception ' +
      'afterwards (`as cm`, then `cm.exception`), or whose adjacent comment says why any error will do ("the ' +
      'exact exception is not guaranteed", "should raise, not crash"), is not reported.',
    fix:
      'Expect the specific exception class the code raises. Where only a common class is available, check the ' +
      'message too: `assertRaisesRegex(ValueError, "negative")` or `pytest.raises(ValueError, match="negative")`.',
    bad: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_negative_quota_rejected(self):',
      '        with self.assertRaises(Exception):',
      "            set_quota('ram', -1)",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class QuotaTest(unittest.TestCase):',
      '    def test_negative_quota_rejected(self):',
      "        with self.assertRaisesRegex(ValueError, 'must not be negative'):",
      "            set_quota('ram', -1)",
      '',
    ].join('\n'),
    peers: ['hacking H202', 'ruff B017', 'ruff PT011', 'ruff PT010'],
    detection:
      'Visits every `call` of `self.assertRaises` or `pytest.raises` whose expected class (or a member of a tuple) ' +
      'resolves to `Exception`/`BaseException`, or, for `pytest.raises` only, to a very common class such as ' +
      '`ValueError` or `OSError`. Exempt: `assertRaisesRegex` and `match=`, warning checks, a `with ... as cm` whose ' +
      '`cm` is read after the block, a comment beside the statement about the error, and a call that passes an instance ' +
      'of that class.',
  },
  visit: { call: check },
});
