import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import { calleeLastName, unwrapParens } from '../../syntax';
import type { Fix, TextEdit } from '../../types';
import { MOCK_ASSERTIONS, NO_ARGUMENT_ASSERTIONS, isOnTestCase } from './mock-api';

const ID = 'MCK002';

/** `m.assert_has_calls = [...]` -> `m.assert_has_calls([...])`: the value becomes the expected arguments. */
function assignmentFix(statement: Node, assignment: Node, left: Node, name: string): Fix | undefined {
  const right = assignment.childForFieldName('right');
  if (!right || assignment.childForFieldName('type') || right.type === 'assignment' || right.type === 'augmented_assignment') return undefined;
  let args: string | null;
  if (NO_ARGUMENT_ASSERTIONS.has(name)) {
    // `m.assert_not_called = True` means "it is so"; any other value leaves the intent unclear.
    args = right.type === 'true' || right.type === 'none' ? '' : null;
  } else {
    const value = unwrapParens(right);
    // `= (a, b)` and `= a, b` list the arguments; anything else is the one argument.
    const elements = value.type === 'tuple' || value.type === 'expression_list' ? value.namedChildren : null;
    args = elements ? (elements.some((element) => element?.type === 'comment') ? null : elements.map((element) => element!.text).join(', ')) : right.text;
  }
  if (args === null) return undefined;
  const edit: TextEdit = replaceNode(statement, `${left.text}(${args})`);
  return { title: `Call \`${name}(...)\` instead of assigning to it`, edits: [edit] };
}

function onAssignment(assignment: Node, ctx: RuleContext): void {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'attribute') return;
  const name = left.childForFieldName('attribute')?.text ?? '';
  // Only the real assertion names: `obj.assert_valid = validator` is an ordinary attribute of a fake.
  if (!MOCK_ASSERTIONS.has(name) || isOnTestCase(left)) return;
  const statement = assignment.parent;
  const fix = statement?.type === 'expression_statement' && statement.namedChildCount === 1 ? assignmentFix(statement, assignment, left, name) : undefined;
  ctx.report({
    node: assignment,
    message: `Assigning to \`${left.text}\` replaces the assertion instead of running it: nothing is checked; call \`${name}(...)\` with the expected arguments`,
    ...(fix ? { fix } : {}),
  });
}

/** In `with self.assertRaises(AttributeError):` or `pytest.raises(...)` the bare lookup is the point of the test. */
function expectsRaise(statement: Node): boolean {
  for (let current = statement.parent; current && current.type !== 'function_definition' && current.type !== 'module'; current = current.parent) {
    if (current.type !== 'with_statement') continue;
    const items = current.namedChildren.find((child) => child?.type === 'with_clause')?.namedChildren ?? [];
    for (const item of items) {
      const value = item?.childForFieldName('value');
      const entered = value?.type === 'as_pattern' ? value.namedChild(0) : value;
      if (entered?.type === 'call' && /^(assertRaises\w*|raises)$/.test(calleeLastName(entered) ?? '')) return true;
    }
  }
  return false;
}

/** `m.assert_called_once` on a line of its own: the method is looked up and thrown away. */
function onExpressionStatement(statement: Node, ctx: RuleContext): void {
  if (statement.namedChildCount !== 1) return;
  const expression = statement.namedChild(0);
  if (expression?.type !== 'attribute') return;
  const method = expression.childForFieldName('attribute');
  const name = method?.text ?? '';
  // `assertEqual`, `assert_called`, `failUnless`, `fail`; not `assertions` or `failures`.
  if (!/^(assert|fail)($|[A-Z_])/.test(name) || expectsRaise(statement)) return;
  const mockAssertion = MOCK_ASSERTIONS.has(name) && !isOnTestCase(expression);
  const fix: Fix | undefined =
    mockAssertion && NO_ARGUMENT_ASSERTIONS.has(name)
      ? { title: `Call \`${name}()\``, edits: [replaceNode(expression, `${expression.text}()`)] }
      : undefined;
  ctx.report({
    node: expression,
    message: `\`${expression.text}\` names the assertion without calling it: nothing is checked; add the call${fix ? ' `()`' : ' with its arguments'}`,
    ...(fix ? { fix } : {}),
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'assertion-never-executed',
    family: 'MCK',
    severity: 'error',
    fixable: 'partial',
    summary: 'A mock assertion is assigned to or named, but never called.',
    why:
      '`mock_x.assert_has_calls = [call(1)]` replaces the assertion method with a list, and ' +
      '`mock_x.assert_called_once` on its own line looks the method up and throws it away: neither runs the ' +
      'check, so the test passes whatever the code did. The same holds for a bare `self.assertTrue` without ' +
      'parentheses. Assignments on `self` and to names that are not mock assertions are left alone.',
    fix:
      'Call the assertion with the expected arguments: `mock_x.assert_has_calls([call(1)])`, ' +
      '`mock_x.assert_called_once()`. The quick fix turns an assignment into the call, and adds `()` to a bare ' +
      'assertion that takes no arguments.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class VolumeAttachTest(unittest.TestCase):',
      "    @mock.patch('nova.volume.cinder.API.attach')",
      '    def test_attach_all(self, mock_attach):',
      "        attach_all(self.context, ['vol1', 'vol2'])",
      "        mock_attach.assert_has_calls = [mock.call(self.context, 'vol1'), mock.call(self.context, 'vol2')]",
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class VolumeAttachTest(unittest.TestCase):',
      "    @mock.patch('nova.volume.cinder.API.attach')",
      '    def test_attach_all(self, mock_attach):',
      "        attach_all(self.context, ['vol1', 'vol2'])",
      "        mock_attach.assert_has_calls([mock.call(self.context, 'vol1'), mock.call(self.context, 'vol2')])",
      '',
    ].join('\n'),
    peers: ['nova N366', 'ruff B018 (useless attribute access)'],
    detection:
      'Visits `assignment` nodes whose target is an attribute named like a mock assertion (`m.assert_called_once_with = ' +
      '...`), except on `self`/`cls`, and `expression_statement` nodes that are nothing but an attribute named ' +
      '`assert...` or `fail...`, looked up and never called. A bare lookup inside a `with ' +
      'self.assertRaises(...)`/`pytest.raises(...)` block is exempt.',
  },
  visit: {
    assignment: onAssignment,
    expression_statement: onExpressionStatement,
  },
});
