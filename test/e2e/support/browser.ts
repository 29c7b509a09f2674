/**
 * Debian's Chromium driven by playwright-core (no browser is ever downloaded). Every page is watched for
 * console errors and for requests that leave the site's origin.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export type ChromiumAvailability = 'available' | 'skip' | 'required-but-missing';

export function chromiumAvailability(): ChromiumAvailability {
  if (existsSync(CHROMIUM_PATH)) return 'available';
  return process.env.CI === 'true' ? 'required-but-missing' : 'skip';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  /** Requests to any origin other than the site's (they are also blocked). */
  foreignRequests: string[];
}

export interface OpenOptions {
  path?: string;
  /** Runs before navigation, e.g. to make a request fail (routes added later take precedence). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}

export async function openWatchedPage(browser: Browser, siteUrl: string, options: OpenOptions = {}): Promise<WatchedPage> {
  const origin = new URL(siteUrl).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const watched: WatchedPage = { context, page: await context.newPage(), errors: [], foreignRequests: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const local = url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin;
    if (local) return route.continue();
    watched.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  watched.page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(`console: ${message.text()}`);
  });
  watched.page.on('pageerror', (error) => watched.errors.push(`page error: ${error.message}`));
  await options.prepare?.(context);
  await watched.page.goto(new URL(options.path ?? '', siteUrl).href);
  return watched;
}
