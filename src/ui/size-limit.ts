/**
 * How much text the playground analyses. Above the limit the text is not sent to the worker at all: it
 * stays in the editor as it is (nothing is cut or changed), the findings are cleared and a notice says
 * why and what to do. The number comes from measurement (docs/robustness.md, "The page"): about twice
 * the 30,000 lines of real test code the benchmark types into, it is analysed within the worker's time
 * budget, while far larger texts are not (a 10 MB parse alone runs for several seconds in one step that
 * cannot be interrupted). The largest test file in CPython's suite has about 300,000 characters.
 */
export const MAX_ANALYSED_CHARS = 2_000_000;

const number = new Intl.NumberFormat('en');

/** "10,485,760 characters (10.5 MB)": the size as the user can compare it with the limit. */
export function sizeText(chars: number): string {
  const megabytes = chars / 1_000_000;
  const size = megabytes >= 0.1 ? ` (${megabytes.toFixed(1)} MB)` : '';
  return `${number.format(chars)} characters${size}`;
}

export interface TooLargeReport {
  message: string;
  advice: string;
}

export function tooLargeReport(chars: number, limit = MAX_ANALYSED_CHARS): TooLargeReport {
  return {
    message: `This code is too large to analyse in the browser: ${sizeText(chars)}; testsniff analyses up to ${number.format(limit)} characters (about 55,000 lines of test code).`,
    advice:
      'Your code stays in the editor, unchanged. Split it into smaller files, or run the command line over it ' +
      '(npm run check -- FILE). The findings come back as soon as the code is within the limit.',
  };
}

/** What the review panel says instead of a verdict while the text is too large. */
export const NOT_ANALYSED = 'Not analysed: the code is too large';
