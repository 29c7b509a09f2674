/** Plain data that crosses every boundary: worker messages, CLI JSON, tests. No tree-sitter types here. */

export type Severity = 'error' | 'warning' | 'info';
/** A rule's default level: `off` rules are implemented but run only when selected. */
export type DefaultSeverity = Severity | 'off';

export type Family = 'TIM' | 'MCK' | 'FXT' | 'ASR' | 'SML' | 'SEC';

/** 1-based lines, 1-based UTF-16 columns (what Monaco uses); the end is exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit extends Range {
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Present (true) when applying the fix can change what the test does: never applied by "fix all". */
  unsafe?: true;
}

export interface Finding extends Range {
  rule: string;
  name: string;
  severity: Severity;
  message: string;
  fix?: Fix;
}

/** A syntax node a finding rests on, for "Explain": the reported code, or another node the judgement used. */
export interface MatchedNode extends Range {
  /** The tree-sitter node type (`call`, `function_definition`...). */
  type: string;
  role: 'reported' | 'related';
}

/** Why a finding was reported: the nodes it matched and how its rule looks at code. */
export interface Explanation {
  finding: Finding;
  nodes: MatchedNode[];
  /** The node types the rule's visitors receive (scope exits shown as `function_definition:exit`). */
  visits: string[];
  detection: string;
}

/** Rule selection as ruff users know it: ids (`TIM001`) or prefixes (`TIM`, `TIM00`). */
export interface Settings {
  select?: string[];
  ignore?: string[];
  /**
   * Community profiles to switch on (e.g. `openstack`): their rules join the default set. An addition
   * to design.md's settings; `select` still replaces the whole set.
   */
  profiles?: string[];
}

export interface RuleDocs {
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters, a short paragraph. */
  why: string;
  /** How to write it instead. */
  fix: string;
  /** Python that the rule reports. */
  bad: string;
  /** The same idea written well: the rule stays silent. */
  good: string;
  /** Rules of other tools that cover the same idea (ruff, bandit, hacking, PyNose...). */
  peers: string[];
  /** How the rule sees it, in plain words: which syntax it looks at and what it checks (shown by "Explain"). */
  detection: string;
}

export interface RuleMeta extends RuleDocs {
  id: string;
  name: string;
  family: Family;
  severity: DefaultSeverity;
  /** Whether a mechanical quick fix exists. */
  fixable: 'yes' | 'partial' | 'no';
  /** A community profile (e.g. `openstack`) whose conventions the rule encodes; such rules are off unless selected. */
  profile?: string;
}

export const FAMILY_NAMES: Record<Family, string> = {
  TIM: 'Timing and flakiness',
  MCK: 'Mocking and patching',
  FXT: 'Fixtures and setup',
  ASR: 'Assertions',
  SML: 'Test smells',
  SEC: 'Security',
};
