/**
 * Shared by the mocking rules: which calls patch something, what they replace, and how the patch is
 * applied (decorator, `with`, started, fixture). Spellings are recognised by qualified name, so
 * `from unittest import mock`, `import mock` and `from unittest.mock import patch` all read the same.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import { callArguments, calleeLastName, dottedName, stringValue, unwrapParens, type CallArguments } from '../../syntax';

/** The patch API a call uses, independent of how the file imports it. */
export type PatchApi =
  | 'patch'
  | 'patch.object'
  | 'patch.dict'
  | 'patch.multiple'
  | 'MockPatch'
  | 'MockPatchObject'
  | 'MockPatchMultiple'
  | 'monkeypatch.setattr';

/** Who undoes the patch: a `mock` patcher, a `fixtures` fixture, pytest's `monkeypatch`, pytest-mock's `mocker`. */
export type PatchLibrary = 'mock' | 'fixtures' | 'monkeypatch' | 'mocker';

/** One attribute a patch replaces: `nova.compute.api.API.resize` is object `nova.compute.api.API`, attribute `resize`. */
export interface PatchTarget {
  /** The object, qualified through the imports so that string and object spellings compare equal. */
  object: string;
  /** The object as the source writes it, for messages and fixes. */
  objectText: string;
  /** Named inside a string (`patch('a.B.c')`), not by a reference (`patch.object(B, 'c')`). */
  inString: boolean;
  attribute: string;
  /** `object.attribute`: what two patches must share to replace the same thing. */
  key: string;
}

export interface PatchCall {
  call: Node;
  api: PatchApi;
  library: PatchLibrary;
  /** Empty when the target is not literal (a variable holds the string) and for `patch.dict`. */
  targets: PatchTarget[];
  args: CallArguments;
}

const MOCK_MODULES = ['unittest.mock', 'mock'];
const API_BY_NAME = new Map<string, { api: PatchApi; library: PatchLibrary }>();
for (const module of MOCK_MODULES) {
  API_BY_NAME.set(`${module}.patch`, { api: 'patch', library: 'mock' });
  API_BY_NAME.set(`${module}.patch.object`, { api: 'patch.object', library: 'mock' });
  API_BY_NAME.set(`${module}.patch.dict`, { api: 'patch.dict', library: 'mock' });
  API_BY_NAME.set(`${module}.patch.multiple`, { api: 'patch.multiple', library: 'mock' });
}
for (const [name, api] of [
  ['MockPatch', 'MockPatch'],
  ['MockPatchObject', 'MockPatchObject'],
  ['MockPatchMultiple', 'MockPatchMultiple'],
] as const) {
  API_BY_NAME.set(`fixtures.${name}`, { api, library: 'fixtures' });
  API_BY_NAME.set(`fixtures._fixtures.mockpatch.${name}`, { api, library: 'fixtures' });
}
// oslotest's deprecated aliases of the same fixtures, still found in older OpenStack trees.
API_BY_NAME.set('oslotest.mockpatch.Patch', { api: 'MockPatch', library: 'fixtures' });
API_BY_NAME.set('oslotest.mockpatch.PatchObject', { api: 'MockPatchObject', library: 'fixtures' });
API_BY_NAME.set('oslotest.mockpatch.PatchMultiple', { api: 'MockPatchMultiple', library: 'fixtures' });
// pytest fixtures arrive as parameters, never imports: recognised by their conventional names.
API_BY_NAME.set('monkeypatch.setattr', { api: 'monkeypatch.setattr', library: 'monkeypatch' });
API_BY_NAME.set('mocker.patch', { api: 'patch', library: 'mocker' });
API_BY_NAME.set('mocker.patch.object', { api: 'patch.object', library: 'mocker' });
API_BY_NAME.set('mocker.patch.dict', { api: 'patch.dict', library: 'mocker' });
API_BY_NAME.set('mocker.patch.multiple', { api: 'patch.multiple', library: 'mocker' });

/** Keyword arguments of `patch.multiple`/`MockPatchMultiple` that are options, not attributes. */
const MULTIPLE_OPTIONS = new Set(['target', 'spec', 'create', 'spec_set', 'autospec', 'new_callable']);

type Qualify = Pick<RuleContext, 'qualifiedName'>;

/** The patch API a callee names (`mock.patch.object` -> `patch.object`), or null. */
export function patchApiOf(callee: Node | null, ctx: Qualify): { api: PatchApi; library: PatchLibrary } | null {
  const qualified = ctx.qualifiedName(callee);
  return qualified ? (API_BY_NAME.get(qualified) ?? null) : null;
}

