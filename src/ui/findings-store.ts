/**
 * The findings the page shows. While a run streams, its findings so far are shown together with the
 * previous complete run's findings below the part already analysed, so that markers further down do
 * not blink out and back on every keystroke in a large file.
 */
import type { Finding } from '../engine/types';
import { compareFindings } from '../engine/finding-order';

interface StreamingRun {
  run: number;
  version: number;
  findings: Finding[];
  doneLine: number;
}

export class FindingsStore {
  private settled: readonly Finding[] = [];
  private settledVersion = -1;
  private streaming: StreamingRun | null = null;
  private cache: readonly Finding[] | null = null;

  begin(run: number, version: number): void {
    this.streaming = { run, version, findings: [], doneLine: 0 };
    this.cache = null;
  }

  /** Shows nothing, and no text version is complete (the text was too large to analyse). */
  clear(): void {
    this.settled = [];
    this.settledVersion = -1;
    this.streaming = null;
    this.cache = null;
  }

  /** Findings of runs other than the one streaming are stale (superseded) and dropped. */
  add(run: number, findings: readonly Finding[], doneLine: number): void {
    if (this.streaming?.run !== run) return;
    this.streaming.findings.push(...findings);
    this.streaming.doneLine = doneLine;
    this.cache = null;
  }

  finish(run: number): void {
    if (this.streaming?.run !== run) return;
    this.settled = this.streaming.findings.slice().sort(compareFindings);
    this.settledVersion = this.streaming.version;
    this.streaming = null;
    this.cache = null;
  }

  /** What markers and the list show now. */
  visible(): readonly Finding[] {
    if (!this.cache) {
      const streaming = this.streaming;
      this.cache = streaming
        ? [...streaming.findings, ...this.settled.filter((finding) => finding.line > streaming.doneLine)].sort(compareFindings)
        : this.settled;
    }
    return this.cache;
  }

  /**
   * The complete findings of exactly this text version, or null. Fixes carry positions: applied to any
   * other version of the text they would edit the wrong characters.
   */
  exactFor(version: number): readonly Finding[] | null {
    return this.streaming === null && this.settledVersion === version ? this.settled : null;
  }
}
