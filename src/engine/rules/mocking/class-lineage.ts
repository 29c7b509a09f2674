/** A class and the bases this file defines for it, followed up to the bases it imports. */
import type { Node } from 'web-tree-sitter';
import type { Scope } from '../../scope';
import { dottedName } from '../../syntax';
import { positionalBases } from '../fixtures/class-bases';

export interface Lineage {
  /** The class and its local ancestors (`class Base(unittest.TestCase)` above `class T(Base)`). */
  classes: Node[];
  /** The bases none of these classes is defined here: `unittest.TestCase`, `base.BaseTestCase`. */
  imported: Node[];
}

/** Top-level classes by name, computed once per file. */
function localClasses(scope: Scope): Map<string, Node> {
  let module: Scope = scope;
  while (module.parent) module = module.parent;
  return module.data('mocking.localClasses', () => {
    const classes = new Map<string, Node>();
    for (const statement of module.node.namedChildren) {
      const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const name = definition?.type === 'class_definition' ? definition.childForFieldName('name')?.text : undefined;
      if (definition && name && !classes.has(name)) classes.set(name, definition);
    }
    return classes;
  });
}

export function lineageOf(definition: Node, scope: Scope): Lineage {
  const classes = localClasses(scope);
  const lineage: Lineage = { classes: [], imported: [] };
  const pending = [definition];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    lineage.classes.push(current);
    for (const base of positionalBases(current)) {
      const name = dottedName(base);
      const local = name ? classes.get(name) : undefined;
      if (local) pending.push(local);
      else lineage.imported.push(base);
    }
  }
  return lineage;
}
