import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { isAssertionCall } from '../../semantics';
import { isTestName } from '../../scope';
import { callArguments, calleeLastName, comparisonOperators, decoratorExpression, decoratorsOf, definitionOf } from '../../syntax';
import { patchCallOf } from '../mocking/patches';
import { ancestors } from './sleeps';

const ID = 'TIM004';

type Source = 'clock' | 'uuid' | 'random';

const SOURCES = new Map<string, Source>([
  ['datetime.datetime.now', 'clock'],
  ['datetime.datetime.utcnow', 'clock'],
  ['datetime.datetime.today', 'clock'],
  ['datetime.date.today', 'clock'],
  ['time.time', 'clock'],
  ['time.time_ns', 'clock'],
  ['uuid.uuid4', 'uuid'],
]);
/** Module-level functions of `random` that return a value (not `seed`, `shuffle`, `getstate`...). */
const RANDOM_VALUES = new Set([
  'random', 'randint', 'randrange', 'choice', 'choices', 'sample', 'uniform', 'gauss', 'getrandbits', 'randbytes',
  'triangular', 'betavariate', 'expovariate', 'normalvariate', 'lognormvariate', 'vonmisesvariate',
  'gammavariate', 'paretovariate', 'weibullvariate', 'binomialvariate',
]);

const ADVICE: Record<Source, string> = {
  clock: 'freeze or inject the clock (`timeutils.set_time_override`, freezegun, a mocked `time.time`)',
  uuid: 'use a fixed id (`uuidsentinel`, a literal UUID)',
  random: 'seed the generator (`random.Random(seed)`) or use fixed values',
};

/** Assertions whose outcome does not depend on the value itself: raising, logging, identity, type and None checks. */
const VALUE_BLIND = /^(assertRaises|assertWarns|assertLogs|assertNoLogs|assertIsNone$|assertIsNotNone$|assertIsInstance$|assertNotIsInstance$|assertIs$|assertIsNot$)/;
/** Methods that return the same value in another form: `now.isoformat()` is as nondeterministic as `now`. */
const SAME_VALUE_METHODS = new Set([
  'isoformat', 'replace', 'strftime', 'date', 'time', 'timestamp', 'astimezone', 'lower', 'upper', 'strip', 'encode', 'decode',
]);
/** Conversions that keep a value's nondeterminism: `str(uuid.uuid4())` is as random as the uuid. */
const CONVERSIONS = new Set(['str', 'repr', 'int', 'float', 'round', 'abs', 'sorted', 'list', 'tuple', 'set']);
/** Nodes an argument's value flows through unchanged on its way to the comparison. */
const TRANSPARENT = new Set([
  'parenthesized_expression', 'list', 'tuple', 'set', 'dictionary', 'pair', 'expression_list', 'binary_operator',
  'comparison_operator', 'boolean_operator', 'not_operator', 'unary_operator', 'conditional_expression', 'string',
  'interpolation', 'concatenated_string', 'subscript', 'keyword_argument', 'argument_list', 'list_splat', 'dictionary_splat',
]);

interface Taint {
  source: string;
  kind: Source;
  /** The call that produced it, for the message. */
  origin: Node;
  /** The name holds the reading itself (`now = datetime.now()`), not something computed from it. */
  exact?: boolean;
  /** The value was formatted into text (`'job-%d' % random.randint(...)`). */
  formatted?: boolean;
}

interface Candidate {
  node: Node;
  taint: Taint;
  assertion: string;
  /** The assertion call or statement the value reaches. */
  check: Node;
  /** The name that carries the value, when it is not the source call itself. */
  name: string | null;
}

interface TestState {
  tainted: Map<string, Taint>;
  candidates: Candidate[];
}

function sourceOf(call: Node, ctx: RuleContext): Taint | null {
  const name = ctx.qualifiedName(call.childForFieldName('function'));
  if (!name) return null;
  const kind = SOURCES.get(name) ?? (name.startsWith('random.') && RANDOM_VALUES.has(name.slice('random.'.length)) ? 'random' : undefined);
  return kind ? { source: name, kind, origin: call, exact: true } : null;
}

function derived(taint: Taint | null, change: Partial<Taint>): Taint | null {
  return taint ? { ...taint, exact: false, ...change } : null;
}

