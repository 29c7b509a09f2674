import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { decoratorExpression, decoratorsOf, dottedName } from '../../syntax';
import { lineageOf } from './class-lineage';
import { decoratorName } from '../smells/test-bodies';
import { injectsPositionalMock, patchCallOf, type PatchCall } from './patches';

const ID = 'MCK008';

interface DecoratorFacts {
  /** Patches that pass a mock, top-down as written. */
  injecting: PatchCall[];
  /** Something makes the count unknowable: `patch.multiple` (keywords), `**options`, static/class methods. */
  unknowable: boolean;
  /** Another decorator that may pass arguments of its own (`ddt.data`, `parameterized.expand`). */
  foreign: boolean;
  /**
   * Such a decorator below a patch: the patch hands its mock to that decorator's wrapper, which may keep it
   * (cinder's `client_mock_decorator` calls the test with `self` alone). Above the patches it can only add.
   */
  foreignInside: boolean;
}

/** Decorators known not to pass arguments: skips, expected failures, pytest marks, testtools tags. */
const INERT = /(^|\.)(skip\w*|expectedFailure|attr|tag|timeout|requires\w*|override_settings)$|^pytest\.mark\./;

function readDecorators(decorators: Node[], ctx: RuleContext): DecoratorFacts {
  const facts: DecoratorFacts = { injecting: [], unknowable: false, foreign: false, foreignInside: false };
  for (const decorator of decorators) {
    const expression = decoratorExpression(decorator);
    const patch = expression?.type === 'call' ? patchCallOf(expression, ctx) : null;
    if (patch) {
      if (patch.api === 'patch.multiple' || patch.args.hasSplat || patch.library !== 'mock') facts.unknowable = true;
      else if (injectsPositionalMock(patch)) facts.injecting.push(patch);
      continue;
    }
    const name = decoratorName(decorator) ?? '';
    if (name === 'staticmethod' || name === 'classmethod') facts.unknowable = true;
    else if (!INERT.test(name)) {
      facts.foreign = true;
      if (facts.injecting.length > 0) facts.foreignInside = true;
    }
  }
  return facts;
}

interface Parameters {
  node: Node;
  names: string[];
  required: number;
  /** `*args` takes any number of mocks. */
  variadic: boolean;
}

function readParameters(fn: Node, isMethod: boolean): Parameters | null {
  const node = fn.childForFieldName('parameters');
  if (!node) return null;
  const result: Parameters = { node, names: [], required: 0, variadic: false };
  for (const parameter of node.namedChildren) {
    if (!parameter || parameter.type === 'comment' || parameter.type === 'positional_separator') continue;
    if (parameter.type === 'list_splat_pattern') result.variadic = true;
    // Keyword-only parameters follow `*` or `*args`: mocks never reach them.
    if (parameter.type === 'list_splat_pattern' || parameter.type === 'keyword_separator' || parameter.type === 'dictionary_splat_pattern') break;
    const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.namedChild(0));
    result.names.push(name?.text ?? '');
    if (parameter.type === 'identifier' || parameter.type === 'typed_parameter') result.required++;
  }
  if (isMethod) {
    if (result.names.length === 0) return null;
    result.names.shift();
    result.required = Math.max(0, result.required - 1);
  }
  return result;
}

/**
 * unittest calls a test method with no arguments, so every parameter a mock does not fill must have a
 * default. pytest fills the rest with fixtures: there only too few parameters is certain to fail.
 */
function isUnittestClass(definition: Node, scope: Scope): boolean {
  return lineageOf(definition, scope).imported.some((base) => {
    const name = dottedName(base) ?? '';
    return /TestCase$/.test(name.slice(name.lastIndexOf('.') + 1));
  });
}

/** `mock_get_host`, `m_get_host`, `get_host_mock` all name the mock of `get_host`. */
function mockName(parameter: string): string {
  return parameter
    .toLowerCase()
    .replace(/^_+/, '')
    .replace(/^(mock|mocked|m|fake|patched|stub)_/, '')
    .replace(/_(mock|mocked|patch|stub)$/, '');
}

/** Parameters named after the decorators top-down, while mocks arrive bottom-up: every name is wrong. */
function topDownNaming(patches: PatchCall[], names: string[]): { parameter: string; receives: string } | null {
  const count = patches.length;
  if (count < 2) return null;
  const attributes = patches.map((patch) => patch.targets[0]?.attribute.toLowerCase().replace(/^_+/, '') ?? '');
  if (attributes.some((attribute) => !attribute) || new Set(attributes).size !== count) return null;
  const given = names.slice(0, count).map(mockName);
  if (!given.every((name, i) => name === attributes[i])) return null;
  const wrong = given.findIndex((name, i) => name !== attributes[count - 1 - i]);
  return wrong < 0 ? null : { parameter: names[wrong]!, receives: patches[count - 1 - wrong]!.targets[0]!.attribute };
}

