/** `--format text`: `path:line:col: ID message`, one line per finding, as ruff and flake8 print them. */
import type { FileReport } from './model';

export function textReport(files: readonly FileReport[]): string {
  const lines: string[] = [];
  let total = 0;
  for (const file of files) {
    if (file.parseErrors > 0) {
      lines.push(`${file.path}: ${file.parseErrors} syntax error${file.parseErrors === 1 ? '' : 's'} (the rest of the file was analysed)`);
    }
    for (const f of file.findings) {
      lines.push(`${file.path}:${f.line}:${f.column}: ${f.rule} ${f.message}${f.fix ? (f.fix.unsafe ? ' [unsafe fix]' : ' [fix]') : ''}`);
      total++;
    }
  }
  lines.push(total === 0 ? 'No findings.' : `Found ${total} finding${total === 1 ? '' : 's'} in ${files.filter((f) => f.findings.length > 0).length} of ${files.length} file${files.length === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
