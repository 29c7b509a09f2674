/**
 * Placeholder: filled by the explain work. Registered inside playground.test.ts so it shares the one build.
 */
import type { BrowserSuite } from './sharing.cases';

export function registerExplainTests(_suite: BrowserSuite): void {}
