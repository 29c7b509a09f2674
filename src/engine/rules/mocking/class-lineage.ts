/** A class and the bases this file defines for it, followed up to the bases it imports. */
import type { Node } from 'web-tree-sitter';
import type { Scope } from '../../scope';
import { dottedName } from '../../syntax';
import { positionalBases, topLevelClasses } from '../fixtures/class-bases';

export interface Lineage {
  /** The class and its local ancestors (`class Base(unittest.TestCase)` above `class T(Base)`). */
  classes: Node[];
  /** The bases none of these classes is defined here: `unittest.TestCase`, `base.BaseTestCase`. */
  imported: Node[];
}

export function lineageOf(definition: Node, scope: Scope): Lineage {
  const classes = topLevelClasses(scope);
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
