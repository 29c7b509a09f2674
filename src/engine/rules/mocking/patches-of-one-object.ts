import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isTestClassDefinition, isTestName } from '../../scope';
import { replaceBetween } from '../../position';
import { callArguments, calleeLastName, calleeName, decoratorExpression } from '../../syntax';
import type { Fix } from '../../types';
import { patchCallOf, patchUsage, type PatchCall, type PatchTarget } from './patches';

const ID = 'MCK005';
/** Two patches of one object are ordinary; from three on, one call states the intent better. */
const MIN_PATCHES = 3;
/** Keywords `patch.multiple` reserves for itself: attributes with these names cannot be passed to it. */
const RESERVED = new Set(['target', 'spec', 'create', 'spec_set', 'autospec', 'new_callable']);

interface Single {
  patch: PatchCall;
  target: PatchTarget;
}

/** A patch of exactly one attribute (`patch`, `patch.object`, `MockPatch`, `MockPatchObject`), not `monkeypatch`. */
function singlePatch(call: Node | null, ctx: RuleContext): Single | null {
  const patch = call ? patchCallOf(call, ctx) : null;
  if (!patch || patch.library === 'monkeypatch' || patch.targets.length !== 1) return null;
  if (!['patch', 'patch.object', 'MockPatch', 'MockPatchObject'].includes(patch.api)) return null;
  return { patch, target: patch.targets[0]! };
}

/** Groups of at least MIN_PATCHES patches of one object with distinct attributes, in source order. */
function sameObjectGroups(patches: Single[]): Single[][] {
  const byObject = new Map<string, Single[]>();
  for (const single of patches) byObject.set(single.target.object, [...(byObject.get(single.target.object) ?? []), single]);
  return [...byObject.values()].filter((group) => new Set(group.map((single) => single.target.attribute)).size >= MIN_PATCHES);
}

function message(group: Single[], where: string): string {
  const first = group[0]!;
  const attributes = [...new Set(group.map((single) => single.target.attribute))];
  const shown = attributes.slice(0, 4).map((name) => `\`${name}\``).join(', ') + (attributes.length > 4 ? ', ...' : '');
  const library = group.every((single) => single.patch.library === first.patch.library) ? first.patch.library : 'mock';
  const combined = library === 'fixtures' ? 'fixtures.MockPatchMultiple' : library === 'mocker' ? 'mocker.patch.multiple' : 'mock.patch.multiple';
  const object = first.target.inString ? `'${first.target.objectText}'` : first.target.objectText;
  return `${attributes.length} patches of \`${object}\` (${shown}) ${where}: one \`${combined}(${object}, ...)\` names the object once`;
}

/** A test method/function, its decorators, or anything inside test code. */
function inTestContext(ctx: RuleContext, definition?: Node): boolean {
  if (ctx.scope.inTestCode || ctx.scope.enclosingClass?.isTestClass) return true;
  if (!definition) return false;
  const name = definition.childForFieldName('name')?.text ?? '';
  if (definition.type === 'class_definition') return isTestClassDefinition(definition, ctx.facts.testClassNames);
  return ctx.scope.kind === 'module' && isTestName(name);
}

function checkDecorators(decorated: Node, ctx: RuleContext): void {
  const definition = decorated.childForFieldName('definition');
  if (!definition || !inTestContext(ctx, definition)) return;
  const patches: Single[] = [];
  for (const decorator of decorated.namedChildren) {
    if (decorator?.type !== 'decorator') continue;
    const single = singlePatch(decoratorExpression(decorator), ctx);
    if (single) patches.push(single);
  }
  for (const group of sameObjectGroups(patches)) {
    // No fix: a decorator passes each mock as a positional parameter, patch.multiple passes keywords.
    ctx.report({
      node: group[0]!.patch.call,
      endNode: group[group.length - 1]!.patch.call,
      related: group.map((single) => single.patch.call),
      message: message(group, 'in these decorators'),
    });
  }
}

