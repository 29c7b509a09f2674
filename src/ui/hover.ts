/**
 * Hovering a finding shows its rule's docs: summary, why, how to fix, the good example and the peer
 * rules of other tools. Only the docs (our own text) become Markdown; the user's code never does.
 */
import { monaco } from './editor';
import type { Finding, RuleMeta } from '../engine/types';

function contains(finding: Finding, position: monaco.Position): boolean {
  const afterStart =
    position.lineNumber > finding.line || (position.lineNumber === finding.line && position.column >= finding.column);
  const beforeEnd =
    position.lineNumber < finding.endLine || (position.lineNumber === finding.endLine && position.column <= finding.endColumn);
  return afterStart && beforeEnd;
}

export function ruleDocsMarkdown(rule: RuleMeta): monaco.IMarkdownString[] {
  const peers = rule.peers.length > 0 ? rule.peers.join('; ') : 'none';
  return [
    { value: `**${rule.id}** \`${rule.name}\`: ${rule.summary}` },
    {
      value: [
        `**Why.** ${rule.why}`,
        `**Fix.** ${rule.fix}`,
        'Instead:',
        '```python\n' + rule.good.trimEnd() + '\n```',
        `**Peers:** ${peers}`,
      ].join('\n\n'),
    },
  ];
}

export function registerRuleHovers(
  findingsNow: () => readonly Finding[],
  rulesById: () => ReadonlyMap<string, RuleMeta>,
): monaco.IDisposable {
  return monaco.languages.registerHoverProvider('python', {
    provideHover(_model, position) {
      const here = findingsNow().filter((finding) => contains(finding, position));
      const rules = [...new Set(here.map((finding) => finding.rule))]
        .map((id) => rulesById().get(id))
        .filter((rule): rule is RuleMeta => rule !== undefined);
      const first = here[0];
      if (!first || rules.length === 0) return null;
      return {
        range: new monaco.Range(first.line, first.column, first.endLine, first.endColumn),
        contents: rules.flatMap(ruleDocsMarkdown),
      };
    },
  });
}