function check(fn: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  if (!scope.isTestFunction) return;
  const classScope = scope.parent?.kind === 'class' ? scope.parent : null;
  const own = readDecorators(decoratorsOf(fn), ctx);
  // Class decorators patch every `test*` method too; their mocks come after the method's own.
  const inherited = classScope ? classScope.classFact(`${ID}.decorators`, (definition) => readDecorators(decoratorsOf(definition), ctx)) : null;
  const count = own.injecting.length + (inherited?.injecting.length ?? 0);
  if (count === 0 || own.unknowable || own.foreignInside || inherited?.unknowable) return;
  const parameters = readParameters(fn, classScope !== null);
  if (!parameters || parameters.variadic) return;
  const after = classScope ? ' after `self`' : '';
  const total = parameters.names.length;
  const mocks = `${count} mock${count === 1 ? '' : 's'}`;
  // The patches that pass the mocks, for "Explain".
  const related = [...own.injecting, ...(inherited?.injecting ?? [])].map((patch) => patch.call);
  if (total < count) {
    ctx.report({
      node: parameters.node,
      related,
      message:
        `\`${scope.name}\` takes ${total} positional parameter${total === 1 ? '' : 's'}${after} but its patch decorators pass ` +
        `${mocks}: the test fails with TypeError; add one parameter per patch, named in reverse decorator order`,
    });
    return;
  }
  if (classScope && !own.foreign && parameters.required > count && classScope.classFact(`${ID}.unittest`, (definition) => isUnittestClass(definition, scope))) {
    const unfilled = parameters.names.slice(count, parameters.required).map((name) => `\`${name}\``).join(', ');
    ctx.report({
      node: parameters.node,
      related,
      message:
        `\`${scope.name}\` takes ${parameters.required} required parameters${after} but its patch decorators pass only ${mocks}: ` +
        `unittest passes nothing for ${unfilled}, so the test fails with TypeError`,
    });
    return;
  }
  // Arguments of other decorators (`ddt.data`) come before the mocks: only plain stacks are compared by name.
  const misnamed = inherited?.injecting.length || own.foreign ? null : topDownNaming(own.injecting, parameters.names);
  if (misnamed) {
    ctx.report({
      node: parameters.node,
      related,
      message:
        `The parameters of \`${scope.name}\` follow the patch decorators top-down, but mocks are passed bottom-up: ` +
        `\`${misnamed.parameter}\` receives the mock of \`${misnamed.receives}\`; reverse the parameter names`,
    });
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'patch-decorator-parameters',
    family: 'MCK',
    severity: 'warning',
    fixable: 'no',
    summary: 'The patch decorators of a test do not match its parameters.',
    why:
      'Each `@mock.patch` decorator without `new` passes one mock as an extra positional argument, starting with ' +
      'the decorator closest to the `def`. Too few parameters, or (under unittest, which passes no arguments of ' +
      'its own) parameters no mock fills, make the test fail with TypeError; parameters named in top-down ' +
      'order silently swap the mocks, so the test configures and asserts on the wrong ones. pytest tests may ' +
      'take fixtures after the mocks; `*args`, `patch.multiple` and decorators that pass their own arguments ' +
      '(`ddt.data`) make the count unknowable and are left alone.',
    fix:
      'Give the test one parameter per patch decorator, named in reverse order of the decorators (the bottom ' +
      'decorator\'s mock first), or pass `new=` to patches whose mock the test does not need.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ServerDeleteTest(unittest.TestCase):',
      "    @mock.patch('nova.compute.api.API.get')",
      "    @mock.patch('nova.compute.api.API.delete')",
      '    def test_delete(self, mock_get, mock_delete):',
      '        mock_get.return_value = self.instance',
      "        self.controller.delete(self.req, 'uuid-1')",
      '        mock_delete.assert_called_once_with(self.context, self.instance)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class ServerDeleteTest(unittest.TestCase):',
      "    @mock.patch('nova.compute.api.API.get')",
      "    @mock.patch('nova.compute.api.API.delete')",
      '    def test_delete(self, mock_delete, mock_get):',
      '        mock_get.return_value = self.instance',
      "        self.controller.delete(self.req, 'uuid-1')",
      '        mock_delete.assert_called_once_with(self.context, self.instance)',
      '',
    ].join('\n'),
    peers: [],
    detection:
      'Visits the `function_definition` of each test and reads its decorators, and those of its class: every ' +
      '`mock.patch`/`patch.object` without `new` passes one mock. It compares that count with the positional parameters ' +
      'after `self`: too few, required parameters that no mock fills in a `TestCase` class, or parameters named after ' +
      'the patched attributes top-down instead of bottom-up. `*args`, `patch.multiple`, `**kwargs` in a patch, ' +
      '`staticmethod`/`classmethod` and other decorators that may pass arguments make it silent.',
  },
  visit: { function_definition: check },
});
