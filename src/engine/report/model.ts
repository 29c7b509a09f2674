/** What every output format receives: one entry per analysed file. */
import type { Finding } from '../types';

export interface FileReport {
  path: string;
  /** Number of syntax errors in the file; findings still cover its intact parts. */
  parseErrors: number;
  findings: Finding[];
}

export const TOOL_NAME = 'testsniff';

export function isSecurityFinding(finding: Finding): boolean {
  return finding.rule.startsWith('SEC');
}

/**
 * A security defect is a SEC finding at warning or error level. SEC info findings (a missing timeout, a
 * `/tmp` string handed to a mock, a fixed shell command) are hygiene notes: listed, but they do not turn
 * the verdict, which would otherwise cry wolf.
 */
export function isSecurityDefect(finding: Finding): boolean {
  return isSecurityFinding(finding) && finding.severity !== 'info';
}

export const NO_SECURITY_DEFECTS = 'No security defects are detected in the code.';

/** The verdict sentence every review opens with. */
export function securityVerdict(findings: readonly Finding[]): string {
  const defects = findings.filter(isSecurityDefect).length;
  if (defects === 0) return NO_SECURITY_DEFECTS;
  return `${defects} security defect${defects === 1 ? ' is' : 's are'} detected in the code:`;
}
