/**
 * The analysis pass. One tree-sitter query captures every node type any rule visits (the query runs
 * inside WebAssembly, far cheaper than walking the tree from JavaScript); the runner hands each node to
 * the visitors of the enabled rules, in document order, with the scope stack that encloses it.
 *
 * Work is split by top-level statement ("chunks"): findings of a chunk are complete when the chunk is
 * done, so a streaming caller can hand them out and stop between chunks.
 */
import type { Language, Node, Query as QueryType, QueryCapture, Tree } from 'web-tree-sitter';
import { Query } from 'web-tree-sitter';
import type { Report, Rule, RuleContext, Visitor } from './rule';
import { EXIT_SUFFIX } from './rule';
import { Scope } from './scope';
import { collectModuleFacts, qualifiedName, type ModuleFacts } from './module-facts';
import { rangeOf, LineIndex } from './position';
import { isSuppressed, suppressionOn, type Suppression } from './noqa';
import type { Finding, MatchedNode, Range } from './types';
import { compareFindings } from './finding-order';
import type { TextQuestions } from './file-text';

export { compareFindings };

const SCOPE_TYPES: Record<string, 'class' | 'function'> = {
  class_definition: 'class',
  function_definition: 'function',
};

export interface ParseError extends Range {
  message: string;
}

/** A finding with the syntax nodes it was built from (runs with `explain: true` only). */
export interface ExplainedFinding extends Finding {
  matched: MatchedNode[];
}

/** The findings of one top-level statement, and the offset where it ends (for progress). */
export interface Batch {
  findings: Finding[];
  end: number;
  /** The top-level statement's index among the module's named children; -1 for the module's end. */
  index: number;
  /** Where the runner was when each finding was reported: the range of the node being visited. */
  origins: Map<Finding, Origin>;
}

/** The offsets of the node a rule was visiting when it reported a finding. */
export interface Origin {
  start: number;
  end: number;
}

/** What a run learned about the rules' use of file-wide state (see FileStateObserver in scope.ts). */
export interface FileStateLog {
  /** Rules that kept state on the module scope: their findings depend on the whole file. */
  moduleStateRules: Set<string>;
  /** By top-level statement: rules that judged a class as a whole (state on its scope, or its node read). */
  classStateRules: Map<number, Set<string>>;
  /** Questions asked about the whole file's text, with their answers. */
  questions: TextQuestions;
}

/**
 * Within one top-level class, the methods whose findings are reused: only the rules that judge the class
 * as a whole visit them again (their judgement needs every method); the others skip them.
 */
export interface MemberSkip {
  /** Offsets `[start, end)` of the reused members, in document order. */
  skipped: readonly (readonly [number, number])[];
  /** The rules that judge this class as a whole. */
  classRules: ReadonlySet<string>;
}

export interface RunOptions {
  /** Keep each finding's matched nodes (costs a few node reads per finding; used by "Explain"). */
  explain?: boolean;
  /** Visit only these top-level statements (by index); the others are skipped entirely. */
  only?: ReadonlySet<number>;
  /** Keep findings that a `noqa` comment suppresses (the caller filters them, see `suppressed`). */
  keepSuppressed?: boolean;
  /** Filled with what the run learned about file-wide state. */
  log?: FileStateLog;
  /** The file's facts, when the caller knows them already (they depend on the file's outline only). */
  facts?: ModuleFacts;
  /** By top-level statement index: members whose findings are reused (see MemberSkip). */
  members?: ReadonlyMap<number, MemberSkip>;
}

type MutableContext = { -readonly [K in keyof RuleContext]: RuleContext[K] };

type Dispatch = Map<string, { rule: Rule; visitor: Visitor }[]>;

export class Analyzer {
  private readonly language: Language;
  /** Queries by the set of node types they capture: only what the enabled rules visit is marshalled. */
  private readonly queries = new Map<string, QueryType>();

  constructor(
    language: Language,
    private readonly allRules: readonly Rule[],
  ) {
    this.language = language;
    // An unknown node type throws here, at engine creation, not in the middle of a user's run.
    this.queryFor(allRules);
  }

