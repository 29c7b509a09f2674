/** `--format json`: exactly one JSON document, the shape documented in design.md. */
import { TOOL_NAME, type FileReport } from './model';

export interface JsonReport {
  tool: string;
  version: string;
  files: FileReport[];
}

export function jsonReport(files: readonly FileReport[], version: string): JsonReport {
  return {
    tool: TOOL_NAME,
    version,
    files: files.map((file) => ({
      path: file.path,
      parseErrors: file.parseErrors,
      // Key order fixed, `fix` only where there is one: the contract other tools parse.
      findings: file.findings.map((f) => ({
        rule: f.rule,
        name: f.name,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        ...(f.fix ? { fix: f.fix } : {}),
      })),
    })),
  };
}
