import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { calleeLastName, decoratorsOf, definitionOf, dottedName } from '../../syntax';
import { isTestName } from '../../scope';
import type { Fix } from '../../types';
import { decoratorName } from '../smells/test-bodies';
import { lineageOf } from './class-lineage';
import { insertLineAfter } from './insert-after';
import { describeTarget, methodCallOn, patchCallOf, patchUsage, type PatchCall } from './patches';

const ID = 'MCK009';

interface Binding {
  patch: PatchCall;
  /** The function the assignment is in. */
  scope: Scope;
}

interface Start {
  receiver: string;
  call: Node;
  scope: Scope;
}

/** What one owner (a test class, or a module-level test function) does with patchers. */
interface PatcherRecord {
  bindings: Map<string, Binding>;
  starts: Start[];
  /** `mock.patch(...).start()`: only `patch.stopall` can undo it. */
  direct: { patch: PatchCall; start: Node }[];
}

/** Bases whose `setUp` registers no `mock.patch.stopall`: with them, a started patcher leaks. */
const PLAIN_BASES = new Set([
  'unittest.TestCase',
  'unittest.case.TestCase',
  'unittest.IsolatedAsyncioTestCase',
  'testtools.TestCase',
  'testtools.testcase.TestCase',
  'absl.testing.absltest.TestCase',
  'absltest.TestCase',
]);


/** The class, or the module-level test function or pytest fixture, that patchers of `scope` belong to. */
function ownerOf(scope: Scope): Scope | null {
  const method = scope.method;
  if (method) return method.parent?.kind === 'class' && method.parent.isTestClass && method.parent.parent?.kind === 'module' ? method.parent : null;
  let fn: Scope | null = scope;
  while (fn && fn.parent?.kind !== 'module') fn = fn.parent;
  if (!fn || fn.kind !== 'function') return null;
  const isFixture = decoratorsOf(fn.node).some((decorator) => /(^|\.)fixture$/.test(decoratorName(decorator) ?? ''));
  return fn.isTestFunction || isFixture ? fn : null;
}

/** What an owner starts and binds, kept on its scope and judged when the owner ends. */
function recordOf(owner: Scope): PatcherRecord {
  return owner.data<PatcherRecord>(ID, () => ({ bindings: new Map(), starts: [], direct: [] }));
}

/**
 * Where a patcher is judged: a patcher held in a local name, or started in one go, lives and dies in its
 * method, so the method judges it when it ends (a test's findings then depend on that test alone); `self.x`
 * may be started in one method and stopped in another, so the class judges it.
 */
function holderOf(scope: Scope, owner: Scope, local: boolean): Scope {
  return local && owner.kind === 'class' ? (scope.method ?? owner) : owner;
}

/**
 * `mock.patch.stopall` anywhere in the file - called, or handed to a cleanup hook (`self.addCleanup(...)`,
 * `request.addfinalizer(...)`, `atexit.register(...)`), in a base class or `tearDownModule` - may stop every
 * started patch. A text search: wherever it is, it counts.
 */
