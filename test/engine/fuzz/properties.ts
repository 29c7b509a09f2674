/**
 * The properties every engine result must have, whatever the input: shared by the hostile-input tests, the
 * short fuzz run inside `npm test` and the long one (`npm run fuzz`). Plain functions that throw an Error
 * naming the broken property, so they work under vitest and fast-check alike.
 */
import { isDeepStrictEqual } from 'node:util';
import { Edit, type Parser, type Point, type Tree } from 'web-tree-sitter';
import { applyEdits, type Analysis, type Doc, type Engine, type Finding, type Range, type Settings, type TextChange } from '../../../src/engine';
import { compareFindings } from '../../../src/engine/finding-order';
import { createParser, loadPython } from '../../../src/engine/parser';
import { mutatedText, sliceText, startText, type EditStep, type FuzzCase } from './arbitraries';

/** Every rule, the off and profile ones included: hostile input must not break any of them. */
export const ALL_RULES: Settings = { select: ['ALL'] };

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Lines as the engine counts them: split on "\n" only (a lone "\r" stays on its line, as in tree-sitter). */
export function lineLengths(text: string): number[] {
  return text.split('\n').map((line) => line.length);
}

function describeRange(range: Range): string {
  return `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`;
}

/** Why `range` does not lie inside the text, or null. `strict`: the start must come before the end. */
export function rangeProblem(range: Range, lengths: readonly number[], strict: boolean): string | null {
  const { line, column, endLine, endColumn } = range;
  if (![line, column, endLine, endColumn].every(Number.isInteger)) return `${describeRange(range)} has a non-integer position`;
  const length = lengths[line - 1];
  const endLength = lengths[endLine - 1];
  if (length === undefined) return `${describeRange(range)} starts on line ${line}, outside 1..${lengths.length}`;
  if (endLength === undefined) return `${describeRange(range)} ends on line ${endLine}, outside 1..${lengths.length}`;
  if (column < 1 || column > length + 1) return `${describeRange(range)} starts at column ${column}, outside 1..${length + 1}`;
  if (endColumn < 1 || endColumn > endLength + 1) return `${describeRange(range)} ends at column ${endColumn}, outside 1..${endLength + 1}`;
  const order = line - endLine || column - endColumn;
  if (strict ? order >= 0 : order > 0) return `${describeRange(range)} does not start before it ends`;
  return null;
}

function fail(property: string, detail: string): never {
  throw new Error(`${property}: ${detail}`);
}

/** Findings and parse errors inside the document, well-formed, in reading order; fixes' edits inside it too. */
export function assertValidAnalysis(text: string, analysis: Analysis, knownRules?: ReadonlySet<string>): void {
  const lengths = lineLengths(text);
  analysis.findings.forEach((finding, index) => {
    const where = `finding ${finding.rule} at ${describeRange(finding)}`;
    const problem = rangeProblem(finding, lengths, true);
    if (problem) fail('finding range', `${where}: ${problem}`);
    if (!SEVERITIES.has(finding.severity)) fail('finding severity', `${where}: ${String(finding.severity)}`);
    if (typeof finding.message !== 'string' || finding.message.trim() === '') fail('finding message', `${where} has no message`);
    if (knownRules && !knownRules.has(finding.rule)) fail('finding rule', `${where}: unknown rule`);
    const previous = analysis.findings[index - 1];
    if (previous && compareFindings(previous, finding) > 0) fail('finding order', `${where} comes after ${previous.rule} at ${describeRange(previous)}`);
    for (const edit of finding.fix?.edits ?? []) {
      const editProblem = rangeProblem(edit, lengths, false);
      if (editProblem) fail('fix edit range', `${where}, fix "${finding.fix?.title}": ${editProblem}`);
      if (typeof edit.text !== 'string') fail('fix edit text', `${where}: not a string`);
    }
    if (finding.fix) applyEdits(text, finding.fix.edits);
  });
  for (const error of analysis.parseErrors) {
    const problem = rangeProblem(error, lengths, false);
    if (problem) fail('parse error range', `${error.message} at ${describeRange(error)}: ${problem}`);
  }
}

