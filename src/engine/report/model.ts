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
