/**
 * The tests of a file, for the per-test summary: test classes, test functions and setup methods, decided
 * exactly as the runner decides them (the same Scope, the same file-wide test class names), so the
 * summary and the rules never disagree about what a test is.
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import { collectModuleFacts } from './module-facts';
import { rangeOf } from './position';
import { Scope } from './scope';
import type { TestDefinition } from './syntax-rows';

const queries = new WeakMap<Language, Query>();

function definitionsQuery(language: Language): Query {
  let query = queries.get(language);
  if (!query) {
    query = new Query(language, '(decorated_definition) @decorated (class_definition) @class (function_definition) @function');
    queries.set(language, query);
  }
  return query;
}

function kindOf(scope: Scope): TestDefinition['kind'] | null {
  if (scope.kind === 'class') return scope.isTestClass ? 'class' : null;
  if (scope.isTestFunction) return 'function';
  return scope.isSetup ? 'setup' : null;
}

export function outlineTests(tree: Tree): TestDefinition[] {
  const root = tree.rootNode;
  const facts = collectModuleFacts(root);
  const moduleScope = new Scope('module', root, null, facts.testClassNames);
  const tests: TestDefinition[] = [];
  // Scopes still open, each with the index of the nearest listed definition enclosing (or being) it.
  const stack: { scope: Scope; listed: number }[] = [{ scope: moduleScope, listed: -1 }];
  // Decorated definitions by their end (the definition's end too); `node.parent` would walk down from the root.
  const decorated = new Map<number, Node>();
  for (const { name, node } of definitionsQuery(tree.language).captures(root)) {
    if (name === 'decorated') {
      decorated.set(node.endIndex, node);
      continue;
    }
    const start = node.startIndex;
    const end = node.endIndex;
    const decorators = decorated.get(end);
    // The definition captured next after its decorated_definition is the one it decorates.
    decorated.delete(end);
    while (stack.length > 1 && start >= stack[stack.length - 1]!.scope.endIndex) stack.pop();
    const top = stack[stack.length - 1]!;
    const scope = new Scope(name === 'class' ? 'class' : 'function', node, top.scope, facts.testClassNames);
    const kind = kindOf(scope);
    let listed = top.listed;
    if (kind) {
      const nameNode = node.childForFieldName('name');
      const at = nameNode ? rangeOf(nameNode) : rangeOf(node);
      listed = tests.length;
      tests.push({ kind, name: scope.name, ...rangeOf(decorators ?? node, node), nameLine: at.line, nameColumn: at.column, parent: top.listed });
    }
    stack.push({ scope, listed });
  }
  return tests;
}