/** The first difference between two analyses, in words, or null when they are equal. */
export function analysisDifference(actual: Analysis, expected: Analysis): string | null {
  for (const key of ['findings', 'parseErrors'] as const) {
    const a = actual[key] as readonly object[];
    const b = expected[key] as readonly object[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (!isDeepStrictEqual(a[i], b[i])) {
        return `${key}[${i}] (of ${a.length} vs ${b.length}): got ${JSON.stringify(a[i])}, expected ${JSON.stringify(b[i])}`;
      }
    }
  }
  return null;
}

/**
 * Analyses `text` twice (fresh documents both times) and checks: nothing thrown, valid ranges, the same
 * result both times. Returns the analysis for further checks.
 */
export function checkText(engine: Engine, text: string, settings: Settings = ALL_RULES): Analysis {
  const first = engine.analyze(text, settings);
  assertValidAnalysis(text, first, new Set(engine.rules.map((rule) => rule.id)));
  const second = engine.analyze(text, settings);
  const difference = analysisDifference(second, first);
  if (difference) fail('determinism', difference);
  return first;
}

/** `doc.explain` for each of `findings` (all, or a sample of `limit` spread over the list): non-null, nodes inside the text. */
export function checkExplanations(doc: Doc, findings: readonly Finding[], limit = Infinity): number {
  const lengths = lineLengths(doc.text);
  const step = findings.length <= limit ? 1 : findings.length / limit;
  let explained = 0;
  for (let i = 0; i < findings.length; i += step) {
    const finding = findings[Math.floor(i)]!;
    const where = `explain ${finding.rule} at ${describeRange(finding)}`;
    const explanation = doc.explain(finding);
    if (!explanation) fail('explain', `${where} returned null`);
    if (!isDeepStrictEqual({ ...explanation.finding, fix: explanation.finding.fix }, { ...finding, fix: finding.fix })) {
      fail('explain', `${where} explained another finding: ${JSON.stringify(explanation.finding)}`);
    }
    if (!explanation.nodes.some((node) => node.role === 'reported')) fail('explain', `${where} has no reported node`);
    for (const node of explanation.nodes) {
      const problem = rangeProblem(node, lengths, false);
      if (problem) fail('explain node range', `${where}, ${node.role} ${node.type}: ${problem}`);
    }
    explained++;
  }
  return explained;
}

/** `doc.syntaxTree()` without throwing, every row inside the text (rows and columns are 0-based there). */
export function checkSyntaxTree(doc: Doc): number {
  const tree = doc.syntaxTree();
  const lengths = lineLengths(doc.text);
  const width = tree.rows.length / Math.max(tree.count, 1);
  for (let i = 0; i < tree.count; i++) {
    const base = i * width;
    const [depth, type, , row, column, endRow, endColumn] = tree.rows.subarray(base, base + width);
    const range = { line: row! + 1, column: column! + 1, endLine: endRow! + 1, endColumn: endColumn! + 1 };
    const problem = rangeProblem(range, lengths, false);
    if (problem) fail('syntax tree row', `row ${i} (${tree.types[type!]}): ${problem}`);
    if (depth! < 0 || (i === 0 ? depth !== 0 : depth! > tree.rows[base - width]! + 1)) fail('syntax tree depth', `row ${i} jumps to depth ${depth}`);
  }
  return tree.count;
}

