/**
 * The shape of a rule: its metadata and docs as data (shown in hovers, the rules index, the README), and
 * visitors keyed by tree-sitter node type, in the spirit of an ESLint rule module. The runner visits every
 * node of those types once, in document order; `class_definition:exit`, `function_definition:exit` and
 * `module:exit` run when a scope closes, so a rule can gather facts in a scope and judge at its end.
 */
import type { Node } from 'web-tree-sitter';
import type { Fix, RuleMeta, Severity } from './types';
import type { Scope } from './scope';
import type { ModuleFacts } from './module-facts';

export interface Report {
  /** The offending code: the finding's range covers it (through `endNode` when given). */
  node: Node;
  endNode?: Node;
  /** Other nodes the judgement rests on (the patches that could merge, the unused fixture...): shown by "Explain". */
  related?: readonly Node[];
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. a documented race sleep is info). */
  severity?: Severity;
  fix?: Fix;
}

export interface RuleContext {
  /** The innermost scope around the visited node (for a class or function node: its own scope). */
  readonly scope: Scope;
  readonly facts: ModuleFacts;
  /** The qualified dotted name of an expression, resolved through the file's imports. */
  qualifiedName(node: Node | null | undefined): string | null;
  report(report: Report): void;
}

export type Visitor = (node: Node, ctx: RuleContext) => void;

/** Node types a rule can visit; exits exist for scopes. */
export type VisitorKey = string;

export interface Rule {
  meta: RuleMeta;
  visit: Partial<Record<VisitorKey, Visitor>>;
}

/** Identity for typing: `export default defineRule({ meta: {...}, visit: {...} })`. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export const EXIT_SUFFIX = ':exit';
