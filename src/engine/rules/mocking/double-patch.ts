import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { decoratorExpression, decoratorsOf, definitionOf, dottedName } from '../../syntax';
import { isTestName } from '../../scope';
import { describeTarget, patchCallOf, patchUsage, type PatchCall, type PatchTarget } from './patches';

const ID = 'MCK004';

/** What one method (or module-level test function) does with patches, gathered while it is visited. */
interface FunctionRecord {
  node: Node;
  name: string;
  decorators: PatchCall[];
  withs: { patch: PatchCall; statement: Node }[];
  /** Started on the spot: `.start()` on the call, `useFixture(MockPatch(...))`, `monkeypatch`, `mocker`. */
  started: { patch: PatchCall; at: Node }[];
  /** `p = mock.patch(...)` / `self.p = ...`: patchers that `starts`/`withRefs` refer to by name. */
  bindings: Map<string, PatchCall>;
  starts: { receiver: string; at: Node }[];
  withRefs: { receiver: string; statement: Node }[];
  stops: { receiver: string; at: Node }[];
  stopAll: Node[];
}

/** What a test class applies to every one of its tests, read from its outline (decorators, setup, helpers). */
interface ClassPatches {
  /** `self.p = mock.patch(...)` in the class's setup and helpers: a test may start or enter them. */
  bindings: Map<string, PatchCall>;
  /** Alive while each test runs, in the order they start: setup patches, then class decorators. */
  classWide: Activation[];
  setups: FunctionRecord[];
}

/** One target replaced over an interval of source offsets (the time it runs, in text order). */
interface Activation {
  target: PatchTarget;
  node: Node;
  from: number;
  to: number;
  /** if_statement id -> the branch holding the patch: patches in different branches never coexist. */
  branches: Map<number, number>;
  monkeypatch: boolean;
  /** Started in a setup method and not stopped there: alive during every test of the class. */
  persistent: boolean;
  /** Where it comes from, when not the function being judged: `in setUp`, `by a class decorator`. */
  origin: string;
}

/** The patches that decorate `definition` (`@mock.patch(...)`, `@mock.patch.object(...)`). */
function decoratorPatches(definition: Node, ctx: RuleContext): PatchCall[] {
  const patches: PatchCall[] = [];
  for (const decorator of decoratorsOf(definition)) {
    let expression = decoratorExpression(decorator);
    while (expression?.type === 'parenthesized_expression') expression = expression.namedChildren.find((child) => child?.type !== 'comment') ?? null;
    const patch = expression?.type === 'call' ? patchCallOf(expression, ctx) : null;
    if (!patch || patch.targets.length === 0) continue;
    const usage = patchUsage(patch);
    if (usage.kind === 'decorator' && usage.definition.id === definition.id) patches.push(patch);
  }
  return patches;
}

function emptyRecord(node: Node, name: string, decorators: PatchCall[]): FunctionRecord {
  return { node, name, decorators, withs: [], started: [], bindings: new Map(), starts: [], withRefs: [], stops: [], stopAll: [] };
}

/** The method or module-level function a patch call belongs to; null inside nested defs and lambdas. */
function ownerRecord(node: Node, scope: Scope): FunctionRecord | null {
  // Module-level code belongs to no function (and the module's state is the whole file's business).
  const record = scope.kind === 'module' ? undefined : scope.peek<FunctionRecord>(`${ID}.function`);
  if (!record) return null;
  for (let current = node.parent; current && current.id !== record.node.id; current = current.parent) {
    if (current.type === 'lambda') return null;
  }
  return record;
}

function onDefinition(node: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  const parentKind = scope.parent?.kind;
  if (parentKind !== 'class' && parentKind !== 'module') return;
  const record = emptyRecord(node, scope.name, decoratorPatches(node, ctx));
  scope.data(`${ID}.function`, () => record);
}

function onCall(call: Node, ctx: RuleContext): void {
  // The record is looked up only for the calls that matter (a climb through the parents per call is costly).
  noteCall(call, () => ownerRecord(call, ctx.scope), ctx);
}