function fromDottedString(text: string): PatchTarget | null {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1 || /\s/.test(text)) return null;
  const object = text.slice(0, dot);
  const attribute = text.slice(dot + 1);
  return { object, objectText: object, inString: true, attribute, key: text };
}

/** `X` of `patch.object(X, 'attr')`: a dotted reference, qualified through the imports. */
function objectReference(node: Node | undefined, ctx: Qualify): { object: string; objectText: string; inString: false } | null {
  if (!node) return null;
  const value = unwrapParens(node);
  const text = dottedName(value);
  const object = ctx.qualifiedName(value);
  return text && object ? { object, objectText: text, inString: false } : null;
}

function objectTarget(objectNode: Node | undefined, attributeNode: Node | undefined, ctx: Qualify): PatchTarget | null {
  const reference = objectReference(objectNode, ctx);
  const attribute = stringValue(attributeNode);
  if (!reference || !attribute) return null;
  return { ...reference, attribute, key: `${reference.object}.${attribute}` };
}

function multipleTargets(args: CallArguments, ctx: Qualify): PatchTarget[] {
  const targetNode = args.positional[0] ?? args.keywords.get('target');
  if (!targetNode) return [];
  const literal = stringValue(targetNode);
  const reference = literal !== null ? { object: literal, objectText: literal, inString: true } : objectReference(targetNode, ctx);
  if (!reference) return [];
  const targets: PatchTarget[] = [];
  for (const name of args.keywords.keys()) {
    if (MULTIPLE_OPTIONS.has(name)) continue;
    targets.push({ ...reference, attribute: name, key: `${reference.object}.${name}` });
  }
  return targets;
}

function targetsOf(api: PatchApi, args: CallArguments, ctx: Qualify): PatchTarget[] {
  switch (api) {
    case 'patch':
    case 'MockPatch': {
      const literal = stringValue(args.positional[0] ?? args.keywords.get('target'));
      const target = literal === null ? null : fromDottedString(literal);
      return target ? [target] : [];
    }
    case 'patch.object':
    case 'MockPatchObject': {
      const target = objectTarget(args.positional[0] ?? args.keywords.get('target'), args.positional[1] ?? args.keywords.get('attribute'), ctx);
      return target ? [target] : [];
    }
    case 'patch.multiple':
    case 'MockPatchMultiple':
      return multipleTargets(args, ctx);
    case 'monkeypatch.setattr': {
      // `setattr('a.b.c', value)` names the target in one string; `setattr(obj, 'c', value)` in two.
      const first = args.positional[0] ?? args.keywords.get('target');
      const literal = stringValue(first);
      if (literal !== null && args.positional.length <= 2 && !args.keywords.has('name')) {
        const target = fromDottedString(literal);
        return target ? [target] : [];
      }
      const target = objectTarget(first, args.positional[1] ?? args.keywords.get('name'), ctx);
      return target ? [target] : [];
    }
    case 'patch.dict':
      return [];
  }
}

/** Last components of every patch API spelling: a cheap first test before resolving the whole name. */
const LAST_NAMES = new Set([...API_BY_NAME.keys()].map((name) => name.slice(name.lastIndexOf('.') + 1)));

/** Whether a callee can name a patch API at all: its last name is one, or it is an imported alias. */
function mayBePatch(callee: Node | null, ctx: Qualify & Pick<RuleContext, 'facts'>): boolean {
  if (callee?.type === 'identifier') return LAST_NAMES.has(callee.text) || ctx.facts.imports.has(callee.text);
  return callee?.type === 'attribute' && LAST_NAMES.has(callee.childForFieldName('attribute')?.text ?? '');
}

/** Several rules read the same calls in one pass: remember each answer per tree (a new parse is a new tree). */
const cache = new WeakMap<object, Map<number, PatchCall | null>>();

/** The patch a call makes, or null when the call is not a patch. */
export function patchCallOf(call: Node, ctx: Qualify & Pick<RuleContext, 'facts'>): PatchCall | null {
  if (call.type !== 'call') return null;
  let known = cache.get(call.tree);
  if (!known) cache.set(call.tree, (known = new Map()));
  const cached = known.get(call.id);
  if (cached !== undefined) return cached;
  const result = readPatchCall(call, ctx);
  known.set(call.id, result);
  return result;
}

function readPatchCall(call: Node, ctx: Qualify & Pick<RuleContext, 'facts'>): PatchCall | null {
  const callee = call.childForFieldName('function');
  if (!mayBePatch(callee, ctx)) return null;
  const api = patchApiOf(callee, ctx);
  if (!api) return null;
  const args = callArguments(call);
  return { call, ...api, targets: targetsOf(api.api, args, ctx), args };
}

