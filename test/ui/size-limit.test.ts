import { describe, expect, it } from 'vitest';
import { MAX_ANALYSED_CHARS, sizeText, tooLargeReport } from '../../src/ui/size-limit';

describe('the size limit message', () => {
  it('states the size, the limit and that the code is kept, with what to do', () => {
    const report = tooLargeReport(10 * 1024 * 1024);
    expect(report.message).toBe(
      `This code is too large to analyse in the browser: 10,485,760 characters (10.5 MB); testsniff analyses up to ${new Intl.NumberFormat('en').format(MAX_ANALYSED_CHARS)} characters (about 55,000 lines of test code).`,
    );
    expect(report.advice).toMatch(/stays in the editor, unchanged.*npm run check/);
  });

  it('gives small sizes in characters only', () => {
    expect(sizeText(999)).toBe('999 characters');
    expect(sizeText(2_500_000)).toBe('2,500,000 characters (2.5 MB)');
  });

  it('is above the largest real test files and the 30,000-line benchmark file (about 1.1 MB)', () => {
    expect(MAX_ANALYSED_CHARS).toBeGreaterThanOrEqual(1_500_000);
  });
});
