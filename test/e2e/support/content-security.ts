/**
 * Counting Content-Security-Policy (and Trusted Types) violations in a browser context: the pages'
 * `securitypolicyviolation` events (listening from before any script of the page runs), the console
 * messages Chromium writes for them, and, for workers (which the page's listener does not hear), the
 * reports a buffered ReportingObserver hands out inside each worker.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';

declare global {
  interface Window {
    testsniffViolations?: string[];
  }
}

const CONSOLE_PATTERN = /Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript/i;

export interface ViolationWatch {
  /** Everything seen so far in these pages, their workers and the context's service workers. */
  collect(pages: readonly Page[]): Promise<string[]>;
}

export async function watchViolations(context: BrowserContext): Promise<ViolationWatch> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    window.testsniffViolations = seen;
    window.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} ${event.sample}`),
    );
  });
  const consoleMessages: string[] = [];
  context.on('console', (message) => {
    if (CONSOLE_PATTERN.test(message.text())) consoleMessages.push(`console: ${message.text()}`);
  });
  return {
    async collect(pages) {
      const found = [...consoleMessages];
      for (const page of pages) {
        if (page.isClosed()) continue;
        found.push(...(await page.evaluate(() => window.testsniffViolations ?? ['the violation listener was not installed'])));
        for (const worker of page.workers()) found.push(...(await workerReports(worker)));
      }
      for (const worker of context.serviceWorkers()) found.push(...(await workerReports(worker)));
      return found;
    },
  };
}

/** CSP violation reports a worker has queued since it started (the buffer also holds the earlier ones). */
export function workerReports(worker: Worker): Promise<string[]> {
  return worker
    .evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const found: string[] = [];
          const observer = new ReportingObserver(
            (reports) => {
              for (const report of reports) {
                if (report.type !== 'csp-violation') continue;
                const body = report.body as unknown as { effectiveDirective?: string; blockedURL?: string; sourceFile?: string };
                found.push(`${body.effectiveDirective} blocked ${body.blockedURL || 'inline'} in ${self.location.href}`);
              }
            },
            { buffered: true },
          );
          observer.observe();
          setTimeout(() => {
            observer.disconnect();
            resolve(found);
          }, 200);
        }),
    )
    .catch(() => []); // a worker that ended meanwhile has nothing more to tell
}
