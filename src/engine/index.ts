/**
 * testsniff's engine: the public face used by the worker, the CLI, the tests and the benchmarks.
 * Pure TypeScript over web-tree-sitter: no DOM, no Monaco.
 */
import { Edit, type Parser, type Point, type Query, type Tree } from 'web-tree-sitter';
import { createParser, loadPython, type ParserOptions } from './parser';
import { Analyzer, compareFindings, createErrorQuery, parseErrors, type ParseError } from './runner';
import { allRules } from './rules';
import { isEnabled } from './settings';
import { recoverTree, type Recovered } from './recover';
import { yieldToEventLoop } from './yield';
import type { Explanation, Finding, RuleMeta, Settings } from './types';
import { explainFinding } from './explain';
import { flattenTree, type SyntaxTreeRows } from './syntax-tree';
import { version } from '../../package.json';

export type * from './types';
export type { ParseError } from './runner';
export type { SyntaxTreeRows } from './syntax-tree';
export { applyEdits } from './position';
export { isEnabled, knownProfiles, unknownSelectors } from './settings';

const PAUSE_EVERY_MS = 10;

export const ENGINE_VERSION: string = version;

export interface StreamOptions {
  /** Asked between chunks: return true to stop the run (a newer edit superseded it). */
  shouldStop?: () => boolean;
  /** Called between chunks with the share of the file done (0..1), for progress bars. */
  onProgress?: (done: number) => void;
}

/** A replacement of `[start, end)` (UTF-16 offsets) by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface Analysis {
  findings: Finding[];
  parseErrors: ParseError[];
}

export interface Doc {
  readonly text: string;
  /** Replaces `text[start, end)` (UTF-16 offsets) with `text`, re-parses incrementally, returns all findings. */
  edit(start: number, end: number, text: string): Finding[];
  /** Applies the edit to the text and tree only; the next `findings()`/`stream()` analyses. */
  applyEdit(start: number, end: number, text: string): void;
  /** Several edits in order (each in the coordinates left by the previous one), re-parsed once. */
  applyEdits(edits: readonly TextChange[]): void;
  configure(settings: Settings): void;
  findings(): Finding[];
  parseErrors(): ParseError[];
  /** Why `finding` (one of `findings()`) was reported: its matched nodes and its rule's detection; null if stale. */
  explain(finding: Finding): Explanation | null;
  /** The syntax tree of the current text, flattened in document order (for the tree panel). */
  syntaxTree(): SyntaxTreeRows;
  /** The current findings, handed out as each top-level statement is analysed. */
  stream(options?: StreamOptions): AsyncGenerator<Finding, void, void>;
  dispose(): void;
}

export interface Engine {
  readonly version: string;
  readonly rules: readonly RuleMeta[];
  check(source: string, settings?: Settings): Finding[];
  analyze(source: string, settings?: Settings): Analysis;
  open(source: string, settings?: Settings): Doc;
}

export type EngineOptions = ParserOptions;

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const language = await loadPython(options);
  const parser = createParser(language);
  const analyzer = new Analyzer(language, allRules);
  const errorQuery = createErrorQuery(language);
  return new TestsniffEngine(parser, analyzer, errorQuery);
}

class TestsniffEngine implements Engine {
  readonly version = ENGINE_VERSION;
  readonly rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta);

  constructor(
    private readonly parser: Parser,
    private readonly analyzer: Analyzer,
    private readonly errorQuery: Query,
  ) {}

  check(source: string, settings?: Settings): Finding[] {
    return this.analyze(source, settings).findings;
  }

  analyze(source: string, settings?: Settings): Analysis {
    const doc = this.open(source, settings);
    try {
      return { findings: doc.findings(), parseErrors: doc.parseErrors() };
    } finally {
      doc.dispose();
    }
  }

  open(source: string, settings: Settings = {}): Doc {
    return new Document(this.parser, this.analyzer, this.errorQuery, source, settings);
  }
}

function parse(parser: Parser, text: string, previous?: Tree): Tree {
  const tree = parser.parse(text, previous ?? null);
  if (!tree) throw new Error('The parser returned no tree');
  return tree;
}

/** Row/column (UTF-16) of an offset, as tree-sitter counts them. */
function pointAt(text: string, offset: number): Point {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - lineStart };
}

function pointAfter(start: Point, inserted: string): Point {
  const lastNewline = inserted.lastIndexOf('\n');
  if (lastNewline < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNewline - 1 };
}

