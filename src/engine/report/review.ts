/**
 * `--format review`: the Markdown review a senior reviewer would write. The security verdict comes
 * first, always, also when there is nothing to report; then numbered observations with their lines,
 * why each matters and how to fix it.
 */
import type { Finding, RuleMeta } from '../types';
import { isSecurityDefect, isSecurityFinding, NO_SECURITY_DEFECTS, securityVerdict, type FileReport } from './model';

export { NO_SECURITY_DEFECTS };


/** Markdown-inert text: user code and messages must never become markup or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`);
}

/** Code spans that survive any backticks inside the code. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** Messages quote code in backticks; keep those spans, escape everything else. */
function messageMarkdown(message: string): string {
  return message
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length >= 2 ? codeSpan(part.slice(1, -1)) : escapeMarkdown(part)))
    .join('');
}

function location(file: FileReport, finding: Finding, multipleFiles: boolean): string {
  const lines = finding.endLine > finding.line ? `lines ${finding.line}-${finding.endLine}` : `line ${finding.line}`;
  return multipleFiles ? `${escapeMarkdown(file.path)}, ${lines}` : lines;
}

export function reviewReport(files: readonly FileReport[], rules: readonly RuleMeta[]): string {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const multipleFiles = files.length > 1;
  const all = files.flatMap((file) => file.findings.map((finding) => ({ file, finding })));
  const defects = all.filter(({ finding }) => isSecurityDefect(finding));
  const securityNotes = all.filter(({ finding }) => isSecurityFinding(finding) && !isSecurityDefect(finding));
  const others = all.filter(({ finding }) => !isSecurityFinding(finding));
  const out: string[] = ['# Test review', ''];

  out.push('## Security', '', securityVerdict(all.map(({ finding }) => finding)));
  const numbered = [...defects, ...securityNotes, ...others];
  let index = 0;
  const observation = ({ file, finding }: (typeof all)[number]): void => {
    index++;
    const rule = byId.get(finding.rule);
    out.push(
      '',
      `${index}. **${finding.rule} ${rule ? escapeMarkdown(rule.name) : ''}** (${finding.severity}, ${location(file, finding, multipleFiles)}): ${messageMarkdown(finding.message)}`,
    );
    if (rule) {
      out.push(`   - Why: ${messageMarkdown(rule.why)}`);
      out.push(`   - Fix: ${messageMarkdown(rule.fix)}`);
    }
    if (finding.fix) out.push(`   - Quick fix${finding.fix.unsafe ? ' (unsafe: review the change)' : ''}: ${messageMarkdown(finding.fix.title)}`);
  };
  defects.forEach(observation);
  if (securityNotes.length > 0) {
    out.push('', `Security hygiene notes (not defects):`);
    securityNotes.forEach(observation);
  }

  out.push('', '## Observations');
  if (others.length === 0) out.push('', 'No other findings.');
  others.forEach(observation);

  const broken = files.filter((file) => file.parseErrors > 0);
  if (broken.length > 0) {
    out.push('', '## Syntax errors', '');
    for (const file of broken) {
      out.push(`- ${escapeMarkdown(file.path)}: ${file.parseErrors} syntax error${file.parseErrors === 1 ? '' : 's'}; the intact parts were reviewed.`);
    }
  }
  if (numbered.length === 0) out.push('');
  return out.join('\n') + '\n';
}
