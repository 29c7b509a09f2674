/**
 * The review leaves the page in the CLI's formats: the Markdown review (security verdict first), the
 * JSON findings and SARIF 2.1.0, built by the engine's own report modules (plain TypeScript, no parser),
 * so `npm run check -- --format json|sarif|review` prints the same for the same file.
 */
import { jsonReport } from '../engine/report/json';
import type { FileReport } from '../engine/report/model';
import { NO_SECURITY_DEFECTS, reviewReport } from '../engine/report/review';
import { sarifReport } from '../engine/report/sarif';
import type { Finding, RuleMeta } from '../engine/types';

/** The name the editor's model has; exports name the file the same way. */
export const PLAYGROUND_FILE = 'test_playground.py';

const SECURITY_OFF = 'Security checks were turned off for this review, so it gives no security verdict.';

export interface ReviewInput {
  findings: readonly Finding[];
  parseErrorCount: number;
  rules: readonly RuleMeta[];
  version: string;
  /** False when every security rule is switched off: "no defects detected" would then be untrue. */
  securityChecked: boolean;
}

function fileReport(input: ReviewInput): FileReport[] {
  return [{ path: PLAYGROUND_FILE, parseErrors: input.parseErrorCount, findings: [...input.findings] }];
}

export function reviewMarkdown(input: ReviewInput): string {
  const review = reviewReport(fileReport(input), input.rules);
  return input.securityChecked ? review : review.replace(NO_SECURITY_DEFECTS, SECURITY_OFF);
}

export function findingsJson(input: ReviewInput): string {
  return JSON.stringify(jsonReport(fileReport(input), input.version)) + '\n';
}

export function findingsSarif(input: ReviewInput): string {
  return JSON.stringify(sarifReport(fileReport(input), input.rules, input.version), null, 2) + '\n';
}

/** Offers text as a file download; nothing leaves the browser. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; the URL is only needed for that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
