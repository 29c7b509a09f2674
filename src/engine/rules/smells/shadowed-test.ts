import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isTestName } from '../../scope';
import { decoratorsOf, definitionOf } from '../../syntax';
import { isCollectedClass } from './test-bodies';

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text);
}

/** The decorators of a definition, as source text (`@value.setter`, `@overload`). */
function decoratorText(definition: Node): string {
  return decoratorsOf(definition).map((decorator) => decorator.text).join('\n');
}

/**
 * Between the two definitions, class-level code uses the first one (`test_x = skip(test_x)`, a decorator
 * argument), or the second is built from it (`@x.setter`), or both are `@overload` stubs: the first is not lost.
 */
function firstIsUsed(first: Node, second: Node, between: readonly Node[], name: string): boolean {
  const secondDecorators = decoratorText(second);
  if (mentions(secondDecorators, name) || /(^|\.)overload\b/.test(decoratorText(first) + secondDecorators)) return true;
  return between.some((statement) => {
    const definition = definitionOf(statement);
    const text = definition.type === 'function_definition' || definition.type === 'class_definition' ? decoratorText(definition) : statement.text;
    return mentions(text, name);
  });
}

function reportShadowed(shadowed: Node, later: Node, owner: string, ctx: RuleContext): void {
  const name = shadowed.text;
  const laterName = later.childForFieldName('name');
  const line = later.startPosition.row + 1;
  const kind = isTestName(name) ? 'test never runs' : 'method is dead code';
  ctx.report({
    node: shadowed,
    related: laterName ? [laterName] : [],
    message: `\`${name}\` is defined again on line ${line}${owner}: the later definition replaces this one, so this ${kind}; rename one of them`,
  });
}

/** Reports every definition in `body` that a later one of the same name replaces. */
function checkBody(body: Node, onlyTests: boolean, owner: string, ctx: RuleContext): void {
  const statements = body.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  const latest = new Map<string, { definition: Node; index: number }>();
  statements.forEach((statement, index) => {
    const definition = definitionOf(statement);
    if (definition.type !== 'function_definition') return;
    const nameNode = definition.childForFieldName('name');
    const name = nameNode?.text;
    if (!name || (onlyTests && !isTestName(name))) return;
    const previous = latest.get(name);
    latest.set(name, { definition, index });
    if (!previous || firstIsUsed(previous.definition, definition, statements.slice(previous.index + 1, index), name)) return;
    const shadowed = previous.definition.childForFieldName('name');
    if (shadowed) reportShadowed(shadowed, definition, owner, ctx);
  });
}

interface ModuleStatements {
  statements: Node[];
  /** Index in `statements` by the start of the definition (decorators aside). */
  byDefinitionStart: Map<number, number>;
  /** The name each statement defines as a function, else null. */
  functionNames: (string | null)[];
}

/** The module's statements, comments aside (the file's outline: only headers of definitions are read). */
function moduleStatements(ctx: RuleContext): ModuleStatements {
  return ctx.scope.fileFact('SML016:statements', (module) => {
    const statements = module.node.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
    const definitions = statements.map(definitionOf);
    const byDefinitionStart = new Map(definitions.map((definition, index) => [definition.startIndex, index]));
    const functionNames = definitions.map((definition) => (definition.type === 'function_definition' ? (definition.childForFieldName('name')?.text ?? null) : null));
    return { statements, byDefinitionStart, functionNames };
  });
}

/** A module-level test function that a later one of the same name replaces. */
function checkModuleFunction(definition: Node, ctx: RuleContext): void {
  const name = ctx.scope.name;
  if (ctx.scope.parent?.kind !== 'module' || !isTestName(name)) return;
  const { statements, byDefinitionStart, functionNames } = moduleStatements(ctx);
  const index = byDefinitionStart.get(definition.startIndex);
  if (index === undefined) return;
  for (let next = index + 1; next < statements.length; next++) {
    if (functionNames[next] !== name) continue;
    const later = definitionOf(statements[next]!);
    const shadowed = definition.childForFieldName('name');
    if (shadowed && !firstIsUsed(definition, later, statements.slice(index + 1, next), name)) reportShadowed(shadowed, later, '', ctx);
    return;
  }
}

export default defineRule({
  meta: {
    id: 'SML016',
    name: 'shadowed-test',
    family: 'SML',
    severity: 'error',
    fixable: 'no',
    summary: 'Two methods of a test class (or two module-level tests) share a name: the first never runs.',
    why:
      'A class body is run top to bottom, and a second `def` with the same name replaces the first. The runner ' +
      'only ever sees the last one, so the first test silently never runs, usually after a copy-paste where ' +
      'the name was not changed. Left alone: property setters and `@overload` stubs, and definitions that ' +
      'class-level code uses before the name is redefined.',
    fix: 'Rename one of the two after what it checks (or delete it if it is an older copy).',
    bad: [
      'import unittest',
      '',
      '',
      'class VolumeTest(unittest.TestCase):',
      '    def test_extend(self):',
      '        volume = self.api.extend(self.volume, size=2)',
      '        self.assertEqual(2, volume["size"])',
      '',
      '    def test_extend(self):',
      '        with self.assertRaises(InvalidSize):',
      '            self.api.extend(self.volume, size=0)',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class VolumeTest(unittest.TestCase):',
      '    def test_extend(self):',
      '        volume = self.api.extend(self.volume, size=2)',
      '        self.assertEqual(2, volume["size"])',
      '',
      '    def test_extend_to_zero_fails(self):',
      '        with self.assertRaises(InvalidSize):',
      '            self.api.extend(self.volume, size=0)',
      '',
    ].join('\n'),
    peers: ['ruff F811', 'pylint E0102'],
    detection:
      'Reads the statements of each collected test class body (every method), remembering each `def` by name, and for ' +
      'each top-level `test*` function looks for a later top-level `def` of the same name. A later `def` of the same name reports the ' +
      "earlier one, unless code between them or the later one's decorators use the name (`@x.setter`, `x = skip(x)`), " +
      'or both are `@overload` stubs.',
  },
  visit: {
    class_definition(definition, ctx) {
      if (!isCollectedClass(ctx.scope)) return;
      const body = definition.childForFieldName('body');
      if (body) checkBody(body, false, ` in \`${ctx.scope.name}\``, ctx);
    },
    function_definition: checkModuleFunction,
  },
});
