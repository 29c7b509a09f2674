/**
 * Incremental analysis: after an edit, only the top-level statements whose text changed are analysed
 * again; the findings of the others are reused, moved to their new lines.
 *
 * That is sound because of what rules may read outside the statement they are visiting (the contract of
 * `Scope.fileFact` in scope.ts): the file's *outline* - module-level statements, class and function
 * headers with their decorators, class-level statements, the bodies of non-test functions and of classes
 * that other classes derive from - and questions about the whole file's text (`Scope.fileMatches`...). So findings are
 * reused only when:
 *   - the changed statements' outlines are unchanged (typing inside a test body), none of them defines a
 *     class another class derives from, and the questions about the file's text get the same answers;
 *   - the rule keeps no state on the module scope (those "file rules" - and every rule with a
 *     `module:exit` visitor - run over the whole file each time);
 *   - the finding lies, with its fix, inside its own statement.
 * Anything else falls back to a full run. Tests compare incremental and fresh findings on random edits.
 *
 * Inside a re-analysed top-level class, the same one level down: typing in one test method re-runs, over
 * the other methods, only the rules that judge the class as a whole (state kept on the class's scope or
 * the statement, the class node read, or a `class_definition` visitor); the other rules' findings in
 * unchanged methods are reused. Their findings in a method depend on that method and the outline only.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, TextEdit } from './types';
import type { Origin } from './runner';
import type { TextQuestions } from './file-text';
import type { ModuleFacts } from './module-facts';
import { isTestName } from './scope';

/** One top-level statement as the last run saw it. */
export interface ChunkRecord {
  text: string;
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
  /** What other statements' rules may read of it (see the contract above). */
  outline: string;
  /** The top-level class it defines, if any. */
  className: string | null;
  /** Names appearing in the base lists of the classes it defines (at any depth). */
  baseNames: string[];
  /** Its findings from the rules that work statement by statement; null: they cannot be reused. */
  findings: Finding[] | null;
  /** A top-level class's body statements, with the findings of the rules that work method by method. */
  members: MemberRecord[] | null;
  /** A top-level class's rules that judge it as a whole (see the header). */
  classRules: ReadonlySet<string> | null;
}

/** Where a span of text lies, as tree-sitter counts rows and UTF-16 columns. */
export interface Span {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/** A statement directly in a top-level class's body (usually a method) in the current tree. */
export interface Member extends Span {
  start: number;
  end: number;
  text: string;
}

/** A member as the last run saw it, with the findings that method-by-method rules reported inside it. */
export interface MemberRecord extends Span {
  text: string;
  /** Null: a finding reaches outside the member (or names a line), so the member is always re-analysed. */
  findings: Finding[] | null;
}

/** What a finished run leaves behind for the next one. */
export interface Memo {
  /** The enabled rules, by id: another selection invalidates everything. */
  ruleKey: string;
  /** Rules that depend on the whole file: they run over all of it every time. */
  fileRules: ReadonlySet<string>;
  /** Questions the reused findings depend on. */
  questions: TextQuestions;
  /** The file's facts (imports, test classes): they follow from the outline, so they hold while it does. */
  facts: ModuleFacts;
  chunks: ChunkRecord[];
}

/** A top-level statement of the current tree, read once. */
export interface Chunk extends Span {
  node: Node;
  start: number;
  end: number;
  text: string;
}

export function readChunks(nodes: readonly (Node | null)[], source: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const node of nodes) {
    if (!node) continue;
    const start = node.startIndex;
    const end = node.endIndex;
    const { row: startRow, column: startColumn } = node.startPosition;
    const { row: endRow, column: endColumn } = node.endPosition;
    chunks.push({ node, start, end, startRow, startColumn, endRow, endColumn, text: source.slice(start, end) });
  }
  return chunks;
}

const CLASS_HEADER = /\bclass\s+[A-Za-z_]\w*\s*\(([^)]*)\)/g;

/**
 * Plain names in the base lists of the classes written in `text` (at any depth): rules follow a base into
 * the file only when it is a bare name (`class T(Base)`, not `class T(mod.Base)` or `metaclass=M`).
 */
function baseNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CLASS_HEADER)) {
    for (const part of match[1]!.split(',')) {
      const name = part.trim();
      if (/^[A-Za-z_]\w*$/.test(name)) names.push(name);
    }
  }
  return names;
}

function definitionOf(node: Node): Node | null {
  return node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
}