/** The callee spellings a fix can reuse: `mock.patch.multiple` and `mock.DEFAULT` for `mock.patch.object`. */
function multipleSpelling(patch: PatchCall, ctx: RuleContext): { multiple: string; sentinel: string } | null {
  const callee = calleeName(patch.call);
  const qualified = ctx.qualifiedName(patch.call.childForFieldName('function'));
  if (!callee || !qualified) return null;
  const suffix = patch.api === 'patch' ? '.patch' : '.patch.object';
  const prefix = callee.endsWith(suffix) ? callee.slice(0, -suffix.length) : null;
  if (prefix) return { multiple: `${prefix}.patch.multiple`, sentinel: `${prefix}.DEFAULT` };
  // `from unittest.mock import patch`: DEFAULT must be imported from the same module too.
  const module = qualified.slice(0, -suffix.length);
  const sentinel = [...ctx.facts.imports].find(([, target]) => target === `${module}.DEFAULT`)?.[0];
  return sentinel && (callee === 'patch' || callee === 'patch.object') ? { multiple: 'patch.multiple', sentinel } : null;
}

/**
 * `with p(X, 'a'), p(X, 'b'), p(X, 'c'):` -> `with p.multiple(X, a=DEFAULT, ...):`, only when nothing can
 * change: every item is one of these patches, none is bound with `as`, none passes options.
 */
function withFix(statement: Node, group: Single[], ctx: RuleContext): Fix | undefined {
  const items = statement.namedChildren.find((child) => child?.type === 'with_clause')?.namedChildren.filter((child) => child?.type === 'with_item') ?? [];
  if (items.length !== group.length) return undefined;
  const [first] = group;
  if (!first) return undefined;
  const attributes = group.map((single) => single.target.attribute);
  if (new Set(attributes).size !== attributes.length || attributes.some((name) => RESERVED.has(name) || !/^[A-Za-z_]\w*$/.test(name))) return undefined;
  for (const { patch, target } of group) {
    const usage = patchUsage(patch);
    if (usage.kind !== 'with' || usage.alias) return undefined;
    if (patch.library !== 'mock' || patch.api !== first.patch.api || target.objectText !== first.target.objectText) return undefined;
    if (patch.args.keywords.size > 0 || patch.args.hasSplat) return undefined;
    if (patch.args.positional.length !== (patch.api === 'patch' ? 1 : 2)) return undefined;
    if (calleeName(patch.call) !== calleeName(first.patch.call)) return undefined;
  }
  const spelling = multipleSpelling(first.patch, ctx);
  if (!spelling) return undefined;
  const objectNode = first.patch.args.positional[0]!;
  const quote = objectNode.type === 'string' ? objectNode.child(0)?.text : null;
  const objectText = first.patch.api === 'patch' ? (quote === "'" || quote === '"' ? `${quote}${first.target.objectText}${quote}` : null) : objectNode.text;
  if (!objectText) return undefined;
  const keywords = attributes.map((name) => `${name}=${spelling.sentinel}`).join(', ');
  return {
    title: `Combine into \`${spelling.multiple}(${first.target.objectText}, ...)\``,
    edits: [replaceBetween(items[0]!, items[items.length - 1]!, `${spelling.multiple}(${objectText}, ${keywords})`)],
  };
}

function checkWith(statement: Node, ctx: RuleContext): void {
  if (!inTestContext(ctx)) return;
  const patches: Single[] = [];
  for (const item of statement.namedChildren.find((child) => child?.type === 'with_clause')?.namedChildren ?? []) {
    if (item?.type !== 'with_item') continue;
    const value = item.childForFieldName('value');
    const entered = value?.type === 'as_pattern' ? value.namedChild(0) : value;
    // nova's `test.nested(p1, p2, ...)` enters each argument like a separate item.
    const values = entered?.type === 'call' && calleeLastName(entered) === 'nested' ? callArguments(entered).positional : [entered];
    for (const candidate of values) {
      const single = singlePatch(candidate ?? null, ctx);
      if (single) patches.push(single);
    }
  }
  for (const group of sameObjectGroups(patches)) {
    const fix = withFix(statement, group, ctx);
    ctx.report({
      node: group[0]!.patch.call,
      endNode: group[group.length - 1]!.patch.call,
      related: group.map((single) => single.patch.call),
      message: message(group, 'in one `with`'),
      ...(fix ? { fix } : {}),
    });
  }
}

