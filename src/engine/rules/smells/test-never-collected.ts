import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { isSetupName, isTestName } from '../../scope';
import { decoratorsOf } from '../../syntax';
import { isStdlibTestBase, positionalBases } from '../fixtures/class-bases';
import { firstParameter } from '../fixtures/methods';
import { containsAssertion } from './assertions';
import { decoratorName, isCollectedClass, methodsOf } from './test-bodies';

/** Methods the frameworks call by name, besides `test*` and the setup hooks. */
const FRAMEWORK_HOOKS = /^(runTest|run|debug|id|shortDescription|countTestCases|defaultTestResult|setup_method|teardown_method|setup_class|teardown_class|setup|teardown|setUpTestData|setup_function|teardown_function|setup_module|teardown_module|__\w+__)$/;
/** Decorators a test method often carries; any other decorator may register the method somewhere else. */
const TEST_DECORATORS = /(^|\.)(patch|object|multiple|dict|skip\w*|expectedFailure|xfail|parametrize|data|unpack|idata|file_data|requires\w*|cpython_only|mark\.\w+|usefixtures)$/;

/** A prefix one typing slip away from `test` (`tset`, `tets`, `tes`, `est`, `Test`), or a disabling prefix (`_test`, `xtest`, `disabled_test`). */
function looksLikeTest(name: string): boolean {
  if (/^(_+|x|X|disabled_|DISABLED_|skip_|no_?|not_?)test/.test(name) || /^Test_?[a-z0-9_]/.test(name)) return true;
  const head = /^[a-z]+/.exec(name)?.[0] ?? '';
  return head !== 'test' && head.length >= 3 && head.length <= 5 && withinOneEdit(head, 'test');
}

/**
 * One letter dropped, doubled or added, or two neighbours swapped. Substitutions are left out: they turn
 * `test` into ordinary words (`text`, `rest`, `nest`).
 */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}


/** unittest calls a test with no arguments: a method that needs more than `self` is a helper, not a lost test. */
function takesOnlySelf(method: Node): boolean {
  const parameters = method.childForFieldName('parameters')?.namedChildren.filter((parameter) => !!parameter && parameter.type !== 'comment') ?? [];
  return parameters.length === 1 || parameters.slice(1).every((parameter) => parameter?.type === 'default_parameter' || parameter?.type === 'typed_default_parameter');
}

/** Only bases whose methods are known: none (pytest), the stdlib TestCase, or classes of this file. */
function basesAreKnown(definition: Node, ctx: RuleContext): boolean {
  return positionalBases(definition).every((base) => isStdlibTestBase(base, ctx) || (base.type === 'identifier' && ctx.facts.testClassNames.has(base.text)));
}

function report(method: Node, owner: string, ctx: RuleContext): void {
  const name = method.childForFieldName('name');
  if (!name) return;
  const where = owner ? ` of \`${owner}\`` : '';
  ctx.report({
    node: name,
    message: looksLikeTest(name.text)
      ? `\`${name.text}\`${where} asserts like a test, but its name does not start with \`test\` and nothing calls it: it never runs; rename it \`test_...\` (or, if it is disabled on purpose, skip it with a reason)`
      : `\`${name.text}\`${where} asserts, but nothing calls it and its name does not start with \`test\`: it never runs; rename it \`test_...\` or call it from a test`,
  });
}

/**
 * Prefixes of method names the file builds at run time: `getattr(self, '_' + name)` (a threaded test's
 * client half `_testFoo` for `testFoo`), `getattr(self, f'check_{kind}')`.
 */