/** Text of a definition up to its body: decorators, name, parameters or bases. */
function header(statement: Node, definition: Node, source: string): string | null {
  const body = definition.childForFieldName('body');
  return body ? source.slice(statement.startIndex, body.startIndex) : null;
}

/** A test function's body is hidden from the outline; everything else shows in full. */
function memberOutline(member: Node, source: string): string {
  const definition = definitionOf(member);
  if (definition?.type === 'function_definition' && isTestName(definition.childForFieldName('name')?.text ?? '')) {
    const head = header(member, definition, source);
    if (head !== null) return `${head}\u2026`;
  }
  return source.slice(member.startIndex, member.endIndex);
}

export function outlineOf(chunk: Chunk, source: string): { outline: string; className: string | null } {
  const definition = definitionOf(chunk.node);
  if (definition?.type === 'function_definition') return { outline: memberOutline(chunk.node, source), className: null };
  if (definition?.type !== 'class_definition') return { outline: chunk.text, className: null };
  const className = definition.childForFieldName('name')?.text ?? null;
  const body = definition.childForFieldName('body');
  if (!body) return { outline: chunk.text, className };
  const parts = [source.slice(chunk.start, body.startIndex)];
  for (const member of body.namedChildren) if (member) parts.push(memberOutline(member, source));
  return { outline: parts.join('\n\u0000'), className };
}

/** The statements of a top-level class's body; null for any other statement. */
export function membersOf(chunk: Chunk, source: string): Member[] | null {
  const definition = definitionOf(chunk.node);
  const body = definition?.type === 'class_definition' ? definition.childForFieldName('body') : null;
  if (!body) return null;
  const members: Member[] = [];
  for (const node of body.namedChildren) {
    if (!node) continue;
    const start = node.startIndex;
    const end = node.endIndex;
    const { row: startRow, column: startColumn } = node.startPosition;
    const { row: endRow, column: endColumn } = node.endPosition;
    members.push({ start, end, startRow, startColumn, endRow, endColumn, text: source.slice(start, end) });
  }
  return members;
}

/** What a run found in one top-level statement, and who judged what (for splitting findings by member). */
export interface ChunkResult {
  findings: Finding[];
  origins: ReadonlyMap<Finding, Origin>;
  classRules: ReadonlySet<string>;
}

/**
 * The members' records: each method-by-method finding goes to the member its rule was visiting when it
 * reported it (findings reported between members, on the class header, are not kept per member).
 */
export function memberRecords(members: readonly Member[], result: ChunkResult): MemberRecord[] {
  const found: Finding[][] = members.map(() => []);
  for (const finding of result.findings) {
    if (result.classRules.has(finding.rule)) continue;
    const origin = result.origins.get(finding);
    const at = origin ? members.findIndex((member) => member.start <= origin.start && origin.end <= member.end) : -1;
    if (at >= 0) found[at]!.push(finding);
  }
  return members.map((member, index) => {
    const { startRow, startColumn, endRow, endColumn, text } = member;
    const findings = found[index]!;
    return { startRow, startColumn, endRow, endColumn, text, findings: findings.every((finding) => staysInside(finding, member)) ? findings : null };
  });
}

export function recordOf(chunk: Chunk, source: string, findings: Finding[] | null, result?: ChunkResult): ChunkRecord {
  const { outline, className } = outlineOf(chunk, source);
  const { startRow, startColumn, endRow, endColumn, text } = chunk;
  const members = result ? membersOf(chunk, source) : null;
  return {
    text,
    startRow,
    startColumn,
    endRow,
    endColumn,
    outline,
    className,
    baseNames: baseNamesIn(text),
    findings,
    members: members && result ? memberRecords(members, result) : null,
    classRules: members && result ? result.classRules : null,
  };
}

/** A message that names a line ("defined again on line 12") would go stale when its statement moves. */
const NAMES_A_LINE = /\blines? \d/;

/** Whether the finding can move with its chunk: every position (range and fix edits) inside it, no line named. */
export function staysInside(finding: Finding, chunk: Span): boolean {
  if (NAMES_A_LINE.test(finding.message)) return false;
  const inside = (line: number, column: number): boolean => {
    const row = line - 1;
    const col = column - 1;
    const afterStart = row > chunk.startRow || (row === chunk.startRow && col >= chunk.startColumn);
    const beforeEnd = row < chunk.endRow || (row === chunk.endRow && col <= chunk.endColumn);
    return afterStart && beforeEnd;
  };
  const spans: { line: number; column: number; endLine: number; endColumn: number }[] = [finding, ...(finding.fix?.edits ?? [])];
  return spans.every((span) => inside(span.line, span.column) && inside(span.endLine, span.endColumn));
}