/** Patches a function body keeps until cleanup: started patchers, `useFixture(MockPatch...)`, `mocker.patch`. */
function collectStarted(call: Node, ctx: RuleContext): void {
  if (ctx.scope.kind !== 'function' || !inTestContext(ctx)) return;
  const single = singlePatch(call, ctx);
  if (!single) return;
  const usage = patchUsage(single.patch);
  if (usage.kind === 'started' || usage.kind === 'immediate' || usage.kind === 'assigned') {
    ctx.scope.data<Single[]>(ID, () => []).push(single);
  }
}

function checkStarted(_node: Node, ctx: RuleContext): void {
  const patches = ctx.scope.peek<Single[]>(ID);
  if (!patches) return;
  for (const group of sameObjectGroups(patches)) {
    ctx.report({ node: group[0]!.patch.call, related: group.slice(1).map((single) => single.patch.call), message: message(group, `in \`${ctx.scope.name}\``) });
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'patches-of-one-object',
    family: 'MCK',
    severity: 'info',
    fixable: 'partial',
    summary: 'Three or more patches replace different attributes of the same object in one place.',
    why:
      'A stack of patches that all target one class or module reads as noise: the reader has to compare ' +
      'every line to see that they share an object. One `patch.multiple` (or `fixtures.MockPatchMultiple`) ' +
      'names the object once and lists what is replaced. Patches of different objects are not candidates, ' +
      'however many there are.',
    fix:
      'Use `mock.patch.multiple(X, a=mock.DEFAULT, b=mock.DEFAULT, ...)` or ' +
      '`self.useFixture(fixtures.MockPatchMultiple(X, a=mock.DEFAULT, ...))`. As a decorator, `patch.multiple` ' +
      'passes the mocks as keyword arguments named after the attributes, not as positional parameters, so ' +
      'rename the test parameters to match. The quick fix is offered only for a `with` statement whose items ' +
      'are all such patches without `as` names or options, where the rewrite changes nothing else.',
    bad: [
      'from unittest import mock',
      '',
      'from nova.compute import api as compute_api',
      'from nova import test',
      '',
      '',
      'class ServerActionsControllerTest(test.NoDBTestCase):',
      "    @mock.patch.object(compute_api.API, 'resize')",
      "    @mock.patch.object(compute_api.API, 'get')",
      "    @mock.patch.object(compute_api.API, 'get_instance_host_status')",
      '    def test_resize_server(self, mock_status, mock_get, mock_resize):',
      '        mock_get.return_value = self.instance',
      '        self.controller._action_resize(self.req, FAKE_UUID, self.body)',
      "        mock_resize.assert_called_once_with(self.context, self.instance, '2')",
      '',
    ].join('\n'),
    good: [
      'from unittest import mock',
      '',
      'from nova.compute import api as compute_api',
      'from nova import test',
      '',
      '',
      'class ServerActionsControllerTest(test.NoDBTestCase):',
      '    @mock.patch.multiple(',
      '        compute_api.API, resize=mock.DEFAULT, get=mock.DEFAULT,',
      '        get_instance_host_status=mock.DEFAULT)',
      '    def test_resize_server(self, resize, get, get_instance_host_status):',
      '        get.return_value = self.instance',
      '        self.controller._action_resize(self.req, FAKE_UUID, self.body)',
      "        resize.assert_called_once_with(self.context, self.instance, '2')",
      '',
    ].join('\n'),
    peers: ['stdlib unittest.mock.patch.multiple', 'fixtures.MockPatchMultiple'],
    detection:
      'Looks at three places where patches sit together in test code: the decorators of a `decorated_definition`, the ' +
      'items of one `with_statement` (also the arguments of `nested(...)`), and the patches a test function starts or ' +
      'assigns (gathered per `call`, judged at the end of the function). It groups the single-attribute patches ' +
      '(`patch`, `patch.object`, `MockPatch`, `MockPatchObject`) by the object they patch and reports a group with ' +
      'three or more different attributes.',
  },
  visit: {
    decorated_definition: checkDecorators,
    with_statement: checkWith,
    call: collectStarted,
    'function_definition:exit': checkStarted,
  },
});