  private queryFor(rules: readonly Rule[]): QueryType {
    const types = new Set<string>(Object.keys(SCOPE_TYPES));
    for (const rule of rules) {
      for (const key of Object.keys(rule.visit)) {
        const type = key.endsWith(EXIT_SUFFIX) ? key.slice(0, -EXIT_SUFFIX.length) : key;
        if (type !== 'module') types.add(type);
      }
    }
    const key = [...types].sort().join(' ');
    let query = this.queries.get(key);
    if (!query) {
      // One pattern per type, captured under the type's own name: the runner learns each node's type
      // from the capture name instead of asking WebAssembly for it.
      query = new Query(this.language, key.split(' ').map((type) => `(${type}) @${type}`).join('\n'));
      this.queries.set(key, query);
    }
    return query;
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
  *run(tree: Tree, source: string, rules: readonly Rule[], options: RunOptions = {}): Generator<Batch, void, void> {
    const dispatch = this.dispatchFor(rules);
    const query = this.queryFor(rules);
    const root = tree.rootNode;
    const facts = options.facts ?? collectModuleFacts(root);
    const moduleScope = new Scope('module', root, null, facts.testClassNames);
    let currentRule: Rule | null = null;
    let currentNode: Node = root;
    let chunkIndex = -1;
    const log = options.log;
    if (log) {
      moduleScope.observer = {
        usedModuleState: () => {
          if (currentRule) log.moduleStateRules.add(currentRule.meta.id);
        },
        usedClassState: () => {
          if (!currentRule || chunkIndex < 0) return;
          let rules = log.classStateRules.get(chunkIndex);
          if (!rules) log.classStateRules.set(chunkIndex, (rules = new Set()));
          rules.add(currentRule.meta.id);
        },
        questions: log.questions,
      };
    }
    const keep = suppressionFilter(tree, source);
    let batch: Finding[] = [];
    let origins = new Map<Finding, Origin>();
    // One context per rule for the whole run; only its scope changes from node to node (allocating a
    // context per visit dominated the cost on large files).
    const contexts = new Map<Rule, MutableContext>();
    for (const rule of rules) {
      contexts.set(rule, {
        scope: moduleScope,
        facts,
        qualifiedName: (node) => qualifiedName(facts, node),
        report: (report: Report) => {
          const finding = toFinding(rule, report);
          if (options.explain) (finding as ExplainedFinding).matched = matchedNodes(report);
          batch.push(finding);
          origins.set(finding, { start: currentNode.startIndex, end: currentNode.endIndex });
        },
      });
    }
    const classDispatch = new Map<ReadonlySet<string>, Dispatch>();
    const dispatchOfClassRules = (classRules: ReadonlySet<string>): Dispatch => {
      let found = classDispatch.get(classRules);
      if (!found) classDispatch.set(classRules, (found = this.dispatchFor(rules.filter((rule) => classRules.has(rule.meta.id)))));
      return found;
    };
    const call = (key: string, node: Node, scope: Scope, within: Dispatch = dispatch): void => {
      const visitors = within.get(key);
      if (!visitors) return;
      currentNode = node;
      for (const { rule, visitor } of visitors) {
        const ctx = contexts.get(rule)!;
        ctx.scope = scope;
        currentRule = rule;
        visitor(node, ctx);
      }
    };
    const finish = (): { findings: Finding[]; origins: Map<Finding, Origin> } => {
      const kept = options.keepSuppressed ? batch : batch.filter(keep);
      const done = { findings: kept.sort(compareFindings), origins };
      batch = [];
      origins = new Map();
      return done;
    };

    const chunks = root.namedChildren;
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index];
      if (!chunk || (options.only && !options.only.has(index))) continue;
      const chunkStart = chunk.startIndex;
      const chunkEnd = chunk.endIndex;
      chunkIndex = index;
      const stack: Scope[] = [moduleScope];
      moduleScope.startStatement();
      // Nodes inside reused members go to the rules that judge the class as a whole only.
      const skip = options.members?.get(index);
      const skipDispatch = skip ? dispatchOfClassRules(skip.classRules) : dispatch;
      // When no rule needs the reused members' nodes, the query does not even look at them.
      const captures = skip && !visitsInside(skipDispatch) ? capturesAround(query, chunk, skip.skipped) : query.captures(chunk);
      const dispatchAt = (node: Node, start: number): Dispatch => {
        const range = skip && rangeAround(skip.skipped, start);
        return range && node.endIndex <= range[1] ? skipDispatch : dispatch;
      };
      const close = (): void => {
        const closed = stack.pop()!;
        const node = closed.ownNode;
        call(closed.type + EXIT_SUFFIX, node, closed, skip ? dispatchAt(node, node.startIndex) : dispatch);
      };
      // The query runs on the statement's own subtree: a byte range on the root would make the query cursor
      // step over the preceding top-level statements each time (quadratic on files of many thousand, such
      // as binary junk, where every stray token is one).
      for (const { name: type, node } of captures) {
        const start = node.startIndex;
        // Zero-width nodes at the edges belong to a neighbouring chunk.
        if (start < chunkStart || start >= chunkEnd) continue;
        while (stack.length > 1 && start >= stack[stack.length - 1]!.endIndex) close();
        const kind = SCOPE_TYPES[type];
        let scope = stack[stack.length - 1]!;
        if (kind) {
          scope = new Scope(kind, node, scope, facts.testClassNames);
          stack.push(scope);
        }
        call(type, node, scope, skip ? dispatchAt(node, start) : dispatch);
      }
      while (stack.length > 1) close();
      yield { ...finish(), end: chunkEnd, index };
    }
    chunkIndex = -1;
    call('module' + EXIT_SUFFIX, root, moduleScope);
    yield { ...finish(), end: source.length, index: -1 };
  }
}