/** What `call` does to the patches of the function whose record `recordOf` finds (cheap name tests first). */
function noteCall(call: Node, recordOf: () => FunctionRecord | null, ctx: RuleContext): void {
  const patch = patchCallOf(call, ctx);
  if (patch) {
    if (patch.targets.length === 0) return;
    const usage = patchUsage(patch);
    // Decorators are read with their definition (decoratorPatches).
    if (usage.kind === 'decorator') return;
    const record = recordOf();
    if (!record) return;
    if (usage.kind === 'with') record.withs.push({ patch, statement: usage.statement });
    else if (usage.kind === 'started') record.started.push({ patch, at: usage.at });
    else if (usage.kind === 'immediate') record.started.push({ patch, at: call });
    else if (usage.kind === 'assigned') record.bindings.set(usage.name, patch);
    return;
  }
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text;
  if (method === 'start' || method === 'stop') {
    const receiver = dottedName(fn.childForFieldName('object'));
    const record = receiver ? recordOf() : null;
    if (receiver && record) (method === 'start' ? record.starts : record.stops).push({ receiver, at: call });
  } else if (method === 'stopall' && /^(unittest\.)?mock\.patch\.stopall$/.test(ctx.qualifiedName(fn) ?? '')) {
    recordOf()?.stopAll.push(call);
  } else if (method === 'useFixture') {
    const receiver = dottedName(call.childForFieldName('arguments')?.namedChildren.find((child) => child?.type !== 'comment'));
    const record = receiver ? recordOf() : null;
    if (receiver && record) record.starts.push({ receiver, at: call });
  }
}

function onWithItem(item: Node, ctx: RuleContext): void {
  noteWithItem(item, () => ownerRecord(item, ctx.scope));
}

function noteWithItem(item: Node, recordOf: () => FunctionRecord | null): void {
  const receiver = dottedName(item.childForFieldName('value'));
  const statement = item.parent?.parent;
  if (receiver && statement?.type === 'with_statement') recordOf()?.withRefs.push({ receiver, statement });
}

/** The record of a method not visited yet: its calls and `with` items in document order, nested defs left out. */
function readRecord(definition: Node, ctx: RuleContext): FunctionRecord {
  const record = emptyRecord(definition, definition.childForFieldName('name')?.text ?? '', decoratorPatches(definition, ctx));
  const body = definition.childForFieldName('body');
  const pending = body ? [body] : [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'call') noteCall(node, () => record, ctx);
    else if (node.type === 'with_item') noteWithItem(node, () => record);
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && !NESTED_SCOPES.has(child.type)) pending.push(child);
    }
  }
  return record;
}

/** Code in these runs at another time than the function around it. */
const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

function branchesOf(node: Node, stop: Node): Map<number, number> {
  const branches = new Map<number, number>();
  let child = node;
  for (let current = node.parent; current && current.id !== stop.id; current = current.parent) {
    if (current.type === 'if_statement') branches.set(current.id, child.id);
    child = current;
  }
  return branches;
}

function exclusive(a: Activation, b: Activation): boolean {
  for (const [statement, branch] of a.branches) {
    const other = b.branches.get(statement);
    if (other !== undefined && other !== branch) return true;
  }
  return false;
}

function activationsOf(record: FunctionRecord, classBindings: Map<string, PatchCall>): Activation[] {
  const { node: fn } = record;
  const result: Activation[] = [];
  const add = (patch: PatchCall, anchor: Node, from: number, to: number, persistent: boolean): void => {
    for (const target of patch.targets) {
      result.push({
        target,
        node: patch.call,
        from,
        to,
        branches: branchesOf(anchor, fn),
        monkeypatch: patch.library === 'monkeypatch',
        persistent,
        origin: `in \`${record.name}\``,
      });
    }
  };
  const stopAfter = (receiver: string | null, at: Node): number | null => {
    let stop: number | null = null;
    for (const candidate of [...record.stops.filter((s) => s.receiver === receiver).map((s) => s.at), ...record.stopAll]) {
      if (candidate.startIndex > at.startIndex && (stop === null || candidate.startIndex < stop)) stop = candidate.startIndex;
    }
    return stop;
  };
  const resolve = (receiver: string): PatchCall | undefined =>
    record.bindings.get(receiver) ?? (receiver.startsWith('self.') ? classBindings.get(receiver) : undefined);

  for (const patch of record.decorators) add(patch, fn, fn.startIndex, fn.endIndex, false);
  for (const { patch, statement } of record.withs) add(patch, statement, statement.startIndex, statement.endIndex, false);
  for (const { receiver, statement } of record.withRefs) {
    const patch = resolve(receiver);
    if (patch) add(patch, statement, statement.startIndex, statement.endIndex, false);
  }
  for (const { patch, at } of record.started) {
    const stop = stopAfter(null, at);
    add(patch, at, at.startIndex, stop ?? fn.endIndex, stop === null);
  }
  for (const { receiver, at } of record.starts) {
    const patch = resolve(receiver);
    if (!patch) continue;
    const stop = stopAfter(receiver, at);
    add(patch, at, at.startIndex, stop ?? fn.endIndex, stop === null);
  }
  return result.sort((a, b) => a.from - b.from || a.node.startIndex - b.node.startIndex);
}