/** Offsets drawn as any natural number, resolved against the current text (each change in the coordinates left by the previous one). */
export function resolveChanges(text: string, changes: EditStep['changes']): { changes: TextChange[]; text: string } {
  const resolved: TextChange[] = [];
  let current = text;
  for (const change of changes) {
    let start = change.at % (current.length + 1);
    let end = Math.min(current.length, start + change.length);
    if (change.wholeLines) {
      start = start === 0 ? 0 : current.lastIndexOf('\n', start - 1) + 1;
      const newline = current.indexOf('\n', end);
      end = newline < 0 ? current.length : newline + 1;
    }
    resolved.push({ start, end, text: change.text });
    current = current.slice(0, start) + change.text + current.slice(end);
  }
  return { changes: resolved, text: current };
}

async function collect(stream: AsyncGenerator<Finding, void, void>): Promise<Finding[]> {
  const all: Finding[] = [];
  for await (const finding of stream) all.push(finding);
  return all;
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}

let replayParser: Promise<Parser> | undefined;

/**
 * tree-sitter on its own, fed the same edits as the document: its incremental re-parse can differ from a
 * fresh parse of the same text when the text has syntax errors (error recovery depends on the reused nodes;
 * tree-sitter issues #1645, #4001). The document parses afresh then; a failure says whether tree-sitter's own
 * incremental parse diverged at that point, which tells where to look.
 */
class TreeReplay {
  private constructor(
    private readonly parser: Parser,
    private tree: Tree,
    private text: string,
  ) {}

  static async start(text: string): Promise<TreeReplay> {
    replayParser ??= loadPython().then(createParser);
    const parser = await replayParser;
    return new TreeReplay(parser, parser.parse(text)!, text);
  }

  /** One batch of changes (each in the coordinates left by the previous one), re-parsed once, as `applyEdits` does. */
  apply(changes: readonly TextChange[]): void {
    for (const { start, end, text } of changes) {
      const edited = this.text.slice(0, start) + text + this.text.slice(end);
      this.tree.edit(
        new Edit({
          startIndex: start,
          oldEndIndex: end,
          newEndIndex: start + text.length,
          startPosition: pointAt(this.text, start),
          oldEndPosition: pointAt(this.text, end),
          newEndPosition: pointAt(edited, start + text.length),
        }),
      );
      this.text = edited;
    }
    const next = this.parser.parse(this.text, this.tree)!;
    this.tree.delete();
    this.tree = next;
  }

  /** Whether tree-sitter's incremental tree differs from its fresh parse of the same text. */
  diverged(): boolean {
    const fresh = this.parser.parse(this.text)!;
    try {
      return fresh.rootNode.toString() !== this.tree.rootNode.toString();
    } finally {
      fresh.delete();
    }
  }

  dispose(): void {
    this.tree.delete();
  }
}

/**
 * Incremental equals fresh: opens `initial`, looks at its findings (so later runs have something to reuse),
 * applies `steps` through applyEdits/edit/configure, and after every look and at the end compares the
 * document's findings and parse errors with a fresh analysis of its text. Also checks the result is valid.
 */
export async function checkEditSession(engine: Engine, initial: string, steps: readonly EditStep[], settings: Settings = ALL_RULES): Promise<void> {
  const doc = engine.open(initial, settings);
  const replay = await TreeReplay.start(initial);
  let current = settings;
  let text = initial;
  const compare = (label: string, findings: Finding[]): void => {
    const fresh = engine.analyze(text, current);
    assertValidAnalysis(text, fresh);
    const difference = analysisDifference({ findings, parseErrors: doc.parseErrors() }, fresh);
    if (!difference) return;
    const treeSitter = replay.diverged() ? 'diverged from' : 'agreed with';
    fail('incremental equals fresh', `${label}: ${difference} (tree-sitter's own incremental parse ${treeSitter} its fresh parse here)`);
  };
  try {
    compare('initial', doc.findings());
    for (const [index, step] of steps.entries()) {
      const resolved = resolveChanges(text, step.changes);
      text = resolved.text;
      const label = `after step ${index + 1} (${step.look})`;
      if (step.look === 'edit') {
        // Earlier changes of the step as one batch, the last one through `edit`, which returns the findings.
        const last = resolved.changes[resolved.changes.length - 1]!;
        if (resolved.changes.length > 1) {
          doc.applyEdits(resolved.changes.slice(0, -1));
          replay.apply(resolved.changes.slice(0, -1));
        }
        replay.apply([last]);
        compare(label, doc.edit(last.start, last.end, last.text));
      } else {
        doc.applyEdits(resolved.changes);
        replay.apply(resolved.changes);
      }
      if (doc.text !== text) fail('edit text', `${label}: the document's text differs from the edited text`);
      if (step.settings) {
        current = step.settings;
        doc.configure(current);
      }
      if (step.look === 'findings') compare(label, doc.findings());
      if (step.look === 'stream') {
        const streamed = (await collect(doc.stream())).sort(compareFindings);
        compare(`${label}, streamed`, streamed);
        compare(`${label}, findings after the stream`, doc.findings());
      }
    }
    compare('at the end', doc.findings());
  } finally {
    doc.dispose();
    replay.dispose();
  }
}

