/**
 * Scopes: the module, classes and functions that enclose a node, and what they mean for tests.
 * The runner keeps a stack of them while it visits nodes in document order, so a rule asks
 * `ctx.scope.testFunction` instead of climbing parents through WebAssembly.
 */
import type { Node } from 'web-tree-sitter';
import { dottedName } from './syntax';

export type ScopeKind = 'module' | 'class' | 'function';

const SETUP_NAMES = new Set([
  'setUp',
  'setUpClass',
  'asyncSetUp',
  'tearDown',
  'tearDownClass',
  'asyncTearDown',
  'setUpModule',
  'tearDownModule',
]);

export function isSetupName(name: string): boolean {
  return SETUP_NAMES.has(name);
}

export function isTestName(name: string): boolean {
  // unittest's default testMethodPrefix and pytest's default `python_functions` are both plain "test".
  return name.startsWith('test');
}

/** Bases that make a class a test class: `unittest.TestCase`, `testtools.TestCase`, nova `test.NoDBTestCase`... */
function isTestBaseName(dotted: string, localTestClasses: ReadonlySet<string>): boolean {
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  return /(TestCase|TestBase)$/.test(last) || localTestClasses.has(dotted);
}

export function isTestClassDefinition(definition: Node, localTestClasses: ReadonlySet<string> = new Set()): boolean {
  const name = definition.childForFieldName('name')?.text ?? '';
  if (name.startsWith('Test')) return true;
  const bases = definition.childForFieldName('superclasses');
  if (!bases) return false;
  for (const base of bases.namedChildren) {
    const dotted = dottedName(base);
    if (dotted && isTestBaseName(dotted, localTestClasses)) return true;
  }
  return false;
}

export class Scope {
  readonly kind: ScopeKind;
  readonly node: Node;
  /** The node's type and end, read once (each read of a node property crosses into WebAssembly). */
  readonly type: string;
  readonly endIndex: number;
  readonly name: string;
  readonly parent: Scope | null;
  /** A class whose bases or name mark it as tests. */
  readonly isTestClass: boolean;
  /** A `test*` function directly in a test class, or at module level (pytest). */
  readonly isTestFunction: boolean;
  /** `setUp`, `tearDown`, `setUpClass`... directly in a test class. */
  readonly isSetup: boolean;
  /** Nearest enclosing (or this) test function or setup method, through nested defs. */
  readonly testFunction: Scope | null;
  /** Nearest enclosing (or this) class. */
  readonly enclosingClass: Scope | null;
  /** Per-rule scratch space, keyed by rule id: lets a rule gather facts and judge at scope exit. */
  private readonly state = new Map<string, unknown>();

  constructor(kind: ScopeKind, node: Node, parent: Scope | null, testClassNames: ReadonlySet<string>) {
    this.kind = kind;
    this.node = node;
    this.type = kind === 'module' ? 'module' : kind === 'class' ? 'class_definition' : 'function_definition';
    this.endIndex = node.endIndex;
    this.parent = parent;
    this.name = kind === 'module' ? '' : (node.childForFieldName('name')?.text ?? '');
    this.isTestClass = kind === 'class' && (testClassNames.has(this.name) || isTestClassDefinition(node, testClassNames));
    const inTestClass = parent?.kind === 'class' && parent.isTestClass;
    const atModuleLevel = parent?.kind === 'module';
    this.isTestFunction = kind === 'function' && isTestName(this.name) && (inTestClass || atModuleLevel);
    this.isSetup = kind === 'function' && inTestClass && isSetupName(this.name);
    this.testFunction = this.isTestFunction || this.isSetup ? this : (parent?.testFunction ?? null);
    if (kind === 'function' && parent?.kind === 'class') this.testFunction = this.isTestFunction || this.isSetup ? this : null;
    this.enclosingClass = kind === 'class' ? this : (parent?.enclosingClass ?? null);
  }

  /** Inside a test function or setup method, including functions nested in them. */
  get inTestCode(): boolean {
    return this.testFunction !== null;
  }

  /** The method scope directly in a class that encloses this scope, if any. */
  get method(): Scope | null {
    let current: Scope | null = this;
    while (current && !(current.kind === 'function' && current.parent?.kind === 'class')) current = current.parent;
    return current;
  }

  data<T>(key: string, init: () => T): T {
    if (!this.state.has(key)) this.state.set(key, init());
    return this.state.get(key) as T;
  }

  peek<T>(key: string): T | undefined {
    return this.state.get(key) as T | undefined;
  }
}
