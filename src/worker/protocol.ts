/**
 * The plain data that crosses the page <-> worker boundary. Types only: importing this module pulls no
 * engine code (and so no web-tree-sitter) into the page's bundle.
 */
import type { Explanation, Finding, ParseError, RuleMeta, Settings } from '../engine';
import type { SyntaxTreeRows } from '../engine/syntax-rows';
import type { RuleOverrides } from '../ui/rule-selection';

export type { Explanation, Finding, ParseError, RuleMeta, Settings, SyntaxTreeRows };

/** The flattened syntax tree of a run's text, and how long the worker took to build it. */
export interface TreeAnswer {
  tree: SyntaxTreeRows;
  buildMs: number;
}

/** Where the worker finds the two WebAssembly files (absolute URLs, resolved by the page). */
export interface WasmUrls {
  runtimeWasm: string;
  grammarWasm: string;
}

/** One Monaco content change: replace `text[start, end)` (UTF-16 offsets) with `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/**
 * How the worker's copy of the text is brought up to date before a run: the whole text (first run, after
 * a restart or a desync), the edits since the last run (incremental re-parse), or nothing (settings changed).
 */
export type TextSync =
  | { kind: 'full'; text: string }
  | { kind: 'edits'; changes: TextChange[]; expectedLength: number }
  | { kind: 'unchanged' };

export type AnalysisEvent =
  /** Findings of the top-level statements analysed so far; `doneLine` is the last line they cover. */
  | { kind: 'findings'; run: number; findings: Finding[]; progress: number; doneLine: number }
  /** `parseErrors` lists the first syntax errors only; `parseErrorCount` counts them all. */
  | { kind: 'done'; run: number; parseMs: number; analysisMs: number; parseErrors: ParseError[]; parseErrorCount: number }
  | { kind: 'failed'; run: number; message: string };

export type AnalysisListener = (event: AnalysisEvent) => void;

export interface WorkerInfo {
  engineVersion: string;
  rules: RuleMeta[];
}

/** `started`: the run is under way (its events follow); `needs-full-text`: the edits did not fit, resend. */
export type RunStart = 'started' | 'needs-full-text';

export interface AnalysisWorkerApi {
  init(urls: WasmUrls, listener: AnalysisListener): Promise<WorkerInfo>;
  /**
   * Starts run `run` on the synchronised text with the user's rule selection (the worker turns it into
   * engine settings: the page need not know the rules before its first run). May be sent before `init`
   * has answered: it then waits for the parser.
   */
  analyse(run: number, sync: TextSync, selection: RuleOverrides): Promise<RunStart>;
  /**
   * The hard-coded secrets (SEC001) in a text, whatever the user's rule selection: the page asks before
   * it puts the code into a link. Runs on a separate document; the open one is left alone.
   */
  secrets(text: string): Finding[];
  /**
   * Why a finding of run `run` was reported. Null when a newer run has replaced that text (the page asks
   * again once it settles) or when the text does not report that finding.
   */
  explain(run: number, finding: Finding): Explanation | null;
  /**
   * The syntax tree and the tests of run `run`'s text; null when a newer run has replaced that text.
   * Without `withRows` only the tests come back (the per-test summary needs no rows).
   */
  syntaxTree(run: number, withRows: boolean): TreeAnswer | null;
}

/** Where the two WebAssembly files are served, relative to the site's base (copied by scripts/copy-wasm.mjs). */
export const WASM_PATHS = {
  runtimeWasm: 'wasm/web-tree-sitter.wasm',
  grammarWasm: 'wasm/tree-sitter-python.wasm',
} as const;
