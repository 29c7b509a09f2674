import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, decoratorExpression, decoratorsOf, isDocstring, statements, stringValue } from '../../syntax';
import { isCollectedClass, isCollectedTest } from './test-bodies';

/** Decorators that skip whatever the conditions: `unittest.skip`, `pytest.mark.skip`, `testtools.skip`. */
const UNCONDITIONAL = /^(unittest\.|testtools\.|pytest\.mark\.)?skip$/;

/** The reason a skip gives, as written; null when it gives none (or an empty one). */
function reasonOf(call: Node | null): Node | null {
  if (call?.type !== 'call') return null;
  const { positional, keywords } = callArguments(call);
  const reason = keywords.get('reason') ?? keywords.get('msg') ?? positional[0] ?? null;
  if (!reason) return null;
  return stringValue(reason) === '' ? null : reason;
}

function describe(reason: Node | null): string {
  return reason ? `(${reason.text.length > 60 ? `${reason.text.slice(0, 59)}…` : reason.text})` : 'without a reason';
}

function skipDecorator(definition: Node, ctx: RuleContext): { decorator: Node; reason: Node | null } | null {
  for (const decorator of decoratorsOf(definition)) {
    const expression = decoratorExpression(decorator);
    const qualified = ctx.qualifiedName(expression?.type === 'call' ? expression.childForFieldName('function') : expression);
    // A bare `skip` must come from a test framework, not be a project helper of that name.
    if (qualified && qualified.includes('.') && UNCONDITIONAL.test(qualified)) return { decorator, reason: reasonOf(expression ?? null) };
  }
  return null;
}

function reportSkip(node: Node, what: string, reason: Node | null, ctx: RuleContext): void {
  ctx.report({
    node,
    message: reason
      ? `${what} is skipped unconditionally ${describe(reason)}: it never runs and rots; track the reason in a bug, or skip only where it cannot run (\`skipIf\`/\`skipUnless\`)`
      : `${what} is skipped unconditionally, without a reason: nobody can tell why or when it may run again; give the reason and a tracking bug, or skip only where it cannot run (\`skipIf\`/\`skipUnless\`)`,
  });
}

/** `self.skipTest(...)` / `pytest.skip(...)` / `raise SkipTest(...)` as the test's first statement: it never gets further. */
function skipsAtOnce(definition: Node, ctx: RuleContext): { statement: Node; call: Node | null } | null {
  const first = statements(definition.childForFieldName('body')).find((statement) => !isDocstring(statement));
  if (first?.type !== 'expression_statement' && first?.type !== 'raise_statement') return null;
  const expression = first.namedChild(0);
  const call = expression?.type === 'call' ? expression : null;
  const callee = call ? call.childForFieldName('function') : expression;
  const qualified = ctx.qualifiedName(callee) ?? '';
  const skips = first.type === 'raise_statement' ? /(^|\.)SkipTest$/.test(qualified) : /^(self\.skipTest|pytest\.skip)$/.test(qualified);
  return skips ? { statement: first, call } : null;
}

/**
 * Nothing but the skip (or `pass`): a subclass switching off an inherited test that does not apply to it,
 * with no test code left to rot.
 */
function onlyOptsOut(definition: Node, ctx: RuleContext): boolean {
  const body = statements(definition.childForFieldName('body')).filter((statement) => !isDocstring(statement));
  return body.length === 0 || (body.length === 1 && (body[0]!.type === 'pass_statement' || skipsAtOnce(definition, ctx) !== null));
}

function checkFunction(definition: Node, ctx: RuleContext): void {
  if (!isCollectedTest(ctx.scope) || onlyOptsOut(definition, ctx)) return;
  const found = skipDecorator(definition, ctx);
  if (found) {
    reportSkip(found.decorator, `\`${ctx.scope.name}\``, found.reason, ctx);
    return;
  }
  const skip = skipsAtOnce(definition, ctx);
  if (skip) reportSkip(skip.statement, `\`${ctx.scope.name}\``, reasonOf(skip.call), ctx);
}

function checkClass(definition: Node, ctx: RuleContext): void {
  if (!isCollectedClass(ctx.scope)) return;
  const found = skipDecorator(definition, ctx);
  if (found) reportSkip(found.decorator, `Every test of \`${ctx.scope.name}\``, found.reason, ctx);
}

export default defineRule({
  meta: {
    id: 'SML011',
    name: 'skipped-test',
    family: 'SML',
    severity: 'info',
    fixable: 'no',
    summary: 'A test (or test class) that is skipped unconditionally.',
    why:
      'A test skipped with `@unittest.skip`, `@pytest.mark.skip` or a `skipTest()` as its first line never runs, ' +
      'so it silently drifts out of date with the code it was written for, and the coverage it seems to add is ' +
      'not there. Without a reason nobody can tell whether it may be turned back on. Conditional skips ' +
      '(`skipIf`, `skipUnless`, `pytest.mark.skipif`) and skips behind an `if` are left alone: they say when the ' +
      'test cannot run. So are tests whose body is only the skip or `pass`: a subclass switching off an ' +
      'inherited test that does not apply to it, with no test code left to rot.',
    fix:
      'Fix and re-enable the test, or delete it. If it must stay off for now, give the reason and a tracking bug ' +
      '(`@unittest.skip("fails on py3.12, see bug 2041")`), or skip only where it cannot run with `skipIf`/`skipUnless`.',
    bad: [
      'import unittest',
      '',
      '',
      'class SnapshotTest(unittest.TestCase):',
      '    @unittest.skip("")',
      '    def test_snapshot_in_use_volume(self):',
      '        volume = self.api.create_volume(size=1, attach_to=self.server)',
      '        snapshot = self.api.create_snapshot(volume, force=True)',
      '        self.assertEqual("available", snapshot["status"])',
      '',
    ].join('\n'),
    good: [
      'import sys',
      'import unittest',
      '',
      '',
      'class SnapshotTest(unittest.TestCase):',
      '    @unittest.skipIf(sys.platform == "win32", "volume snapshots need LVM")',
      '    def test_snapshot_in_use_volume(self):',
      '        volume = self.api.create_volume(size=1, attach_to=self.server)',
      '        snapshot = self.api.create_snapshot(volume, force=True)',
      '        self.assertEqual("available", snapshot["status"])',
      '',
    ].join('\n'),
    peers: ['tsDetect Ignored Test', 'PyNose Ignored Test', 'pytest-smell skipped test'],
    detection:
      'Visits the `function_definition` of each collected test and the `class_definition` of each collected test class, ' +
      'and reports a decorator resolving to `unittest.skip`, `pytest.mark.skip` or `testtools.skip` (not ' +
      '`skipIf`/`skipUnless`), or a test whose first statement is `self.skipTest(...)`, `pytest.skip(...)` or `raise ' +
      'SkipTest(...)`. A test whose body is only the skip or `pass`, a subclass opting out, is exempt.',
  },
  visit: { function_definition: checkFunction, class_definition: checkClass },
});
