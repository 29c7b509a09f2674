/**
 * testsniff's engine: the public face used by the worker, the CLI, the tests and the benchmarks.
 * Pure TypeScript over web-tree-sitter: no DOM, no Monaco.
 */
import { Edit, type Parser, type Point, type Query, type Tree } from 'web-tree-sitter';
import { createParser, loadPython, type ParserOptions } from './parser';
import { Analyzer, compareFindings, createErrorQuery, parseErrors, suppressionFilter, type Batch, type FileStateLog, type MemberSkip, type ParseError } from './runner';
import { moved, planReuse, readChunks, recordOf, staysInside, type Chunk, type ChunkRecord, type MemberRecord, type Memo } from './incremental';
import { EXIT_SUFFIX, type Rule } from './rule';
import { TextQuestions } from './file-text';
import { collectModuleFacts } from './module-facts';
import { allRules } from './rules';
import { isEnabled } from './settings';
import { recoverTree, type Recovered } from './recover';
import { yieldToEventLoop } from './yield';
import type { Explanation, Finding, RuleMeta, Settings } from './types';
import { explainFinding } from './explain';
import { flattenTree, type SyntaxTreeRows } from './syntax-tree';
import { outlineTests } from './test-outline';
import type { TestDefinition } from './syntax-rows';
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

/** How the last complete analysis went: everything, or only the changed top-level statements. */
export interface RunSummary {
  kind: 'full' | 'incremental';
  /** Top-level statements analysed by every rule. */
  analysed: number;
  /** Top-level statements whose findings were reused. */
  reused: number;
  /** Inside the re-analysed classes: members (methods) whose findings were reused. */
  reusedMembers: number;
}

