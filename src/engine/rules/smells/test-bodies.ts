/** Shared by the smell rules: what an empty test body is, and which decorators take a test out of the run. */
import type { Node } from 'web-tree-sitter';
import type { Scope } from '../../scope';
import { positionalBases } from '../fixtures/class-bases';
import { decoratorExpression, decoratorsOf, definitionOf, dottedName, isDocstring, statements } from '../../syntax';

/** `pass` or a bare `...`: statements that do nothing. */
function isPlaceholder(statement: Node): boolean {
  if (statement.type === 'pass_statement') return true;
  return statement.type === 'expression_statement' && statement.namedChildren.length === 1 && statement.namedChild(0)?.type === 'ellipsis';
}

/** A body of only `pass`, `...`, a docstring and comments (SML002's "empty"). */
export function isEmptyBody(definition: Node): boolean {
  return statements(definition.childForFieldName('body')).every((statement) => isPlaceholder(statement) || isDocstring(statement));
}

/** A docstring holding `>>>` examples: a doctest runner executes and checks them. */
export function hasDoctest(definition: Node): boolean {
  const first = statements(definition.childForFieldName('body'))[0];
  return !!first && isDocstring(first) && /^\s*>>>/m.test(first.text);
}

/**
 * A test function the runner collects: not one of a test class defined inside a function, which test-runner
 * tests build as data (`class Sample(unittest.TestCase): def test(self): pass`) and run by hand if at all,
 * nor one of a pytest-style class that pytest refuses to collect.
 */
export function isCollectedTest(scope: Scope): boolean {
  if (!scope.isTestFunction) return false;
  for (let current = scope.parent; current; current = current.parent) if (current.kind === 'function') return false;
  return scope.parent?.kind !== 'class' || isCollectedClass(scope.parent);
}

/** A class body's own methods (decorated or not), in source order. */
export function methodsOf(classDefinition: Node): Node[] {
  const methods: Node[] = [];
  for (const child of classDefinition.childForFieldName('body')?.namedChildren ?? []) {
    if (!child) continue;
    const definition = definitionOf(child);
    if (definition.type === 'function_definition') methods.push(definition);
  }
  return methods;
}

/**
 * A test class the runner collects: pytest skips (with a warning) a `Test*` class that defines `__init__`,
 * so only a class with bases (a TestCase, or whatever a base brings) is taken as collected with one.
 */
export function isCollectedClass(scope: Scope): boolean {
  if (scope.kind !== 'class' || !scope.isTestClass) return false;
  return scope.classFact('smells.collectedClass', (definition) => {
    for (let current = scope.parent; current; current = current.parent) if (current.kind === 'function') return false;
    if (positionalBases(definition).length > 0) return true;
    return !methodsOf(definition).some((method) => method.childForFieldName('name')?.text === '__init__');
  });
}

/** The dotted name a decorator applies: `pytest.mark.skipif` for `@pytest.mark.skipif(sys.platform == 'win32')`. */
export function decoratorName(decorator: Node): string | null {
  const expression = decoratorExpression(decorator);
  if (!expression) return null;
  return dottedName(expression.type === 'call' ? expression.childForFieldName('function') : expression);
}

/**
 * Skipped by a decorator: `unittest.skip*`, `pytest.mark.skip*`, `testtools.skip*`, or a project's own
 * `skip_if_...` helper. Whether the skip is justified is SML011's question, not the body rules'.
 */
export function isSkipDecorated(definition: Node): boolean {
  return decoratorsOf(definition).some((decorator) => {
    const name = decoratorName(decorator);
    return !!name && /^skip/i.test(name.slice(name.lastIndexOf('.') + 1));
  });
}

/**
 * An expected-failure marker (`pytest.mark.xfail`, with or without `raises=`, `unittest.expectedFailure`,
 * sympy's `@XFAIL`): the test is known to fail today, and the runner reports it when it starts to pass.
 */
export function expectsFailure(definition: Node): boolean {
  return decoratorsOf(definition).some((decorator) => /(^|\.)(xfail|expectedFailure)$/i.test(decoratorName(decorator) ?? ''));
}

/** Abstract methods are placeholders for subclasses by design. */
export function isAbstract(definition: Node): boolean {
  return decoratorsOf(definition).some((decorator) => /(^|\.)abstract\w*$/.test(decoratorName(decorator) ?? ''));
}

/**
 * A project decorator named like a test driver (`@jump_test(2, 3, [1, 3])`, `@check_output(...)`) runs the
 * function and judges the result itself.
 */
export function isDrivenByDecorator(definition: Node): boolean {
  return decoratorsOf(definition).some((decorator) => {
    const name = decoratorName(decorator) ?? '';
    const last = name.slice(name.lastIndexOf('.') + 1);
    return !name.startsWith('pytest.') && !name.startsWith('unittest.') && /test|assert|check|verify|expect/i.test(last);
  });
}
