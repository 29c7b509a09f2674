/**
 * unittest or pytest? The assertion rules that rewrite a failure (`self.fail` / `pytest.fail`) or a
 * style (`self.assertEqual` -> `assert`) need to know which framework a class or file is written for,
 * from its bases, not from its name: `Test*` names are shared by both.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { definitionOf, dottedName } from '../../syntax';
import { positionalBases } from '../fixtures/class-bases';

/** A base named like a unittest/testtools case (the catalog's TestClass): `unittest.TestCase`, `test.NoDBTestCase`, `base.TestBase`. */
function isTestCaseBaseName(dotted: string): boolean {
  return /(TestCase|TestBase)$/.test(dotted);
}

interface FileStyles {
  /** Top-level classes deriving (through local bases too) from a TestCase. */
  unittestClasses: Set<string>;
  /** Names other classes of the file list as bases: mixins and shared bases. */
  usedAsBase: Set<string>;
  /** Module-level `def test_*`: only pytest collects those. */
  hasTestFunctions: boolean;
}


function fileStyles(scope: Scope, ctx: Pick<RuleContext, 'qualifiedName'>): FileStyles {
  return scope.fileFact('assertions.fileStyles', (module) => {
    const classes: Node[] = [];
    let hasTestFunctions = false;
    for (const statement of module.node.namedChildren) {
      if (!statement) continue;
      const definition = definitionOf(statement);
      if (definition.type === 'class_definition') classes.push(definition);
      else if (definition.type === 'function_definition' && definition.childForFieldName('name')?.text.startsWith('test')) hasTestFunctions = true;
    }
    const usedAsBase = new Set<string>();
    for (const definition of classes) {
      for (const base of positionalBases(definition)) {
        const name = dottedName(base);
        if (name) usedAsBase.add(name);
      }
    }
    const unittestClasses = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const definition of classes) {
        const name = definition.childForFieldName('name')?.text;
        if (!name || unittestClasses.has(name)) continue;
        if (hasTestCaseBase(definition, unittestClasses, ctx)) {
          unittestClasses.add(name);
          grew = true;
        }
      }
    }
    return { unittestClasses, usedAsBase, hasTestFunctions };
  });
}

function hasTestCaseBase(definition: Node, localUnittest: ReadonlySet<string>, ctx: Pick<RuleContext, 'qualifiedName'>): boolean {
  return positionalBases(definition).some((base) => {
    const dotted = dottedName(base);
    if (!dotted) return false;
    return localUnittest.has(dotted) || isTestCaseBaseName(dotted) || isTestCaseBaseName(ctx.qualifiedName(base) ?? dotted);
  });
}

/** A class that derives from a unittest/testtools TestCase, directly or through classes of this file. */
export function isUnittestClass(definition: Node, ctx: Pick<RuleContext, 'qualifiedName' | 'scope'>): boolean {
  return hasTestCaseBase(definition, fileStyles(ctx.scope, ctx).unittestClasses, ctx);
}

/** The file defines at least one TestCase class at its top level. */
export function fileHasUnittestClass(ctx: Pick<RuleContext, 'qualifiedName' | 'scope'>): boolean {
  return fileStyles(ctx.scope, ctx).unittestClasses.size > 0;
}

/** Other classes of the file derive from this one: a mixin or a shared base, whatever its own bases. */
export function isUsedAsBase(name: string, ctx: Pick<RuleContext, 'qualifiedName' | 'scope'>): boolean {
  return fileStyles(ctx.scope, ctx).usedAsBase.has(name);
}

/** Evidence that pytest runs the file: it imports pytest, or defines module-level `test_*` functions. */
export function isPytestFile(ctx: Pick<RuleContext, 'qualifiedName' | 'scope' | 'facts'>): boolean {
  for (const target of ctx.facts.imports.values()) if (target === 'pytest' || target.startsWith('pytest.') || target.startsWith('_pytest.')) return true;
  return fileStyles(ctx.scope, ctx).hasTestFunctions;
}

/** `pytest` is bound to the pytest module, so a fix may write `pytest.fail(...)` / `pytest.raises(...)`. */
export function pytestIsImported(ctx: Pick<RuleContext, 'facts'>): boolean {
  return ctx.facts.imports.get('pytest') === 'pytest';
}

/** A class with no bases at all (`class TestX:`): pytest's style, with no `self.assert*` methods to inherit. */
export function hasNoBases(definition: Node): boolean {
  return positionalBases(definition).length === 0;
}

const COMPARISON_METHOD = /^[ \t]*(def[ \t]+__(eq|ne|lt|le|gt|ge|contains)__[ \t]*\(|__(eq|ne|lt|le|gt|ge|contains)__[ \t]*=)/m;

/**
 * A class of the file defines (or assigns) a comparison method: the file tests the comparison protocol,
 * where `a == b` may be run for its side effects and `!=` is not always the negation of `==`.
 */
export function definesComparisonMethods(ctx: Pick<RuleContext, 'scope'>): boolean {
  return ctx.scope.fileMatches(COMPARISON_METHOD);
}