export interface Doc {
  readonly text: string;
  /** How the last complete analysis went (null before the first). */
  readonly lastRun: RunSummary | null;
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
  /** The test classes, functions and setup methods, as the rules see them (for the per-test summary). */
  testOutline(): TestDefinition[];
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
  /** What the last complete run leaves for the next one to reuse (see incremental.ts). */
  private memo: Memo | null = null;
  lastRun: RunSummary | null = null;
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
    let next = parse(this.parser, current, tree);
    // With syntax errors, tree-sitter's incremental re-parse can differ from a fresh parse of the same text
    // (its error recovery depends on the nodes it reuses): then parse afresh, so that a document always
    // agrees with a fresh analysis of its text. Error-free edits, the common case, stay incremental.
    if (tree.rootNode.hasError || next.rootNode.hasError) {
      next.delete();
      next = parse(this.parser, current);
    }
    this.tree = next;
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
    this.memo = null;
  }

  private enabledRules() {
    return this.analyzer.rulesFor((meta) => isEnabled(meta, this.settings));
  }

  findings(): Finding[] {
    if (!this.cached) {
      const all: Finding[] = [];
      for (const batch of this.batches()) all.push(...batch.findings);
      this.cached = all.sort(compareFindings);
    }
    return this.cached.slice();
  }

  /**
   * The findings of the current text, a batch per top-level statement (or one batch when most of them
   * are reused from the last run). Leaves the memo for the next run when it completes.
   */
  private *batches(): Generator<{ findings: Finding[]; end: number }, void, void> {
    const { tree, text } = this.analysisTarget();
    const rules = this.enabledRules();
    const ruleKey = rules.map((rule) => rule.meta.id).join(' ');
    const chunks = readChunks(tree.rootNode.namedChildren, text);
    const keep = suppressionFilter(tree, text);
    // A stale memo is still a sound base: planning compares its texts with the current ones.
    const memo = this.memo;
    const plan = memo ? planReuse(memo, ruleKey, chunks, text) : null;
    if (memo && plan) {
      const local = rules.filter((rule) => !memo.fileRules.has(rule.meta.id));
      const whole = rules.filter((rule) => memo.fileRules.has(rule.meta.id));
      const log: FileStateLog = { moduleStateRules: new Set(), classStateRules: new Map(), questions: new TextQuestions() };
      const skips = new Map<number, MemberSkip>();
      for (const [index, partial] of plan.partial) {
        const skipped = [...partial.reused.keys()].map((at) => [partial.members[at]!.start, partial.members[at]!.end] as const);
        skips.set(index, { skipped, classRules: partial.classRules });
      }
      const records: ChunkRecord[] = new Array(chunks.length);
      const all: Finding[] = [];
      // A rule that started keeping file-wide state, or class-wide state in a class whose other members
      // it skipped, makes the reuse unsound. (New text questions come from the re-analysed statements only:
      // they are answered afresh and kept for the next run.)
      let sound = true;
      for (const batch of this.analyzer.run(tree, text, local, { only: plan.rerun, keepSuppressed: true, log, facts: memo.facts, members: skips })) {
        if (batch.index < 0) continue;
        const chunk = chunks[batch.index]!;
        const partial = plan.partial.get(batch.index);
        // Which rules judge a class as a whole is learned by watching them (see FileStateObserver in scope.ts).
        const classRules: ReadonlySet<string> = log.classStateRules.get(batch.index) ?? new Set();
        if (partial && [...classRules].some((id) => !partial.classRules.has(id))) sound = false;
        const result = { findings: batch.findings, origins: batch.origins, classRules: partial?.classRules ?? classRules };
        const record = { ...recordOf(chunk, text, null, result), ...plan.outlines.get(batch.index) };
        const found = [...batch.findings];
        for (const [at, member] of partial?.reused ?? []) {
          const now = partial!.members[at]!;
          const findings = moved(member, now);
          record.members![at] = { ...member, startRow: now.startRow, endRow: now.endRow, findings };
          found.push(...findings);
        }
        record.findings = found.every((finding) => staysInside(finding, chunk)) ? found.sort(compareFindings) : null;
        records[batch.index] = record;
        all.push(...found);
      }
      if (sound && log.moduleStateRules.size === 0) {
        for (const [index, record] of plan.reused) {
          const findings = moved(record, chunks[index]!);
          const chunk = chunks[index]!;
          records[index] = { ...record, startRow: chunk.startRow, endRow: chunk.endRow, findings, members: movedMembers(record, chunk) };
          all.push(...findings);
        }
        if (whole.length > 0) for (const batch of this.analyzer.run(tree, text, whole, { keepSuppressed: true, facts: memo.facts })) all.push(...batch.findings);
        this.memo = { ...memo, questions: memo.questions.merge(log.questions), chunks: records };
        const reusedMembers = [...plan.partial.values()].reduce((sum, partial) => sum + partial.reused.size, 0);
        this.lastRun = { kind: 'incremental', analysed: plan.rerun.size, reused: plan.reused.size, reusedMembers };
        yield { findings: all.filter(keep), end: text.length };
        return;
      }
    }

    // A full run: every rule over every statement, learning which rules depend on the whole file.
    const fileRules = new Set(rules.filter(hasModuleExit).map((rule) => rule.meta.id));
    const log: FileStateLog = { moduleStateRules: fileRules, classStateRules: new Map(), questions: new TextQuestions() };
    const facts = collectModuleFacts(tree.rootNode);
    const records: ChunkRecord[] = [];
    const pending: Batch[] = [];
    for (const batch of this.analyzer.run(tree, text, rules, { keepSuppressed: true, log, facts })) {
      if (batch.index >= 0) pending[batch.index] = batch;
      yield { findings: batch.findings.filter(keep), end: batch.end };
    }
    // Rules are classified only once the run is over: a rule may touch module state late in the file.
    chunks.forEach((chunk, index) => {
      const batch = pending[index];
      const local = (batch?.findings ?? []).filter((finding) => !fileRules.has(finding.rule));
      const result = { findings: local, origins: batch?.origins ?? new Map(), classRules: log.classStateRules.get(index) ?? new Set<string>() };
      records.push(recordOf(chunk, text, local.every((finding) => staysInside(finding, chunk)) ? local : null, result));
    });
    this.memo = { ruleKey, fileRules, questions: log.questions, facts, chunks: records };
    this.lastRun = { kind: 'full', analysed: chunks.length, reused: 0, reusedMembers: 0 };
  }

  parseErrors(): ParseError[] {
    return parseErrors(this.liveTree, this.errorQuery);
  }

  explain(finding: Finding): Explanation | null {
    const { tree, text } = this.analysisTarget();
    return explainFinding(this.analyzer, tree, text, finding);
  }

  testOutline(): TestDefinition[] {
    // The tree the rules run on (recovered from syntax errors), so the summary and the rules agree.
    return outlineTests(this.analysisTarget().tree);
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
    const total = Math.max(source.length, 1);
    const all: Finding[] = [];
    let lastPause = Date.now();
    for (const batch of this.batches()) {
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

function hasModuleExit(rule: Rule): boolean {
  return `module${EXIT_SUFFIX}` in rule.visit;
}

/** A reused class's member records, moved with it. */
function movedMembers(record: ChunkRecord, chunk: Chunk): MemberRecord[] | null {
  const delta = chunk.startRow - record.startRow;
  if (!record.members || delta === 0) return record.members;
  return record.members.map((member) => ({
    ...member,
    startRow: member.startRow + delta,
    endRow: member.endRow + delta,
    findings: member.findings && moved(member, { ...member, startRow: member.startRow + delta }),
  }));
}