/** How a patch call is put to work; decides how long the patch lives. */
export type PatchUsage =
  /** `@mock.patch(...)` on a function or class: `definition` is the decorated function or class. */
  | { kind: 'decorator'; decorator: Node; definition: Node }
  /** `with mock.patch(...) [as m]:`: alive while `statement` runs. */
  | { kind: 'with'; statement: Node; item: Node; alias: Node | null }
  /** `mock.patch(...).start()` or `self.useFixture(fixtures.MockPatch(...))`: alive from `at` on. */
  | { kind: 'started'; at: Node }
  /** `monkeypatch.setattr(...)`, `mocker.patch(...)`: alive from the call on, until the test ends. */
  | { kind: 'immediate' }
  /** `p = mock.patch(...)`: a patcher, started or entered later through `name`. */
  | { kind: 'assigned'; name: string; assignment: Node }
  | { kind: 'other' };

/** `self.useFixture(...)`, `cls.useFixture(...)`, `useFixture(...)`: testtools' fixture hook. */
export function isUseFixtureCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  return call.type === 'call' && name === 'useFixture';
}

/** The call that invokes `<receiver>.<method>()`, when `receiver` is the object of that attribute. */
export function methodCallOn(receiver: Node, method: string): Node | null {
  const attribute = receiver.parent;
  if (attribute?.type !== 'attribute' || attribute.childForFieldName('object')?.id !== receiver.id) return null;
  if (attribute.childForFieldName('attribute')?.text !== method) return null;
  const call = attribute.parent;
  return call?.type === 'call' && call.childForFieldName('function')?.id === attribute.id ? call : null;
}

/** The `with_item` whose value is `node` (directly or as `node as name`). */
function withItemOf(node: Node): Node | null {
  const parent = node.parent;
  if (parent?.type === 'with_item') return parent;
  return parent?.type === 'as_pattern' && parent.parent?.type === 'with_item' ? parent.parent : null;
}

export function patchUsage(patch: PatchCall): PatchUsage {
  const { call } = patch;
  if (patch.library === 'monkeypatch' || patch.library === 'mocker') return { kind: 'immediate' };
  let node: Node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return { kind: 'other' };
  if (parent.type === 'decorator') {
    const definition = parent.parent?.childForFieldName('definition');
    return definition ? { kind: 'decorator', decorator: parent, definition } : { kind: 'other' };
  }
  const item = withItemOf(node);
  if (item) {
    const statement = item.parent?.parent;
    const alias = parent.type === 'as_pattern' ? parent.childForFieldName('alias') : null;
    return statement?.type === 'with_statement' ? { kind: 'with', statement, item, alias } : { kind: 'other' };
  }
  // nova's `with test.nested(mock.patch(...), ...) as (a, b):` and contextlib.nested enter every argument.
  const nested = parent.type === 'argument_list' ? parent.parent : null;
  const nestedItem = nested && calleeLastName(nested) === 'nested' ? withItemOf(nested) : null;
  if (nestedItem) {
    const statement = nestedItem.parent?.parent;
    return statement?.type === 'with_statement' ? { kind: 'with', statement, item: nestedItem, alias: null } : { kind: 'other' };
  }
  const start = methodCallOn(node, 'start');
  if (start) return { kind: 'started', at: start };
  if (parent.type === 'argument_list' && parent.parent && isUseFixtureCall(parent.parent)) {
    return { kind: 'started', at: parent.parent };
  }
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === node.id) {
    const left = parent.childForFieldName('left');
    const name = dottedName(left);
    if (name) return { kind: 'assigned', name, assignment: parent };
  }
  return { kind: 'other' };
}

/** Where a patch's target is shown in a message: `nova.compute.api.API.resize`, or the object form. */
export function describeTarget(target: PatchTarget): string {
  return `${target.objectText}.${target.attribute}`;
}

/** Where `new` sits among the positional arguments of each API that takes one. */
const NEW_POSITION: Partial<Record<PatchApi, number>> = { patch: 1, 'patch.object': 2, MockPatch: 1, MockPatchObject: 2 };

/** The replacement a patch is given (`new=...` or its positional slot), or null when the patch makes a mock. */
export function newArgumentOf(patch: PatchCall): Node | null {
  const position = NEW_POSITION[patch.api];
  if (position === undefined) return null;
  return patch.args.keywords.get('new') ?? patch.args.positional[position] ?? null;
}

/**
 * As a decorator, whether the patch hands the decorated function one mock as an extra positional argument:
 * `patch`/`patch.object` do unless given `new`; `patch.dict` never does; `patch.multiple` passes keywords.
 */
export function injectsPositionalMock(patch: PatchCall): boolean {
  return patch.library === 'mock' && (patch.api === 'patch' || patch.api === 'patch.object') && newArgumentOf(patch) === null;
}
