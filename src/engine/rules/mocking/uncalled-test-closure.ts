import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { decoratorExpression, decoratorsOf } from '../../syntax';
import { decoratorName } from '../smells/test-bodies';
import { isVerifyingCall } from '../smells/verification';
import { patchCallOf } from './patches';

const ID = 'MCK010';

/** Decorators that wrap a function without registering it anywhere: the closure still has to be called. */
const WRAPPING = /^(functools\.)?(wraps|lru_cache|cache)$|^(contextlib\.)?(async)?contextmanager$/;

/** Decorated only by patches and plain wrappers; null when some decorator may register the function elsewhere. */
function patchDecorated(definition: Node, ctx: RuleContext): boolean | null {
  let patched = false;
  for (const decorator of decoratorsOf(definition)) {
    const expression = decoratorExpression(decorator);
    if (expression?.type === 'call' && patchCallOf(expression, ctx)) patched = true;
    else if (!WRAPPING.test(decoratorName(decorator) ?? '')) return null;
  }
  return patched;
}

/**
 * A closure whose skipped body matters: the classic patch-decorated `_test`, or one that asserts. Tests of
 * the language itself define functions only to compile them (`def f(): nonlocal x`); those check nothing.
 */
function holdsChecks(definition: Node, ctx: RuleContext): boolean {
  const patched = patchDecorated(definition, ctx);
  if (patched !== false) return patched === true;
  const qualify = (node: Node | null | undefined): string | null => ctx.qualifiedName(node);
  return definition
    .descendantsOfType(['call', 'assert_statement'])
    .some((node) => !!node && (node.type === 'assert_statement' || isVerifyingCall(node, qualify)));
}

/** A def directly in the body of a test function (through its decorators). */
function onDefinition(definition: Node, ctx: RuleContext): void {
  const test = ctx.scope.parent;
  if (!test?.isTestFunction || test.kind !== 'function') return;
  const statement = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  if (statement.parent?.id !== test.node.childForFieldName('body')?.id) return;
  test.data<Node[]>(ID, () => []).push(definition);
}

function judge(fn: Node, ctx: RuleContext): void {
  const closures = ctx.scope.peek<Node[]>(ID);
  if (!closures) return;
  const body = fn.childForFieldName('body');
  if (!body) return;
  // `locals()`, `eval('f()')`: the name may be reached without being written.
  if (/\b(locals|vars|eval|exec)\s*\(/.test(body.text)) return;
  const identifiers = body.descendantsOfType('identifier');
  for (const closure of closures) {
    const nameNode = closure.childForFieldName('name');
    const name = nameNode?.text;
    if (!name || !holdsChecks(closure, ctx)) continue;
    const outer = closure.parent?.type === 'decorated_definition' ? closure.parent : closure;
    const used = identifiers.some(
      (identifier) => identifier !== null && identifier.text === name && (identifier.startIndex < outer.startIndex || identifier.startIndex >= outer.endIndex),
    );
    if (used) continue;
    ctx.report({
      node: nameNode,
      related: [outer],
      message: `\`${name}\` is defined inside \`${ctx.scope.name}\` but never called or used there: its checks never run`,
    });
  }
}

export default defineRule({
  meta: {
    id: ID,
    name: 'uncalled-test-closure',
    family: 'MCK',
    severity: 'error',
    fixable: 'no',
    summary: 'A function defined inside a test is never called.',
    why:
      'Tests often wrap their body in a nested function, typically to decorate it with `@mock.patch`, and then ' +
      'forget to call it. The test passes without running any of its checks. Only closures that are ' +
      'patch-decorated or hold assertions are reported: one referenced anywhere in the test (called, passed as ' +
      'a callback or `side_effect`) is fine, as are helpers without checks (tests of the language define ' +
      'functions just to compile them) and functions whose decorators may register them elsewhere.',
    fix: 'Call the nested function at the end of the test, or inline its body.',
    bad: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class RescueTest(unittest.TestCase):',
      '    def test_rescue_with_image(self):',
      "        @mock.patch.object(self.compute, '_get_rescue_image')",
      '        def _test(mock_get_image):',
      '            mock_get_image.return_value = self.image',
      '            self.compute.rescue_instance(self.context, self.instance)',
      '            mock_get_image.assert_called_once_with(self.context, self.instance)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      'from unittest import mock',
      '',
      '',
      'class RescueTest(unittest.TestCase):',
      '    def test_rescue_with_image(self):',
      "        @mock.patch.object(self.compute, '_get_rescue_image')",
      '        def _test(mock_get_image):',
      '            mock_get_image.return_value = self.image',
      '            self.compute.rescue_instance(self.context, self.instance)',
      '            mock_get_image.assert_called_once_with(self.context, self.instance)',
      '',
      '        _test()',
      '',
    ].join('\n'),
    peers: ['nova N349'],
    detection:
      'Collects each `function_definition` placed directly in the body of a test function. At the end of the test it ' +
      'reports a nested function that is patch-decorated, or holds an assertion or verifying call and has only wrapping ' +
      'decorators (`functools.wraps`, `contextmanager`...), when its name never appears as an identifier elsewhere in ' +
      'the test; tests that call `locals()`, `vars()`, `eval` or `exec` are skipped.',
  },
  visit: {
    function_definition: onDefinition,
    'function_definition:exit': judge,
  },
});
