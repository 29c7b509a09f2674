/**
 * The explain view's part of the playground state (and so of permalinks): whether the tree panel is open,
 * the node selected in it, and the finding being explained, so a teacher can send "look at this node".
 * Positions are 1-based, as everywhere in links. A malformed part is dropped rather than refusing the
 * link: the code still opens, only the view is lost.
 */
import type { FindingRef } from '../permalink';

export interface NodeRef {
  type: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ExplainViewState {
  tree: boolean;
  node: NodeRef | null;
  finding: FindingRef | null;
}

const RULE_ID = /^[A-Z]{3}\d{3}$/;
/** tree-sitter node types: `call`, `ERROR`, `_simple_statement`... never anything else. */
const NODE_TYPE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

function rangeOf(record: Record<string, unknown>): { line: number; column: number; endLine: number; endColumn: number } | null {
  const { line, column, endLine, endColumn } = record;
  if (!isPosition(line) || !isPosition(column) || !isPosition(endLine) || !isPosition(endColumn)) return null;
  if (endLine < line || (endLine === line && endColumn < column)) return null;
  return { line, column, endLine, endColumn };
}

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nodeRef(value: unknown): NodeRef | null {
  const record = recordOf(value);
  const range = record && rangeOf(record);
  if (!record || !range || typeof record.type !== 'string' || !NODE_TYPE.test(record.type)) return null;
  return { type: record.type, ...range };
}

/** A finding reference from untrusted input (a link, a command's arguments), or null. */
export function parseFindingRef(value: unknown): FindingRef | null {
  const record = recordOf(value);
  const range = record && rangeOf(record);
  if (!record || !range || typeof record.rule !== 'string' || !RULE_ID.test(record.rule)) return null;
  return { rule: record.rule, ...range };
}

/** The view state in a decoded link or saved copy; null when absent (links made before the explain view). */
export function parseExplainView(value: unknown): ExplainViewState | null {
  const record = recordOf(value);
  if (!record) return null;
  const finding = parseFindingRef(record.finding);
  // Explaining a finding shows it in the tree: a finding implies the open panel.
  return { tree: record.tree === true || finding !== null, node: nodeRef(record.node), finding };
}

/** What a link stores: nothing at all for the closed, empty view (links stay as short as before). */
export function explainViewJson(state: ExplainViewState | null | undefined): ExplainViewState | undefined {
  if (!state || (!state.tree && !state.finding)) return undefined;
  return { tree: state.tree, node: state.node, finding: state.finding };
}
