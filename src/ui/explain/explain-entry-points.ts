/**
 * "Explain" from the editor: a link in the hover of a finding and a code action (Ctrl+.), both running
 * one editor command with the finding's reference (a rule id and numbers; no user text) as argument.
 * The hover's Markdown is trusted for that one command only, and holds only our own words.
 */
import { monaco, type TextModel } from '../editor';
import type { Finding } from '../../engine/types';
import type { FindingRef } from '../permalink';
import { refOf } from '../selection';
import { parseFindingRef } from './view-state';

export const EXPLAIN_COMMAND = 'testsniff.explainFinding';

function touches(finding: Finding, range: monaco.IRange): boolean {
  return monaco.Range.areIntersectingOrTouching(new monaco.Range(finding.line, finding.column, finding.endLine, finding.endColumn), range);
}

function commandLink(finding: Finding): string {
  const argument = encodeURIComponent(JSON.stringify([refOf(finding)]));
  return `[Explain ${finding.rule}: show the syntax it matched](command:${EXPLAIN_COMMAND}?${argument})`;
}

export function registerExplainEntryPoints(
  findingsOf: (model: TextModel) => readonly Finding[],
  explain: (ref: FindingRef) => void,
): monaco.IDisposable[] {
  return [
    monaco.editor.registerCommand(EXPLAIN_COMMAND, (_accessor: unknown, argument: unknown) => {
      const ref = parseFindingRef(argument);
      if (ref) explain(ref);
    }),
    monaco.languages.registerHoverProvider('python', {
      provideHover(model, position) {
        const here = findingsOf(model).filter((finding) => touches(finding, new monaco.Range(position.lineNumber, position.column, position.lineNumber, position.column)));
        if (here.length === 0) return null;
        return {
          contents: here.map((finding) => ({ value: commandLink(finding), isTrusted: { enabledCommands: [EXPLAIN_COMMAND] } })),
        };
      },
    }),
    monaco.languages.registerCodeActionProvider('python', {
      provideCodeActions(model, range) {
        const actions = findingsOf(model)
          .filter((finding) => touches(finding, range))
          .map(
            (finding): monaco.languages.CodeAction => ({
              // Not "RULE: ...": that shape names the rule's own fixes in the menu.
              title: `Explain this finding (${finding.rule})`,
              command: { id: EXPLAIN_COMMAND, title: `Explain ${finding.rule}`, arguments: [refOf(finding)] },
            }),
          );
        return { actions, dispose() {} };
      },
    }),
  ];
}
