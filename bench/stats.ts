/** Medians with min and max over repeated runs; ratios are always taken within one run. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stat(samples: readonly number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

export function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

export function fmt(value: Stat): string {
  return `${value.median.toFixed(1)} (${value.min.toFixed(1)}-${value.max.toFixed(1)})`;
}