const STOPALL = /^[^#\n]*\bstopall\b/m;

function onCall(call: Node, ctx: RuleContext): void {
  const name = calleeLastName(call);
  if (name === 'start') {
    const fn = call.childForFieldName('function');
    const receiver = dottedName(fn?.childForFieldName('object'));
    const owner = receiver ? ownerOf(ctx.scope) : null;
    if (receiver && owner) recordOf(holderOf(ctx.scope, owner, !receiver.includes('.'))).starts.push({ receiver, call, scope: ctx.scope });
    return;
  }
  const patch = patchCallOf(call, ctx);
  if (!patch || patch.library !== 'mock') return;
  const usage = patchUsage(patch);
  const owner = usage.kind === 'assigned' || usage.kind === 'started' ? ownerOf(ctx.scope) : null;
  if (!owner) return;
  if (usage.kind === 'assigned') {
    const local = !usage.name.includes('.');
    if (local || /^(self|cls)\.\w+$/.test(usage.name)) recordOf(holderOf(ctx.scope, owner, local)).bindings.set(usage.name, { patch, scope: ctx.scope });
  } else if (usage.kind === 'started' && methodCallOn(call, 'start')?.id === usage.at.id) {
    recordOf(holderOf(ctx.scope, owner, true)).direct.push({ patch, start: usage.at });
  }
}

/**
 * Every base is known not to stop patchers for us: the stdlib/testtools/absl `TestCase`, none (pytest), or a
 * class of this file built on those. A project base (oslotest's `BaseTestCase` registers `patch.stopall`)
 * may clean up, so classes built on one are not judged. `unittest`: whether `self.addCleanup` exists.
 */
function baseKind(definition: Node, ctx: RuleContext, module: Scope): 'unittest' | 'pytest' | null {
  const lineage = lineageOf(definition, module);
  if (!lineage.imported.every((base) => PLAIN_BASES.has(ctx.qualifiedName(base) ?? ''))) return null;
  if (lineage.imported.length > 0) return 'unittest';
  // A base-less class with unittest hooks is a mixin: its test case base, unknown here, may stop patchers.
  // (The class's own tests are left out: what one test mentions must not change how another is judged.)
  return lineage.classes.some((current) => UNITTEST_HOOKS.test(current.id === definition.id ? outlineText(current) : current.text)) ? null : 'pytest';
}

const UNITTEST_HOOKS = /\b(setUp|tearDown|addCleanup)\b/;

/** The class's text without the bodies of its tests. */
function outlineText(definition: Node): string {
  const parts: string[] = [];
  for (const member of definition.childForFieldName('body')?.namedChildren ?? []) {
    if (!member) continue;
    const inner = definitionOf(member);
    const name = inner.type === 'function_definition' ? (inner.childForFieldName('name')?.text ?? '') : '';
    parts.push(isTestName(name) ? name : member.text);
  }
  return parts.join('\n');
}

/** How the class's tests are run, for the remedy (and whether its bases may stop patchers): read once per class. */
function classKind(owner: Scope, ctx: RuleContext): 'unittest' | 'pytest' | null {
  return owner.classFact(`${ID}.kind`, (definition) => baseKind(definition, ctx, owner.root));
}

/** `self.addCleanup(p.stop)` on the line after `p.start()` (or `m = p.start()`), in a unittest method. */
function cleanupFix(start: Start, kind: 'unittest' | 'pytest'): Fix | undefined {
  if (kind !== 'unittest') return undefined;
  const method = start.scope.method;
  const first = method?.node.childForFieldName('parameters')?.namedChildren[0];
  if (method !== start.scope || first?.type !== 'identifier' || first.text !== 'self') return undefined;
  let statement = start.call.parent;
  if (statement?.type === 'assignment' && statement.childForFieldName('right')?.id === start.call.id) statement = statement.parent;
  if (statement?.type !== 'expression_statement') return undefined;
  const edit = insertLineAfter(statement, `self.addCleanup(${start.receiver}.stop)`);
  return edit ? { title: `Add \`self.addCleanup(${start.receiver}.stop)\` after the start`, edits: [edit] } : undefined;
}

/** How often `name` appears as a whole reference (not as `x.name`) in `text`. */
function references(text: string, name: string): number {
  const escaped = name.replace(/\./g, '\\.');
  return text.match(new RegExp(`(?<![\\w.])${escaped}(?!\\w)`, 'g'))?.length ?? 0;
}

/** A class or function that holds patchers ends: judge them, unless the file stops every patch somewhere. */
function onOwnerExit(_node: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  const record = scope.peek<PatcherRecord>(ID);
  if (!record || (record.direct.length === 0 && record.starts.length === 0) || scope.fileMatches(STOPALL)) return;
  const testClass = scope.kind === 'class' ? scope : scope.parent?.kind === 'class' ? scope.parent : null;
  const kind = testClass ? classKind(testClass, ctx) : 'pytest';
  // Only the class holds `self.x` patchers, whose other uses may be anywhere in it.
  if (kind) judge(kind, () => scope.node.text, record, ctx);
}

function judge(kind: 'unittest' | 'pytest', ownerText: () => string, record: PatcherRecord, ctx: RuleContext): void {
  const reported = new Set<string>();
  const remedy = (receiver: string | null): string =>
    kind === 'unittest'
      ? receiver
        ? `add \`self.addCleanup(${receiver}.stop)\` right after the start`
        : 'keep the patcher and `self.addCleanup` its `stop`'
      : `stop it in teardown (after the \`yield\` of a fixture), or use pytest-mock's \`mocker\``;
  for (const start of record.starts) {
    const binding = record.bindings.get(start.receiver);
    const local = !start.receiver.includes('.');
    if (!binding || reported.has(start.receiver) || (local && binding.scope !== start.scope)) continue;
    // Any use besides the assignment and the starts (`p.stop`, `addCleanup(p.stop)`, `patchers.append(p)`)
    // may stop it: only a patcher that is assigned and started, and nothing else, surely leaks.
    const text = local ? start.scope.node.text : ownerText();
    const starts = record.starts.filter((other) => other.receiver === start.receiver && (!local || other.scope === start.scope)).length;
    if (references(text, start.receiver) > starts + 1) continue;
    reported.add(start.receiver);
    const target = binding.patch.targets[0];
    const fix = cleanupFix(start, kind);
    ctx.report({
      node: start.call,
      related: [binding.patch.call],
      message:
        `\`${start.receiver}\` is started but never stopped: the patch${target ? ` of \`${describeTarget(target)}\`` : ''} stays ` +
        `active after this test and leaks into later ones; ${remedy(start.receiver)}`,
      ...(fix ? { fix } : {}),
    });
  }
  for (const { patch, start } of record.direct) {
    const target = patch.targets[0];
    ctx.report({
      node: start,
      message:
        `This patch${target ? ` of \`${describeTarget(target)}\`` : ''} is started and never stopped (nothing keeps the patcher, ` +
        `and nothing calls \`mock.patch.stopall\`): it leaks into later tests; ${remedy(null)}`,
    });
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'patcher-never-stopped',
    family: 'MCK',
    severity: 'warning',
    fixable: 'partial',
    summary: 'A patcher is started with `start()` and never stopped.',
    why:
      'A patch started with `start()` stays in place until `stop()` runs. When nothing stops it, the fake ' +
      'outlives the test and every later test in the process runs against it: failures then depend on test ' +
      'order. Classes whose base may register `mock.patch.stopall` (such as oslotest\'s `BaseTestCase`) are not ' +
      'judged, nor files that call `stopall`, nor patchers handed to other code that may stop them.',
    fix:
      'Register the stop right after the start: `self.addCleanup(patcher.stop)` (the quick fix, in unittest ' +
      'methods), or use `self.useFixture(fixtures.MockPatch(...))`, a `with` block, or pytest-mock\'s `mocker`.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ConfigDriveTest(unittest.TestCase):',
      '    def setUp(self):',
      '        super().setUp()',
      "        patcher = mock.patch('nova.virt.configdrive.required_by', return_value=True)",
      '        self.mock_required = patcher.start()',
      '',
      '    def test_build(self):',
      '        build_config_drive(self.instance)',
      '        self.mock_required.assert_called_once_with(self.instance)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ConfigDriveTest(unittest.TestCase):',
      '    def setUp(self):',
      '        super().setUp()',
      "        patcher = mock.patch('nova.virt.configdrive.required_by', return_value=True)",
      '        self.mock_required = patcher.start()',
      '        self.addCleanup(patcher.stop)',
      '',
      '    def test_build(self):',
      '        build_config_drive(self.instance)',
      '        self.mock_required.assert_called_once_with(self.instance)',
      '',
    ].join('\n'),
    peers: ['unittest.mock docs: patch methods start and stop (addCleanup)'],
    detection:
      'Collects the patchers assigned from `mock.patch(...)` (`p = ...`, `self.p = ...`), the `start()` calls on them, ' +
      'and `mock.patch(...).start()` written in one go: a local patcher or a one-go start per method (or module-level ' +
      'test function or pytest fixture), a `self.p` patcher per test class. When that method, function or class ends, it ' +
      'reports a start whose patcher is mentioned nowhere else in it (no `stop`, no `addCleanup(p.stop)`), unless the file\'s code (not its comments) mentions `stopall` anywhere ' +
      'or the class derives from a base other than the plain `unittest`/`testtools`/`absltest` `TestCase` (followed ' +
      'through the classes of the file).',
  },
  visit: {
    call: onCall,
    'class_definition:exit': onOwnerExit,
    'function_definition:exit': onOwnerExit,
  },
});