const DYNAMIC_LOOKUP = /getattr\(\s*[\w.()]+\s*,\s*(?:f?(['"])([\w]*)(?:\{|\1\s*[+%]))/g;

function dynamicPrefixes(scope: Scope): string[] {
  return scope.fileMatchAll(DYNAMIC_LOOKUP).map((match) => match[2] ?? '');
}

function isCandidate(method: Node, ctx: RuleContext): boolean {
  const name = method.childForFieldName('name')?.text ?? '';
  if (!name || isTestName(name) || isSetupName(name) || FRAMEWORK_HOOKS.test(name)) return false;
  if (decoratorsOf(method).some((decorator) => !TEST_DECORATORS.test(decoratorName(decorator) ?? ''))) return false;
  if (dynamicPrefixes(ctx.scope).some((prefix) => name.startsWith(prefix))) return false;
  // A method named anywhere else in the file (a call, a `getattr` string, a subclass) is reached.
  return ctx.scope.fileWordCount(name) <= 1;
}

function checkClass(definition: Node, ctx: RuleContext): void {
  const scope = ctx.scope;
  if (!isCollectedClass(scope) || scope.parent?.kind !== 'module') return;
  // Methods looked up by a computed name cannot be followed.
  if (/getattr\(\s*(self|cls|type\(self\))\s*,|__dict__|\bdir\(/.test(definition.text)) return;
  const methods = methodsOf(definition);
  const tests = methods.filter((method) => isTestName(method.childForFieldName('name')?.text ?? '')).length;
  // A class without tests of its own, or with a base from elsewhere, may be a base whose subclasses call its helpers.
  const generic = tests >= 2 && basesAreKnown(definition, ctx);
  for (const method of methods) {
    const name = method.childForFieldName('name')?.text ?? '';
    if (firstParameter(method) !== 'self' || !takesOnlySelf(method) || !isCandidate(method, ctx)) continue;
    if ((generic || looksLikeTest(name)) && containsAssertion(method, ctx)) report(method, scope.name, ctx);
  }
}

/** A module-level function pytest would collect but for a slip in the name (`tset_login`). */
function checkFunction(definition: Node, ctx: RuleContext): void {
  if (ctx.scope.parent?.kind !== 'module') return;
  const name = ctx.scope.name;
  if (looksLikeTest(name) && isCandidate(definition, ctx) && containsAssertion(definition, ctx)) report(definition, '', ctx);
}

export default defineRule({
  meta: {
    id: 'SML017',
    name: 'test-never-collected',
    family: 'SML',
    severity: 'warning',
    fixable: 'no',
    summary: 'A method that asserts like a test but is never run: its name does not start with `test` and nothing calls it.',
    why:
      'unittest and pytest collect methods whose names start with `test`. A test named `tset_resize`, ' +
      '`Test_resize` or `_test_resize` is silently skipped, and the suite stays green without it. The rule ' +
      'looks for methods that contain assertions, take no arguments besides `self`, and whose name appears ' +
      'nowhere else in the file (no `self.name()` call, no subclass or `getattr` use). Names that do not look ' +
      'like a test are reported only in classes with at least two tests and no base from another file, where ' +
      'nothing else could call them.',
    fix: 'Rename it `test_...`. If it is disabled on purpose, keep the name and skip it with a reason, so the report shows it.',
    bad: [
      'import unittest',
      '',
      '',
      'class KeypairTest(unittest.TestCase):',
      '    def test_create(self):',
      '        self.assertEqual("key1", self.api.create_keypair("key1")["name"])',
      '',
      '    def tset_delete(self):',
      '        self.api.delete_keypair("key1")',
      '        self.assertEqual([], self.api.list_keypairs())',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class KeypairTest(unittest.TestCase):',
      '    def test_create(self):',
      '        self.assertEqual("key1", self.api.create_keypair("key1")["name"])',
      '',
      '    def test_delete(self):',
      '        self.api.delete_keypair("key1")',
      '        self.assertEqual([], self.api.list_keypairs())',
      '',
    ].join('\n'),
    peers: [],
    detection:
      'Visits each top-level collected test `class_definition` and each top-level `function_definition`. ' +
      'A method that takes only `self`, asserts, is not named `test*` or like a setup or framework hook, has no unusual ' +
      'decorator and whose name occurs once in the file is reported when the class has two tests and known bases, or ' +
      'when the name looks like a slip of `test` (`tset_`, `_test`, `xtest`); module-level functions only in the second ' +
      'case.',
  },
  visit: { class_definition: checkClass, function_definition: checkFunction },
});
