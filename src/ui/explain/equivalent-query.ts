/**
 * testsniff's rules are visitor modules, not query files. What comes closest to "the query" of a rule is
 * the one the runner builds for it: a pattern `(type) @type` for every node type the rule visits, plus
 * the class and function definitions the runner always captures to track scopes (runner.ts). This turns
 * an explanation into that query, with the patterns that captured the finding's nodes marked.
 */
import type { Explanation, MatchedNode } from '../../engine/types';

const EXIT = ':exit';
/** Captured for every rule: the runner keeps its scope stack from them. */
const SCOPE_TYPES = ['class_definition', 'function_definition'];

export interface QueryPattern {
  type: string;
  /** The pattern as tree-sitter's query language writes it. */
  text: string;
  /** The rule's own visitors receive this type (the others are captured for scope tracking only). */
  visited: boolean;
  /** The finding's nodes of this type (the reported one first). */
  matched: MatchedNode[];
}

export interface EquivalentQuery {
  patterns: QueryPattern[];
  /** Definitions whose end the rule waits for, to judge what it gathered inside them. */
  exits: string[];
  /** The finding's nodes no pattern captures: the rule's code reached them from a captured node. */
  reached: MatchedNode[];
}

export function equivalentQuery(explanation: Pick<Explanation, 'visits' | 'nodes'>): EquivalentQuery {
  const visited = new Set<string>();
  const exits: string[] = [];
  for (const key of explanation.visits) {
    if (key.endsWith(EXIT)) exits.push(key.slice(0, -EXIT.length));
    else visited.add(key);
  }
  // The module is the root the query runs over, never one of its captures.
  const captured = new Set([...SCOPE_TYPES, ...visited, ...exits]);
  captured.delete('module');
  const patterns = [...captured].sort().map(
    (type): QueryPattern => ({
      type,
      text: `(${type}) @${type}`,
      visited: visited.has(type),
      matched: explanation.nodes.filter((node) => node.type === type),
    }),
  );
  return { patterns, exits, reached: explanation.nodes.filter((node) => !captured.has(node.type)) };
}
