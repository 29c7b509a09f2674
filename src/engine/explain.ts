/**
 * "Explain": re-runs the one rule behind a finding with matched-node tracking on, and returns the nodes
 * that finding rests on, with the rule's detection in plain words. Only one rule runs, so it is cheap
 * enough to do on demand instead of recording nodes for every finding of every run.
 */
import type { Tree } from 'web-tree-sitter';
import type { Analyzer, ExplainedFinding } from './runner';
import type { Explanation, Finding } from './types';

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.message === b.message &&
    a.line === b.line &&
    a.column === b.column &&
    a.endLine === b.endLine &&
    a.endColumn === b.endColumn
  );
}

export function explainFinding(analyzer: Analyzer, tree: Tree, text: string, finding: Finding): Explanation | null {
  const [rule] = analyzer.rulesFor((meta) => meta.id === finding.rule);
  if (!rule) return null;
  for (const batch of analyzer.run(tree, text, [rule], { explain: true })) {
    const match = batch.findings.find((candidate) => sameFinding(candidate, finding)) as ExplainedFinding | undefined;
    if (!match) continue;
    const { matched, ...plain } = match;
    return {
      finding: plain,
      nodes: matched,
      visits: Object.keys(rule.visit),
      detection: rule.meta.detection,
    };
  }
  return null;
}