class Document implements Doc {
  private tree: Tree | null;
  private current: string;
  private settings: Settings;
  private cached: Finding[] | null = null;
  /** The tree rules run on when the real one holds ERROR nodes (see recover.ts); null: use the real one. */
  private recovered: Recovered | null | undefined = undefined;

  constructor(
    private readonly parser: Parser,
    private readonly analyzer: Analyzer,
    private readonly errorQuery: Query,
    text: string,
    settings: Settings,
  ) {
    this.current = text;
    this.settings = settings;
    this.tree = parse(parser, text);
  }

  get text(): string {
    return this.current;
  }

  private get liveTree(): Tree {
    if (!this.tree) throw new Error('This document was disposed');
    return this.tree;
  }

  applyEdit(start: number, end: number, text: string): void {
    this.applyEdits([{ start, end, text }]);
  }

  applyEdits(edits: readonly TextChange[]): void {
    if (edits.length === 0) return;
    const tree = this.liveTree;
    // Validate the whole batch first, so a bad edit leaves the document untouched.
    let length = this.current.length;
    for (const { start, end, text } of edits) {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= length)) {
        throw new RangeError(`Edit [${start}, ${end}) is outside the document (length ${length})`);
      }
      length += text.length - (end - start);
    }
    let current = this.current;
    for (const { start, end, text } of edits) {
      const startPosition = pointAt(current, start);
      tree.edit(
        new Edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + text.length,
          startPosition,
          oldEndPosition: pointAt(current, end),
          newEndPosition: pointAfter(startPosition, text),
        }),
      );
      current = current.slice(0, start) + text + current.slice(end);
    }
    this.current = current;
    this.tree = parse(this.parser, current, tree);
    tree.delete();
    this.invalidate();
  }

  private invalidate(): void {
    this.cached = null;
    this.recovered?.tree.delete();
    this.recovered = undefined;
  }

  /** The tree and text the rules analyse: the recovered ones when the parse has errors. */
  private analysisTarget(): { tree: Tree; text: string } {
    const tree = this.liveTree;
    if (this.recovered === undefined) this.recovered = recoverTree(this.parser, tree, this.current, this.errorQuery);
    return this.recovered ?? { tree, text: this.current };
  }

  edit(start: number, end: number, text: string): Finding[] {
    this.applyEdit(start, end, text);
    return this.findings();
  }

  configure(settings: Settings): void {
    this.settings = settings;
    this.cached = null;
  }

  private enabledRules() {
    return this.analyzer.rulesFor((meta) => isEnabled(meta, this.settings));
  }

  findings(): Finding[] {
    if (!this.cached) {
      const all: Finding[] = [];
      const { tree, text } = this.analysisTarget();
      for (const batch of this.analyzer.run(tree, text, this.enabledRules())) all.push(...batch.findings);
      this.cached = all.sort(compareFindings);
    }
    return this.cached.slice();
  }

  parseErrors(): ParseError[] {
    return parseErrors(this.liveTree, this.errorQuery);
  }

  explain(finding: Finding): Explanation | null {
    const { tree, text } = this.analysisTarget();
    return explainFinding(this.analyzer, tree, text, finding);
  }

  syntaxTree(): SyntaxTreeRows {
    // The real tree, errors included: the panel shows what the parser saw.
    return flattenTree(this.liveTree);
  }

  async *stream(options: StreamOptions = {}): AsyncGenerator<Finding, void, void> {
    if (this.cached) {
      yield* this.cached;
      return;
    }
    const source = this.current;
    const { tree, text } = this.analysisTarget();
    const total = Math.max(text.length, 1);
    const all: Finding[] = [];
    let lastPause = Date.now();
    for (const batch of this.analyzer.run(tree, text, this.enabledRules())) {
      for (const finding of batch.findings) {
        all.push(finding);
        yield finding;
      }
      options.onProgress?.(Math.min(1, batch.end / total));
      // Let the host's event loop breathe (a worker must be able to receive "stop" messages).
      if (Date.now() - lastPause > PAUSE_EVERY_MS) {
        await yieldToEventLoop();
        lastPause = Date.now();
      }
      if (options.shouldStop?.()) return;
      // A changed or disposed document makes the rest of this run stale.
      if (this.current !== source || !this.tree) return;
    }
    this.cached = all.sort(compareFindings);
  }

  dispose(): void {
    this.invalidate();
    this.tree?.delete();
    this.tree = null;
  }
}