function isText(node: Node | null): boolean {
  return node?.type === 'string' || node?.type === 'concatenated_string';
}

/** How deep `taintOf` follows nested expressions: no real value hides deeper, and pasted text can nest 10,000 levels. */
const MAX_DEPTH = 64;

/** The nondeterministic value an expression evaluates to, followed through names, conversions and arithmetic. */
function taintOf(expression: Node | null, tainted: Map<string, Taint>, ctx: RuleContext, depth = 0): Taint | null {
  if (!expression || depth > MAX_DEPTH) return null;
  switch (expression.type) {
    case 'identifier':
      return tainted.get(expression.text) ?? null;
    case 'parenthesized_expression':
      return taintOf(expression.namedChild(0), tainted, ctx, depth + 1);
    case 'attribute':
      return derived(taintOf(expression.childForFieldName('object'), tainted, ctx, depth + 1), {});
    case 'binary_operator': {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      const taint = taintOf(left, tainted, ctx, depth + 1) ?? taintOf(right, tainted, ctx, depth + 1);
      // `'badness #%d' % n`, `'vm-' + n`: the value becomes part of a text.
      return derived(taint, isText(left) || isText(right) ? { formatted: true } : {});
    }
    case 'call': {
      const direct = sourceOf(expression, ctx);
      if (direct) return direct;
      const fn = expression.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : '';
      // `now.isoformat()` is still the value; `name.startswith('x')` is a deterministic check of it.
      if (SAME_VALUE_METHODS.has(method)) return derived(taintOf(fn!.childForFieldName('object'), tainted, ctx, depth + 1), {});
      if (method === 'format' && isText(fn!.childForFieldName('object'))) {
        const args = callArguments(expression);
        for (const argument of [...args.positional, ...args.keywords.values()]) {
          const taint = taintOf(argument, tainted, ctx, depth + 1);
          if (taint) return derived(taint, { formatted: true });
        }
        return null;
      }
      if (fn?.type === 'identifier' && CONVERSIONS.has(fn.text)) return derived(taintOf(callArguments(expression).positional[0] ?? null, tainted, ctx, depth + 1), {});
      return null;
    }
    case 'string':
      for (const part of expression.namedChildren) {
        const taint = part?.type === 'interpolation' ? taintOf(part.childForFieldName('expression'), tainted, ctx, depth + 1) : null;
        if (taint) return derived(taint, { formatted: true });
      }
      return null;
    default:
      return null;
  }
}

/** Where a nondeterministic value sits in an assertion argument, only through nodes that carry it to the comparison. */
function findTainted(argument: Node, tainted: Map<string, Taint>, ctx: RuleContext): { node: Node; taint: Taint }[] {
  const found: { node: Node; taint: Taint }[] = [];
  const pending: Node[] = [argument];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const taint = node.type === 'string' ? null : taintOf(node, tainted, ctx);
    if (taint) {
      found.push({ node, taint });
    } else if (TRANSPARENT.has(node.type)) {
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (!child || child.type === 'comment') continue;
        if (node.type === 'keyword_argument' && child.id === node.childForFieldName('name')?.id) continue;
        pending.push(child);
      }
    }
  }
  return found;
}

function testState(scope: Scope): TestState | null {
  if (!scope.isTestFunction || scope.testFunction !== scope) return null;
  return scope.data<TestState>(ID, () => ({ tainted: new Map(), candidates: [] }));
}

/** Families a test controls in its own body: seeded, frozen or patched. */
function controlled(test: Scope): Set<Source> {
  return test.data(`${ID}.controlled`, () => new Set<Source>());
}

/** Last names of the calls that seed, freeze or travel: checked before resolving the whole name. */
const CONTROL_NAMES = /^(seed|Random|freeze_time|set_time_override|advance_time_delta|advance_time_seconds|TimeFixture|travel)$/;

