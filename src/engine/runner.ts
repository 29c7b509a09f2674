/**
 * The analysis pass. One tree-sitter query captures every node type any rule visits (the query runs
 * inside WebAssembly, far cheaper than walking the tree from JavaScript); the runner hands each node to
 * the visitors of the enabled rules, in document order, with the scope stack that encloses it.
 *
 * Work is split by top-level statement ("chunks"): findings of a chunk are complete when the chunk is
 * done, so a streaming caller can hand them out and stop between chunks.
 */
import type { Language, Node, Query as QueryType, Tree } from 'web-tree-sitter';
import { Query } from 'web-tree-sitter';
import type { Report, Rule, RuleContext, Visitor } from './rule';
import { EXIT_SUFFIX } from './rule';
import { Scope } from './scope';
import { collectModuleFacts, qualifiedName, type ModuleFacts } from './module-facts';
import { rangeOf, LineIndex } from './position';
import { isSuppressed, suppressionOn, type Suppression } from './noqa';
import type { Finding, Range } from './types';
import { compareFindings } from './finding-order';

export { compareFindings };

const SCOPE_TYPES: Record<string, 'class' | 'function'> = {
  class_definition: 'class',
  function_definition: 'function',
};

export interface ParseError extends Range {
  message: string;
}

/** The findings of one top-level statement, and the offset where it ends (for progress). */
export interface Batch {
  findings: Finding[];
  end: number;
}

type Dispatch = Map<string, { rule: Rule; visitor: Visitor }[]>;

export class Analyzer {
  private readonly query: QueryType;

  constructor(
    language: Language,
    private readonly allRules: readonly Rule[],
  ) {
    const types = new Set<string>(Object.keys(SCOPE_TYPES));
    for (const rule of allRules) {
      for (const key of Object.keys(rule.visit)) {
        const type = key.endsWith(EXIT_SUFFIX) ? key.slice(0, -EXIT_SUFFIX.length) : key;
        if (type !== 'module') types.add(type);
      }
    }
    // An unknown node type throws here, at engine creation, not in the middle of a user's run.
    this.query = new Query(language, `[${[...types].map((type) => `(${type})`).join(' ')}] @node`);
  }

  rulesFor(predicate: (meta: Rule['meta']) => boolean): Rule[] {
    return this.allRules.filter((rule) => predicate(rule.meta));
  }

  private dispatchFor(rules: readonly Rule[]): Dispatch {
    const dispatch: Dispatch = new Map();
    for (const rule of rules) {
      for (const [key, visitor] of Object.entries(rule.visit)) {
        if (!visitor) continue;
        const list = dispatch.get(key) ?? [];
        list.push({ rule, visitor });
        dispatch.set(key, list);
      }
    }
    return dispatch;
  }

  /**
   * Findings of `tree`, one batch per top-level statement, each batch sorted by position.
   * `rules` are the enabled rules (a subset of those the analyzer was built with).
   */
  *run(tree: Tree, source: string, rules: readonly Rule[]): Generator<Batch, void, void> {
    const dispatch = this.dispatchFor(rules);
    const root = tree.rootNode;
    const facts = collectModuleFacts(root);
    const moduleScope = new Scope('module', root, null, facts.testClassNames);
    const lines = new LineIndex(source);
    const suppressions = new Map<number, Suppression>();
    const lookup = (line: number): Suppression => {
      if (!suppressions.has(line)) suppressions.set(line, suppressionOn(line, lines, tree));
      return suppressions.get(line) ?? null;
    };

    let batch: Finding[] = [];
    const contexts = new Map<Rule, (scope: Scope) => RuleContext>();
    for (const rule of rules) contexts.set(rule, (scope) => this.context(rule, scope, facts, batch));
    const call = (key: string, node: Node, scope: Scope): void => {
      const visitors = dispatch.get(key);
      if (!visitors) return;
      for (const { rule, visitor } of visitors) visitor(node, contexts.get(rule)!(scope));
    };
    const finish = (): Finding[] => {
      const done = batch.filter((finding) => !isSuppressed(finding, lookup)).sort(compareFindings);
      batch = [];
      return done;
    };

    for (const chunk of root.namedChildren) {
      if (!chunk) continue;
      const stack: Scope[] = [moduleScope];
      const captures = this.query.captures(root, { startIndex: chunk.startIndex, endIndex: chunk.endIndex });
      for (const { node } of captures) {
        // Nodes that merely touch the chunk's range belong to a neighbouring chunk.
        if (node.startIndex < chunk.startIndex || node.startIndex >= chunk.endIndex) continue;
        while (stack.length > 1 && node.startIndex >= stack[stack.length - 1]!.node.endIndex) {
          const closed = stack.pop()!;
          call(closed.node.type + EXIT_SUFFIX, closed.node, closed);
        }
        const kind = SCOPE_TYPES[node.type];
        let scope = stack[stack.length - 1]!;
        if (kind) {
          scope = new Scope(kind, node, scope, facts.testClassNames);
          stack.push(scope);
        }
        call(node.type, node, scope);
      }
      while (stack.length > 1) {
        const closed = stack.pop()!;
        call(closed.node.type + EXIT_SUFFIX, closed.node, closed);
      }
      yield { findings: finish(), end: chunk.endIndex };
    }
    call('module' + EXIT_SUFFIX, root, moduleScope);
    yield { findings: finish(), end: source.length };
  }

  private context(rule: Rule, scope: Scope, facts: ModuleFacts, batch: Finding[]): RuleContext {
    return {
      scope,
      facts,
      qualifiedName: (node) => qualifiedName(facts, node),
      report: (report: Report) => {
        batch.push(toFinding(rule, report));
      },
    };
  }
}

function toFinding(rule: Rule, report: Report): Finding {
  const severity = report.severity ?? (rule.meta.severity === 'off' ? 'info' : rule.meta.severity);
  const finding: Finding = {
    rule: rule.meta.id,
    name: rule.meta.name,
    severity,
    message: report.message,
    ...rangeOf(report.node, report.endNode),
  };
  if (report.fix) finding.fix = report.fix;
  return finding;
}

/** Syntax errors and missing tokens, for the status line and the CLI's `parseErrors`. */
export function parseErrors(tree: Tree, errorQuery: QueryType, limit = 1000): ParseError[] {
  if (!tree.rootNode.hasError) return [];
  const errors: ParseError[] = [];
  for (const { name, node } of errorQuery.captures(tree.rootNode)) {
    if (errors.length >= limit) break;
    errors.push({
      ...rangeOf(node),
      message: name === 'missing' ? `Syntax error: missing ${node.type}` : 'Syntax error',
    });
  }
  return errors;
}

export function createErrorQuery(language: Language): QueryType {
  return new Query(language, '(ERROR) @error (MISSING) @missing');
}