/**
 * On text that parses cleanly, applying a finding's quick fix gives text that still parses cleanly, at least
 * on the lines the fix wrote (the first `limit` fixable findings). tree-sitter accepts some invalid Python
 * (`~ x a` followed by `import mock`), which a fix's new line can then reveal: an error on a line the fix
 * left as it was is not the fix's. Returns how many fixes were applied.
 */
export function checkFixes(engine: Engine, text: string, analysis: Analysis, limit = 1): number {
  if (analysis.parseErrors.length > 0) return 0;
  const original = new Set(text.split('\n'));
  let applied = 0;
  for (const finding of analysis.findings) {
    if (!finding.fix || applied >= limit) continue;
    const fixed = applyEdits(text, finding.fix.edits);
    const lines = fixed.split('\n');
    const written = (line: number) => !original.has(lines[line - 1] ?? '');
    const error = engine.analyze(fixed, { ignore: ['ALL'] }).parseErrors.find((e) => written(e.line) || written(e.endLine));
    if (error) fail('fix keeps the code valid', `fix "${finding.fix.title}" of ${finding.rule} at ${describeRange(finding)} breaks the code at ${describeRange(error)}: ${JSON.stringify(fixed)}`);
    applied++;
  }
  return applied;
}

/** Runs one fuzz case through the properties above; explains up to `explainLimit` findings. */
export async function checkCase(engine: Engine, fuzz: FuzzCase, explainLimit = 2): Promise<void> {
  if (fuzz.kind === 'edits') {
    await checkEditSession(engine, startText(fuzz.start), fuzz.steps, fuzz.settings);
    return;
  }
  const text = fuzz.kind === 'text' ? fuzz.text : mutatedText(fuzz.file);
  const analysis = checkText(engine, text);
  checkFixes(engine, text, analysis);
  const doc = engine.open(text, ALL_RULES);
  try {
    checkExplanations(doc, analysis.findings, explainLimit);
    checkSyntaxTree(doc);
  } finally {
    doc.dispose();
  }
}

/** A failing case in words a person can replay: where it comes from and the exact text. */
export function describeCase(fuzz: FuzzCase): string {
  const start = fuzz.kind === 'edits' ? fuzz.start : fuzz.kind === 'text' ? { text: fuzz.text } : { file: fuzz.file };
  const origin = 'file' in start ? `a slice of ${sliceText(start.file.slice).name} with mutations ${JSON.stringify(start.file.mutations)}` : 'generated text';
  const lines = [`kind: ${fuzz.kind}`, `origin: ${origin}`, `text: ${JSON.stringify(startText(start))}`];
  if (fuzz.kind === 'edits') lines.push(`settings: ${JSON.stringify(fuzz.settings)}`, `steps: ${JSON.stringify(fuzz.steps)}`);
  return lines.join('\n');
}