/** Whether any visitor of `dispatch` needs nodes inside a class's members (anything but the class itself). */
function visitsInside(dispatch: Dispatch): boolean {
  for (const key of dispatch.keys()) if (key !== 'class_definition' && key !== `class_definition${EXIT_SUFFIX}` && key !== `module${EXIT_SUFFIX}`) return true;
  return false;
}

/**
 * The captures of `chunk` outside the `skipped` ranges, in document order: the query runs on each stretch
 * between them. A stretch also returns the nodes around it (the class, its body): each is kept once.
 */
function capturesAround(query: QueryType, chunk: Node, skipped: readonly (readonly [number, number])[]): QueryCapture[] {
  const result: QueryCapture[] = [];
  const seen = new Set<string>();
  let from = chunk.startIndex;
  const stretches: [number, number][] = [];
  for (const [start, end] of skipped) {
    if (start > from) stretches.push([from, start]);
    from = end;
  }
  if (chunk.endIndex > from) stretches.push([from, chunk.endIndex]);
  for (const [startIndex, endIndex] of stretches) {
    for (const capture of query.captures(chunk, { startIndex, endIndex })) {
      const { node } = capture;
      const start = node.startIndex;
      const end = node.endIndex;
      const inside = rangeAround(skipped, start);
      if (inside && end <= inside[1]) continue;
      const key = `${capture.name}@${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(capture);
    }
  }
  return result;
}

/** The range of the sorted, disjoint `ranges` that holds `offset`, if any. */
function rangeAround(ranges: readonly (readonly [number, number])[], offset: number): readonly [number, number] | undefined {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle]!;
    if (offset < range[0]) high = middle - 1;
    else if (offset >= range[1]) low = middle + 1;
    else return range;
  }
  return undefined;
}

/** A filter that drops the findings a `noqa` comment on their line suppresses (lines are read on demand). */
export function suppressionFilter(tree: Tree, source: string): (finding: Finding) => boolean {
  let lines: LineIndex | null = null;
  const suppressions = new Map<number, Suppression>();
  const lookup = (line: number): Suppression => {
    if (!suppressions.has(line)) suppressions.set(line, suppressionOn(line, (lines ??= new LineIndex(source)), tree));
    return suppressions.get(line) ?? null;
  };
  return (finding) => !isSuppressed(finding, lookup);
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

function matchedNodes(report: Report): MatchedNode[] {
  const reported: MatchedNode = { type: report.node.type, role: 'reported', ...rangeOf(report.node, report.endNode) };
  const related = (report.related ?? []).map((node): MatchedNode => ({ type: node.type, role: 'related', ...rangeOf(node) }));
  return [reported, ...related];
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