/** `random.seed(1)`, `freeze_time(...)`, `mock.patch('time.time')`: the values stop being nondeterministic. */
function controlsOf(call: Node, lastName: string, ctx: RuleContext): Source[] {
  if (CONTROL_NAMES.test(lastName) || ctx.facts.imports.has(lastName)) {
    const name = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
    if (name === 'random.seed' || (name === 'random.Random' && callArguments(call).positional.length > 0)) return ['random'];
    if (/(^|\.)(freeze_time|set_time_override|advance_time_delta|advance_time_seconds|TimeFixture)$|^time_machine\.travel$/.test(name)) return ['clock'];
  }
  const patch = patchCallOf(call, ctx);
  if (!patch) return [];
  const kinds: Source[] = [];
  for (const { key } of patch.targets) {
    if (/\b(datetime|date|time|utcnow|now|today|timeutils)\b/.test(key)) kinds.push('clock');
    if (/uuid/.test(key)) kinds.push('uuid');
    if (/\brandom\b/.test(key)) kinds.push('random');
  }
  return kinds;
}

function assertionName(call: Node): string {
  return call.childForFieldName('function')?.text ?? calleeLastName(call) ?? 'assert';
}

type Relation = 'equal' | 'differ' | 'other';

const EQUALITY_OPERATORS = new Set(['==', 'is', 'in']);
const INEQUALITY_OPERATORS = new Set(['!=', 'is not', 'not in']);

/** How the assertion compares the value: the nearest comparison around it in the argument, else the assertion's name. */
function relationOf(node: Node, argument: Node, label: string): Relation {
  for (const current of [node, ...ancestors(node)]) {
    if (current.type === 'comparison_operator') {
      const operators = comparisonOperators(current);
      if (operators.every((op) => EQUALITY_OPERATORS.has(op))) return 'equal';
      if (operators.every((op) => INEQUALITY_OPERATORS.has(op))) return 'differ';
      return 'other';
    }
    if (current.id === argument.id) break;
  }
  // Two readings that must be close: the tolerance admits it is a comparison of times, not a pass-through.
  if (/AlmostEqual$/.test(label)) return 'other';
  if (/Not(Equal|In)$/.test(label)) return 'differ';
  if (/(Equal|Equals|\.assertIn)$/.test(label)) return 'equal';
  return 'other';
}

/**
 * Uses whose outcome does not depend on which value came up: a random number formatted into a marker text,
 * random values or uuids asserted to differ (uniqueness), and a stored clock reading compared for equality
 * (the code under test passed it through: that holds whatever the time).
 */
function isValueIndependent(node: Node, taint: Taint, relation: Relation): boolean {
  if (taint.kind === 'random' && taint.formatted) return true;
  if (taint.kind !== 'clock') return relation === 'differ';
  return node.type === 'identifier' && !!taint.exact && relation !== 'other';
}

function collect(label: string, check: Node, args: Node[], state: TestState, ctx: RuleContext): void {
  // One finding per source call and assertion: `got = round(x)` and `x` in one comparison are one problem.
  const seen = new Set<number>();
  for (const argument of args) {
    for (const { node, taint } of findTainted(argument, state.tainted, ctx)) {
      if (seen.has(taint.origin.startIndex)) continue;
      if (isValueIndependent(node, taint, relationOf(node, argument, label))) continue;
      seen.add(taint.origin.startIndex);
      const name = node.type === 'identifier' ? node.text : null;
      state.candidates.push({ node, taint, assertion: label, check, name });
    }
  }
}

function onCall(call: Node, ctx: RuleContext): void {
  const lastName = calleeLastName(call);
  if (!lastName) return;
  const kinds = controlsOf(call, lastName, ctx);
  if (kinds.length > 0) {
    // A test's own seeds and patches: its decorators, its class's setup and the module are read at its end.
    const test = ctx.scope.testFunction;
    if (test?.isTestFunction && !decoratedDefinition(call)) for (const kind of kinds) controlled(test).add(kind);
    return;
  }
  if (!/assert/i.test(lastName) || VALUE_BLIND.test(lastName)) return;
  const state = testState(ctx.scope);
  const qualified = state ? ctx.qualifiedName(call.childForFieldName('function')) : null;
  // pytest.raises/warns check exceptions and pytest.approx states its own tolerance.
  if (!state || !isAssertionCall(call, qualified) || qualified?.startsWith('pytest.')) return;
  const args = callArguments(call);
  // A delta states the tolerance the nondeterminism needs.
  if (/AlmostEqual$/.test(lastName) && args.keywords.has('delta')) return;
  const values = [...args.positional, ...[...args.keywords].filter(([keyword]) => keyword !== 'msg').map(([, value]) => value)];
  collect(assertionName(call), call, values, state, ctx);
}

