/** SARIF 2.1.0, the format code-scanning tools read. One run, rules described from their docs. */
import type { RuleMeta, Severity } from '../types';
import { TOOL_NAME, type FileReport } from './model';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function sarifReport(files: readonly FileReport[], rules: readonly RuleMeta[], version: string): object {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.why },
              help: { text: `${rule.fix}\n\nExample:\n${rule.bad}\nUse instead:\n${rule.good}` },
              defaultConfiguration: {
                enabled: rule.severity !== 'off' && !rule.profile,
                level: rule.severity === 'off' ? 'note' : LEVEL[rule.severity],
              },
              properties: { family: rule.family, peers: rule.peers },
            })),
          },
        },
        // SARIF columns are 1-based; with UTF-16 code units, as stated here.
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((file) =>
          file.findings.map((f) => ({
            ruleId: f.rule,
            ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(file.path) },
                  region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                },
              },
            ],
            ...(f.fix
              ? {
                  fixes: [
                    {
                      description: { text: f.fix.title },
                      artifactChanges: [
                        {
                          artifactLocation: { uri: toUri(file.path) },
                          replacements: f.fix.edits.map((edit) => ({
                            deletedRegion: { startLine: edit.line, startColumn: edit.column, endLine: edit.endLine, endColumn: edit.endColumn },
                            insertedContent: { text: edit.text },
                          })),
                        },
                      ],
                    },
                  ],
                }
              : {}),
          })),
        ),
      },
    ],
  };
}

function toUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
