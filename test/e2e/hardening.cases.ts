/**
 * Placeholder: filled by the hardening work. Registered inside playground.test.ts so it shares the one build.
 */
import type { BrowserSuite } from './sharing.cases';

export function registerHardeningTests(_suite: BrowserSuite): void {}