function onAssert(statement: Node, ctx: RuleContext): void {
  const state = testState(ctx.scope);
  const condition = statement.namedChildren.find((child) => child?.type !== 'comment');
  if (state && condition) collect('assert', statement, [condition], state, ctx);
}

function onAssignment(assignment: Node, ctx: RuleContext): void {
  const state = testState(ctx.scope);
  const left = assignment.childForFieldName('left');
  if (!state || left?.type !== 'identifier') return;
  const right = assignment.childForFieldName('right');
  const taint = taintOf(right, state.tainted, ctx);
  // `now = datetime.now()` and `same = now` hold the reading itself; anything computed from it does not.
  const exact = right?.type === 'identifier' || right?.type === 'call' ? taint?.exact : false;
  if (taint) state.tainted.set(left.text, { ...taint, exact: !!exact });
  else state.tainted.delete(left.text);
}

function report(candidate: Candidate, ctx: RuleContext): void {
  const { taint, name } = candidate;
  const line = taint.origin.startPosition.row + 1;
  const what = name ? `\`${name}\` holds \`${taint.source}()\` (line ${line}), which` : `\`${taint.source}()\``;
  // For "Explain": the call the value comes from and the assertion it reaches.
  const related = [taint.origin, candidate.check].filter((node) => node.id !== candidate.node.id);
  ctx.report({
    node: candidate.node,
    related,
    message: `${what} changes on every run and reaches \`${candidate.assertion}\`, so a failure cannot be replayed: ${ADVICE[taint.kind]}`,
  });
}

const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * Seeds, freezes and patches made at module level run at import, before any test: they control every
 * test of the file, wherever in the file they are written.
 */
function moduleControls(ctx: RuleContext): ReadonlySet<Source> {
  return ctx.scope.fileFact(`${ID}.moduleControls`, (module) => {
    const kinds = new Set<Source>();
    const pending = module.node.namedChildren.filter((node): node is Node => !!node && !DEFINITIONS.has(node.type));
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (DEFINITIONS.has(node.type)) continue;
      const lastName = node.type === 'call' ? calleeLastName(node) : null;
      if (lastName) for (const kind of controlsOf(node, lastName, ctx)) kinds.add(kind);
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
    return kinds;
  });
}

/** The families the decorators of `definition` control (`@freeze_time(...)`, `@mock.patch('time.time')`). */
function decoratorControls(definition: Node, ctx: RuleContext): Source[] {
  const kinds: Source[] = [];
  for (const decorator of decoratorsOf(definition)) {
    const expression = decoratorExpression(decorator);
    const lastName = expression?.type === 'call' ? calleeLastName(expression) : null;
    if (expression && lastName) kinds.push(...controlsOf(expression, lastName, ctx));
  }
  return kinds;
}

/**
 * What a class controls for each of its tests: its decorators, and the seeds and patches of its setup,
 * helpers and class body. Another test's body is not read: a seed in one test does not make the others
 * reproducible (they may run alone, or first).
 */
function classControls(owner: Scope, ctx: RuleContext): ReadonlySet<Source> {
  return owner.classFact(`${ID}.controls`, (definition) => {
    const kinds = new Set<Source>(decoratorControls(definition, ctx));
    const pending: Node[] = [];
    for (const member of definition.childForFieldName('body')?.namedChildren ?? []) {
      if (!member) continue;
      const inner = definitionOf(member);
      if (inner.type === 'class_definition') continue;
      if (inner.type === 'function_definition') {
        if (isTestName(inner.childForFieldName('name')?.text ?? '')) continue;
        // A method's decorators control that method only.
        const body = inner.childForFieldName('body');
        if (body) pending.push(body);
        continue;
      }
      pending.push(member);
    }
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'class_definition' || node.type === 'decorator') continue;
      const lastName = node.type === 'call' ? calleeLastName(node) : null;
      if (lastName) for (const kind of controlsOf(node, lastName, ctx)) kinds.add(kind);
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
    return kinds;
  });
}