function conflicts(later: Activation, earlier: Activation): boolean {
  return (
    later.target.key === earlier.target.key &&
    !(later.monkeypatch && earlier.monkeypatch) &&
    !exclusive(later, earlier) &&
    later.from < earlier.to &&
    earlier.from < later.to
  );
}

class Judge {
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: RuleContext) {}

  report(later: Activation, earlier: Activation, shared: boolean): void {
    const id = `${later.node.id}:${later.target.key}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    const line = earlier.node.startPosition.row + 1;
    this.ctx.report({
      node: later.node,
      related: [earlier.node],
      message:
        `\`${describeTarget(later.target)}\` is already patched on line ${line}${shared ? ` (${earlier.origin})` : ''}: this second patch wraps the ` +
        'first mock (with autospec it fails on Python 3.10+); reconfigure the existing mock or drop one patch',
    });
  }

  /** Reports each activation that overlaps an earlier one of the same target in `shared` or in `activations`. */
  check(activations: Activation[], shared: Activation[] = []): void {
    activations.forEach((later, index) => {
      // Shared patches are alive for the whole test, whatever the interval of the later one.
      const whole = { ...later, from: -Infinity, to: Infinity, branches: new Map<number, number>() };
      const inherited = shared.find((earlier) => earlier.node.id !== later.node.id && conflicts(whole, earlier));
      if (inherited) {
        this.report(later, inherited, true);
        return;
      }
      // The same patcher started twice is one patch (and a RuntimeError), not two.
      const earlier = activations.slice(0, index).find((candidate) => candidate.node.id !== later.node.id && conflicts(later, candidate));
      if (earlier) this.report(later, earlier, false);
    });
  }
}

const CLASS_WIDE_SETUPS = ['setUpClass', 'setUp', 'asyncSetUp'];

/**
 * The class's setup and helpers, read once per class from its outline: their `self.p` patchers, and the
 * patches alive during every test. Another test's body is not read, so a test is judged on its own.
 */
function classPatches(owner: Scope, ctx: RuleContext): ClassPatches {
  return owner.classFact(`${ID}.class`, (definition) => {
    const records: FunctionRecord[] = [];
    for (const member of definition.childForFieldName('body')?.namedChildren ?? []) {
      const inner = member ? definitionOf(member) : null;
      if (inner?.type === 'function_definition' && !isTestName(inner.childForFieldName('name')?.text ?? '')) records.push(readRecord(inner, ctx));
    }
    const bindings = new Map<string, PatchCall>();
    for (const record of records) for (const [name, patch] of record.bindings) if (name.startsWith('self.')) bindings.set(name, patch);
    const setups = records
      .filter((record) => CLASS_WIDE_SETUPS.includes(record.name))
      .sort((a, b) => CLASS_WIDE_SETUPS.indexOf(a.name) - CLASS_WIDE_SETUPS.indexOf(b.name));
    const classWide: Activation[] = [];
    for (const setup of setups) classWide.push(...activationsOf(setup, bindings).filter((activation) => activation.persistent));
    for (const patch of decoratorPatches(definition, ctx)) {
      for (const target of patch.targets) {
        classWide.push({
          target,
          node: patch.call,
          from: -Infinity,
          to: Infinity,
          branches: new Map(),
          monkeypatch: false,
          persistent: true,
          origin: 'by a class decorator',
        });
      }
    }
    return { bindings, classWide, setups };
  });
}

/** The class ends: its setup patches that overlap one another or a class decorator. */
function judgeClass(_node: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  if (!scope.isTestClass) return;
  const { bindings, classWide, setups } = classPatches(scope, ctx);
  const judge = new Judge(ctx);
  for (const setup of setups) judge.check(activationsOf(setup, bindings));
  classWide.forEach((later, index) => {
    const whole = { ...later, from: -Infinity, to: Infinity };
    const earlier = classWide.slice(0, index).find((candidate) => candidate.node.id !== later.node.id && conflicts(whole, { ...candidate, from: -Infinity, to: Infinity }));
    if (earlier) judge.report(later, earlier, true);
  });
}

