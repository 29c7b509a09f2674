export type { FileReport } from './model';
export { isSecurityDefect, isSecurityFinding, securityVerdict } from './model';
export { jsonReport, type JsonReport } from './json';
export { textReport } from './text';
export { reviewReport, NO_SECURITY_DEFECTS } from './review';
export { sarifReport } from './sarif';