/** The function or class a decorator call applies to. */
function decoratedDefinition(call: Node): Node | null {
  const decorator = call.parent;
  if (decorator?.type !== 'decorator') return null;
  return decorator.parent?.type === 'decorated_definition' ? decorator.parent.childForFieldName('definition') : null;
}

function onFunctionExit(definition: Node, ctx: RuleContext): void {
  const test = ctx.scope;
  const state = test.peek<TestState>(ID);
  if (!state) return;
  const own = new Set([...controlled(test), ...decoratorControls(definition, ctx), ...moduleControls(ctx)]);
  const owner = test.enclosingClass;
  if (owner) for (const kind of classControls(owner, ctx)) own.add(kind);
  // One finding per source call, at the first assertion it reaches: the other assertions repeat the same problem.
  const origins = new Set<number>();
  for (const candidate of state.candidates) {
    if (own.has(candidate.taint.kind) || origins.has(candidate.taint.origin.startIndex)) continue;
    origins.add(candidate.taint.origin.startIndex);
    report(candidate, ctx);
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'nondeterministic-input',
    family: 'TIM',
    severity: 'info',
    fixable: 'no',
    summary: 'A value from the clock, `uuid4()` or `random` reaches an assertion of the same test.',
    why:
      'The test checks a different value on every run: when it fails, the failing input is gone and the ' +
      'failure cannot be replayed, and comparisons against the wall clock flake on a slow host. Only values ' +
      'that flow to the comparison count (by name, through conversions such as `str()` and arithmetic); ' +
      'a test whose class or module seeds `random`, freezes the clock or patches the source is quiet. Uses ' +
      'whose outcome does not depend on the value are quiet too: a random number formatted into a marker ' +
      'text, random values or uuids asserted to differ, identity checks, and a stored clock reading compared ' +
      'for equality (the code under test passed it through).',
    fix:
      'Freeze or inject time (`timeutils.set_time_override`, freezegun, a mocked `time.time`), use fixed ids ' +
      '(`uuidsentinel`, literal UUIDs) and seed random generators (`random.Random(seed)`).',
    bad: [
      'import uuid',
      '',
      'from nova import objects',
      'from nova import test',
      '',
      '',
      'class InstanceMappingTest(test.TestCase):',
      '    def test_get_by_instance_uuid(self):',
      '        instance_uuid = uuid.uuid4()',
      '        create_mapping(self.context, instance_uuid=instance_uuid)',
      '        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context, instance_uuid)',
      '        self.assertEqual(instance_uuid, mapping.instance_uuid)',
      '',
    ].join('\n'),
    good: [
      'from nova import objects',
      'from nova import test',
      'from nova.tests import fixtures as nova_fixtures',
      '',
      'uuids = nova_fixtures.uuidsentinel',
      '',
      '',
      'class InstanceMappingTest(test.TestCase):',
      '    def test_get_by_instance_uuid(self):',
      '        create_mapping(self.context, instance_uuid=uuids.instance)',
      '        mapping = objects.InstanceMapping.get_by_instance_uuid(self.context, uuids.instance)',
      '        self.assertEqual(uuids.instance, mapping.instance_uuid)',
      '',
    ].join('\n'),
    peers: ['nova N310', 'nova N357', 'ruff DTZ003', 'ruff DTZ005', 'bandit B311'],
    detection:
      'Inside each test function it follows `assignment` nodes to know which names hold a value from ' +
      '`datetime.now()`/`utcnow()`/`today()`, `time.time()`, `uuid.uuid4()` or a `random` function, also through ' +
      'conversions (`str()`), arithmetic and string formatting; an `assert_statement` or an assertion `call` that ' +
      'receives such a value becomes a candidate, unless the check does not depend on the value (asserting that values ' +
      'differ, identity or type checks, a random number formatted into a text, a stored clock reading compared for ' +
      'equality). At the end of each test a candidate is dropped when the test itself, its decorators, its class (its ' +
      'decorators, setup, helpers and class body; not another test) or the module seeds `random`, freezes the clock or ' +
      'patches the source; one finding per source call.',
  },
  visit: {
    call: onCall,
    assert_statement: onAssert,
    assignment: onAssignment,
    'function_definition:exit': onFunctionExit,
  },
});