/** A test function ends: its own patches against each other and against those of its class. */
function judgeFunction(_node: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  const record = scope.peek<FunctionRecord>(`${ID}.function`);
  if (!record) return;
  const owner = scope.parent;
  if (owner?.kind === 'module') {
    if (scope.isTestFunction) new Judge(ctx).check(activationsOf(record, new Map()));
    return;
  }
  // Setup methods are judged with their class (classPatches reads them).
  if (owner?.kind !== 'class' || !owner.isTestClass || CLASS_WIDE_SETUPS.includes(scope.name)) return;
  const { bindings, classWide } = classPatches(owner, ctx);
  // Helpers (`_test_delete`) and tearDown: their own patches overlap whenever they run.
  new Judge(ctx).check(activationsOf(record, bindings), scope.isTestFunction ? classWide : []);
}

export default defineRule({
  meta: {
    id: ID,
    name: 'same-target-patched-twice',
    family: 'MCK',
    severity: 'warning',
    fixable: 'no',
    summary: 'The same target is patched twice while the first patch is still active.',
    why:
      'The second patch replaces the first mock with a new one, so the first mock (often configured in ' +
      '`setUp`) silently stops seeing calls, and which mock a test talks to depends on the order the patches ' +
      'were entered. With `autospec=True` the second patch fails outright on Python 3.10 and later, because ' +
      'it refuses to autospec an object that is already a mock. Setup patches count for every test of the ' +
      'class, class decorators for every test method; two `with` blocks one after the other do not overlap.',
    fix:
      'Keep one patch: reconfigure the mock you already have (`self.mock_get.side_effect = ...`, ' +
      '`return_value = ...`) or drop the patch from setUp if the test needs its own.',
    bad: [
      'from unittest import mock',
      '',
      'import fixtures',
      'from nova.compute import api as compute_api',
      'from nova import test',
      '',
      '',
      'class ServerActionsTest(test.NoDBTestCase):',
      '    def setUp(self):',
      '        super().setUp()',
      '        self.mock_get = self.useFixture(',
      "            fixtures.MockPatchObject(compute_api.API, 'get')).mock",
      '',
      "    @mock.patch.object(compute_api.API, 'get')",
      '    def test_reboot_not_found(self, mock_get):',
      "        mock_get.side_effect = exception.InstanceNotFound(instance_id='1')",
      "        self.assertRaises(exc.HTTPNotFound, self.controller.reboot, self.req, '1')",
      '',
    ].join('\n'),
    good: [
      'import fixtures',
      'from nova.compute import api as compute_api',
      'from nova import test',
      '',
      '',
      'class ServerActionsTest(test.NoDBTestCase):',
      '    def setUp(self):',
      '        super().setUp()',
      '        self.mock_get = self.useFixture(',
      "            fixtures.MockPatchObject(compute_api.API, 'get')).mock",
      '',
      '    def test_reboot_not_found(self):',
      "        self.mock_get.side_effect = exception.InstanceNotFound(instance_id='1')",
      "        self.assertRaises(exc.HTTPNotFound, self.controller.reboot, self.req, '1')",
      '',
    ].join('\n'),
    peers: ['nova "Remove double mocking" changes (Python 3.10 autospec failure)'],
    detection:
      'Gathers, for each method of a test class, the patches it applies and how long they live, as spans of the source: ' +
      'decorators, `with` items, started patchers and `useFixture(MockPatch...)` up to their `stop()`, and ' +
      '`monkeypatch`/`mocker` calls. At the end of each test method, helper or module-level test function it reports a ' +
      'patch whose target, qualified through the imports so that string and object spellings compare equal, is already ' +
      'patched in an overlapping span and not in another branch of the same `if`; patches started in `setUp` and class ' +
      'decorators count as alive during every test (setup methods are judged at the end of the class). A test is ' +
      'judged with its class\'s setup, helpers and decorators, never with another test\'s body.',
  },
  visit: {
    function_definition: onDefinition,
    call: onCall,
    with_item: onWithItem,
    'class_definition:exit': judgeClass,
    'function_definition:exit': judgeFunction,
  },
});
