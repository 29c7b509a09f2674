/**
 * File-wide facts gathered before the rules run, from top-level statements only (cheap: no full walk):
 * what each imported name stands for, and which classes of the file are test classes.
 */
import type { Node } from 'web-tree-sitter';
import { dottedName } from './syntax';
import { isTestClassDefinition } from './scope';

export interface ModuleFacts {
  /** Local name -> qualified name: `mock` -> `unittest.mock`, `sleep` -> `time.sleep`, `t` -> `time`. */
  imports: Map<string, string>;
  /** Names of classes defined in this file that are test classes (directly or through a local base). */
  testClassNames: Set<string>;
  /** Module-level assignments of plain names, e.g. `CONF = cfg.CONF`. */
  topLevelNames: Set<string>;
}

/** Statements to look into for imports and classes: the module, plus `if`/`try` blocks at top level. */
function topLevelStatements(root: Node): Node[] {
  const result: Node[] = [];
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const container = pending.pop()!;
    for (const child of container.namedChildren) {
      if (!child) continue;
      switch (child.type) {
        case 'if_statement':
        case 'try_statement':
        case 'else_clause':
        case 'elif_clause':
        case 'except_clause':
        case 'finally_clause':
        case 'block':
          pending.push(child);
          break;
        default:
          result.push(child);
      }
    }
  }
  return result;
}

function recordImport(statement: Node, imports: Map<string, string>): void {
  if (statement.type === 'import_statement') {
    for (const item of statement.namedChildren) {
      if (!item) continue;
      if (item.type === 'dotted_name') {
        // `import os.path` binds `os`.
        const first = item.text.split('.')[0]!;
        imports.set(first, first);
      } else if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) imports.set(alias, name.replace(/\s+/g, ''));
      }
    }
  } else if (statement.type === 'import_from_statement') {
    const moduleName = statement.childForFieldName('module_name')?.text.replace(/\s+/g, '');
    if (!moduleName) return;
    for (const item of statement.childrenForFieldName('name')) {
      if (!item) continue;
      if (item.type === 'dotted_name') {
        imports.set(item.text, `${moduleName}.${item.text}`);
      } else if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) imports.set(alias, `${moduleName}.${name}`);
      }
    }
  }
}

export function collectModuleFacts(root: Node): ModuleFacts {
  const imports = new Map<string, string>();
  const classes: Node[] = [];
  const topLevelNames = new Set<string>();
  const aliases: [string, string][] = [];
  for (const statement of topLevelStatements(root)) {
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
      recordImport(statement, imports);
    } else if (statement.type === 'class_definition') {
      classes.push(statement);
    } else if (statement.type === 'decorated_definition') {
      const definition = statement.childForFieldName('definition');
      if (definition?.type === 'class_definition') classes.push(definition);
    } else if (statement.type === 'expression_statement') {
      const assignment = statement.namedChild(0);
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
      if (left?.type === 'identifier') {
        topLevelNames.add(left.text);
        // `TestCase = unittest.TestCase`, `CONF = cfg.CONF`: an alias, resolved like an import.
        const right = dottedName(assignment?.childForFieldName('right'));
        if (right && right.includes('.')) aliases.push([left.text, right]);
      }
    }
  }

  for (const [name, target] of aliases) {
    if (!imports.has(name)) imports.set(name, qualify({ imports, testClassNames: new Set(), topLevelNames }, target));
  }

  // A class is a test class when its bases say so, or when it derives from a local test class.
  const testClassNames = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const definition of classes) {
      const name = definition.childForFieldName('name')?.text;
      if (!name || testClassNames.has(name)) continue;
      if (isTestClassDefinition(definition, testClassNames)) {
        testClassNames.add(name);
        grew = true;
      }
    }
  }
  return { imports, testClassNames, topLevelNames };
}

/**
 * The qualified name of a dotted reference, resolving its first component through the imports:
 * with `from unittest import mock`, `mock.patch.object` -> `unittest.mock.patch.object`.
 */
export function qualify(facts: ModuleFacts, dotted: string): string {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const target = facts.imports.get(head);
  if (!target) return dotted;
  return dot < 0 ? target : target + dotted.slice(dot);
}

export function qualifiedName(facts: ModuleFacts, node: Node | null | undefined): string | null {
  const dotted = dottedName(node);
  return dotted === null ? null : qualify(facts, dotted);
}
