/**
 * The status line. `data-status` is the machine-readable state ("loading", "analyzing", "ready",
 * "stopped", "error"): "ready" means the findings describe the current text completely.
 */
import type { ParseError } from '../worker/protocol';
import { plural } from './dom';

export type StatusState = 'loading' | 'analyzing' | 'ready' | 'stopped' | 'error';

export interface StatusElements {
  root: HTMLElement;
  state: HTMLElement;
  timing: HTMLElement;
  count: HTMLElement;
  syntax: HTMLElement;
  progress: HTMLProgressElement;
}

export interface StatusLine {
  set(state: StatusState, label?: string): void;
  progress(share: number): void;
  finished(result: { parseMs: number; analysisMs: number; findings: number; parseErrors: readonly ParseError[]; parseErrorCount: number }): void;
}

const LABELS: Record<StatusState, string> = {
  loading: 'Loading the Python parser…',
  analyzing: 'Analysing…',
  ready: 'Ready',
  stopped: 'Stopped',
  error: 'Analysis unavailable',
};

function ms(value: number): string {
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

export function createStatusLine(elements: StatusElements): StatusLine {
  const { root, state, timing, count, syntax, progress } = elements;
  return {
    set(next, label) {
      root.dataset.status = next;
      state.textContent = label ?? LABELS[next];
      if (next !== 'analyzing') progress.hidden = true;
    },
    progress(share) {
      // Only large files take long enough for a bar to mean anything; small ones would just flicker.
      if (share >= 1) {
        progress.hidden = true;
        return;
      }
      progress.value = share;
      progress.hidden = false;
    },
    finished(result) {
      timing.textContent = `parse ${ms(result.parseMs)} ms · analysis ${ms(result.analysisMs)} ms`;
      count.textContent = plural(result.findings, 'finding');
      const first = result.parseErrors[0];
      syntax.textContent = first
        ? `${plural(result.parseErrorCount, 'syntax error')} (first on line ${first.line})`
        : '';
      syntax.hidden = !first;
    },
  };
}
