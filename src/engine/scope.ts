/**
 * Scopes: the module, classes and functions that enclose a node, and what they mean for tests.
 * The runner keeps a stack of them while it visits nodes in document order, so a rule asks
 * `ctx.scope.testFunction` instead of climbing parents through WebAssembly.
 */
import type { Node } from 'web-tree-sitter';
import { dottedName } from './syntax';
import { answer, countWords, type TextQuestions } from './file-text';

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

/**
 * How rules use file-wide state, reported to the runner so that an incremental run knows what it may
 * reuse: per-file facts derived from the file's outline are safe (`fileFact`), questions about the whole
 * file's text are recorded and asked again after edits (`fileMatches`, `fileMatchAll`, `fileWordCount`),
 * anything else kept on the module scope ties a rule to the whole file (`data`/`peek` on the module scope).
 *
 * One level down, the same for a top-level class: a rule that keeps state on the class's scope, keeps
 * statement-wide state, or reads the class's node judges the class as a whole, so its findings in one
 * method may depend on another method (`usedClassState`). The other rules' findings in a method depend
 * on that method and the file's outline only, and are reused when another method is edited.
 */
export interface FileStateObserver {
  usedModuleState(): void;
  usedClassState(): void;
  readonly questions: TextQuestions;
}

export class Scope {
  readonly kind: ScopeKind;
  /** The scope's own node, read without telling the observer (for the runner; rules use `node`). */
  readonly ownNode: Node;
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
  /** Module scope only: derived per-file facts, and who to tell about file-wide state. */
  private readonly fileFacts = new Map<string, unknown>();
  /** Class scopes: facts read from the class's outline (see `classFact`). */
  private readonly classFacts = new Map<string, unknown>();
  /** Module scope only: scratch space for the top-level statement being visited (reset by the runner). */
  private statementState = new Map<string, unknown>();
  observer: FileStateObserver | null = null;

  constructor(kind: ScopeKind, node: Node, parent: Scope | null, testClassNames: ReadonlySet<string>) {
    this.kind = kind;
    this.ownNode = node;
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

  /** The class, function or module node. Reading a top-level class's node makes a rule judge the whole class. */
  get node(): Node {
    if (this.isTopLevelClass) this.notifyClassState();
    return this.ownNode;
  }

  private get isTopLevelClass(): boolean {
    return this.kind === 'class' && this.parent?.kind === 'module';
  }

  private notifyClassState(): void {
    this.parent?.observer?.usedClassState();
  }

  private noteStateUse(): void {
    if (this.kind === 'module') this.observer?.usedModuleState();
    else if (this.isTopLevelClass) this.notifyClassState();
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

  /** The module scope at the root of this one. */
  get root(): Scope {
    let current: Scope = this;
    while (current.parent) current = current.parent;
    return current;
  }

  data<T>(key: string, init: () => T): T {
    this.noteStateUse();
    if (!this.state.has(key)) this.state.set(key, init());
    return this.state.get(key) as T;
  }

  peek<T>(key: string): T | undefined {
    // Reading a class's state is not judging the class as a whole: only a rule that stored something there
    // (with `data`, which is noted) can find it.
    if (this.kind === 'module') this.observer?.usedModuleState();
    return this.state.get(key) as T | undefined;
  }

  /**
   * Scratch space that lives as long as the top-level statement being visited: for the module scope, where a
   * decorator of a module-level function is visited, state meant for that one definition goes here rather
   * than in `data` (which would tie the rule to the whole file). For other scopes, the same as `data`.
   */
  statementData<T>(key: string, init: () => T): T {
    if (this.kind !== 'module') return this.data(key, init);
    // State that spans the statement spans a class's methods: it ties the rule to the whole class.
    this.observer?.usedClassState();
    if (!this.statementState.has(key)) this.statementState.set(key, init());
    return this.statementState.get(key) as T;
  }

  /** The runner starts a new top-level statement. */
  startStatement(): void {
    this.statementState = new Map();
  }

  /**
   * A fact about the whole file computed once per run (the top-level classes by name, the fixtures it
   * defines...). Contract: `init` reads only the file's outline - imports and other module-level
   * statements, class and function headers with their decorators, class-level statements, the bodies of
   * non-test functions and of classes used as bases - never the body of a test. Incremental analysis
   * reuses findings of unchanged definitions as long as that outline is unchanged (see incremental.ts).
   */
  fileFact<T>(key: string, init: (module: Scope) => T): T {
    const module = this.root;
    if (!module.fileFacts.has(key)) module.fileFacts.set(key, init(module));
    return module.fileFacts.get(key) as T;
  }

  /**
   * A fact about this class computed once (its bases, decorators, method names...). Contract, as for
   * `fileFact`: `init` reads only the class's outline - its header, class-level statements, method headers
   * and the bodies of non-test methods - never the body of a test. Unlike `node` and `data`, it does not
   * make the rule judge the class as a whole, so the rule's findings in one test are reused while another
   * test of the class is edited.
   */
  classFact<T>(key: string, init: (definition: Node) => T): T {
    if (this.kind !== 'class') throw new Error(`classFact on a ${this.kind} scope`);
    if (!this.classFacts.has(key)) this.classFacts.set(key, init(this.ownNode));
    return this.classFacts.get(key) as T;
  }

  /** Whether `pattern` (not global) matches anywhere in the file's text. */
  fileMatches(pattern: RegExp): boolean {
    return this.fileSearch(pattern) === '1';
  }

  /** Every match of the global `pattern` in the file's text, with its groups. */
  fileMatchAll(pattern: RegExp): string[][] {
    return JSON.parse(this.fileSearch(pattern)) as string[][];
  }

  /** How often `word` is written in the file as a whole word (in code, strings or comments alike). */
  fileWordCount(word: string): number {
    const module = this.root;
    const counts = module.fileFact('file-text:words', () => countWords(module.node.text));
    const count = counts.get(word) ?? 0;
    module.observer?.questions.word(word, count);
    return count;
  }

  private fileSearch(pattern: RegExp): string {
    const module = this.root;
    const result = module.fileFact(`file-text:${pattern.source}/${pattern.flags}`, () => answer(pattern, module.node.text));
    module.observer?.questions.search(pattern, result);
    return result;
  }
}