export interface Plan {
  /** Indices (in the new chunks) to analyse again. */
  rerun: Set<number>;
  /** Reused records by new index. */
  reused: Map<number, ChunkRecord>;
  /** Records of the re-analysed chunks still to be built: outlines already computed, by new index. */
  outlines: Map<number, { outline: string; className: string | null }>;
  /** Re-analysed top-level classes whose unchanged members keep their findings, by new index. */
  partial: Map<number, PartialPlan>;
}

/** How to re-analyse a top-level class of which only some members changed. */
export interface PartialPlan {
  members: Member[];
  /** The unchanged members' old records, by member index. */
  reused: Map<number, MemberRecord>;
  classRules: ReadonlySet<string>;
}

function sameText(a: { startColumn: number; text: string }, b: { startColumn: number; text: string }): boolean {
  return a.startColumn === b.startColumn && a.text === b.text;
}

/** Which members of a changed top-level class can keep their findings; null: re-analyse all of it. */
function partialPlan(before: ChunkRecord, chunk: Chunk, source: string): PartialPlan | null {
  if (!before.members || !before.classRules) return null;
  const members = membersOf(chunk, source);
  if (!members || members.length !== before.members.length) return null;
  const reused = new Map<number, MemberRecord>();
  members.forEach((member, index) => {
    const old = before.members![index]!;
    if (old.findings !== null && sameText(old, member)) reused.set(index, old);
  });
  return reused.size > 0 ? { members, reused, classRules: before.classRules } : null;
}

/** How to bring the memo up to date with the new chunks, or null when only a full run is sound. */
export function planReuse(memo: Memo, ruleKey: string, chunks: readonly Chunk[], source: string): Plan | null {
  if (memo.ruleKey !== ruleKey) return null;
  if (!memo.questions.holdFor(source)) return null;
  const old = memo.chunks;
  const same = sameText;
  let prefix = 0;
  while (prefix < old.length && prefix < chunks.length && same(old[prefix]!, chunks[prefix]!)) prefix++;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < chunks.length - prefix &&
    same(old[old.length - 1 - suffix]!, chunks[chunks.length - 1 - suffix]!)
  ) {
    suffix++;
  }
  const changed = chunks.length - prefix - suffix;
  if (changed !== old.length - prefix - suffix) return null;

  const baseNames = new Set<string>();
  for (const record of old) for (const name of record.baseNames) baseNames.add(name);
  const plan: Plan = { rerun: new Set(), reused: new Map(), outlines: new Map(), partial: new Map() };
  for (let i = prefix; i < prefix + changed; i++) {
    const before = old[i]!;
    const after = outlineOf(chunks[i]!, source);
    if (after.outline !== before.outline || after.className !== before.className) return null;
    if (after.className !== null && baseNames.has(after.className)) return null;
    plan.rerun.add(i);
    plan.outlines.set(i, after);
    const partial = partialPlan(before, chunks[i]!, source);
    if (partial) plan.partial.set(i, partial);
  }
  for (let i = 0; i < chunks.length; i++) {
    if (plan.rerun.has(i)) continue;
    const record = old[i < prefix ? i : i - chunks.length + old.length]!;
    if (record.findings !== null) {
      plan.reused.set(i, record);
      continue;
    }
    // Some finding of the statement cannot move with it: analyse again, in a class only the members concerned.
    plan.rerun.add(i);
    const partial = partialPlan(record, chunks[i]!, source);
    if (partial) plan.partial.set(i, partial);
  }
  return plan;
}

/** The record's findings moved to where its chunk (or member) now starts. */
export function moved(record: Span & { findings: Finding[] | null }, chunk: Span): Finding[] {
  const findings = record.findings ?? [];
  const delta = chunk.startRow - record.startRow;
  if (delta === 0) return findings;
  const shift = <T extends { line: number; endLine: number }>(span: T): T => ({ ...span, line: span.line + delta, endLine: span.endLine + delta });
  return findings.map((finding) => {
    const next = shift(finding);
    if (finding.fix) next.fix = { ...finding.fix, edits: finding.fix.edits.map((edit: TextEdit) => shift(edit)) };
    return next;
  });
}
