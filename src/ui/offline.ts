/**
 * Registers the offline service worker (built sites only: the dev server serves modules that change
 * on every save) and tells the user when a new version is ready. The page never switches itself to new
 * files while it runs: the new version waits until the user clicks "Reload now" (or closes every
 * testsniff tab); the notice comes back on every load until then, so nobody stays on an old version
 * without knowing. Failing to register only costs the offline mode: the page works the same.
 */
import type { ProblemBanner } from './errors';

/** True in built sites (scripts/service-worker-plugin.ts emits sw.js there), false under the dev server. */
declare const __TESTSNIFF_SERVICE_WORKER__: boolean;

/** Open pages look for a new deployment this often (browsers also look on every visit). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * `firstResult` settles once the page shows its first findings (or gave up on them): precaching fetches
 * and compiles every file of the site, which must not compete with the first load for the network, the
 * server or the processor.
 */
export function setupOffline(problems: ProblemBanner, firstResult: Promise<unknown>): void {
  if (!__TESTSNIFF_SERVICE_WORKER__ || !('serviceWorker' in navigator)) return;
  const start = () => void register(problems).catch(() => undefined);
  const loaded = new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  });
  // After the frame that shows the findings.
  void Promise.allSettled([loaded, firstResult]).then(() => requestAnimationFrame(() => setTimeout(start)));
}

async function register(problems: ProblemBanner): Promise<void> {
  const container = navigator.serviceWorker;
  /** Set once the user asked for the new version: its taking over then reloads this page. */
  let reloadWanted = false;
  const updating = () =>
    problems.show({
      key: 'update',
      level: 'notice',
      message: 'testsniff was updated in another tab.',
      advice: 'Reload this page to use the new version. Your code is saved in this browser and comes back after the reload.',
      actions: [{ label: 'Reload now', run: () => window.location.reload() }],
    });
  const offer = (waiting: ServiceWorker) =>
    problems.show({
      key: 'update',
      level: 'notice',
      message: 'A new version of testsniff is ready.',
      advice: 'Reload to use it. Your code is saved in this browser and comes back after the reload; until then this page keeps working as it is.',
      actions: [
        {
          label: 'Reload now',
          run: () => {
            reloadWanted = true;
            waiting.postMessage({ type: 'skip-waiting' });
          },
        },
      ],
    });

  // Without a controller yet this is the first visit: the worker taking over changes nothing here.
  const hadController = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (reloadWanted) window.location.reload();
    else if (hadController) updating();
  });

  const registration = await container.register(new URL('sw.js', document.baseURI), { scope: './' });
  if (registration.waiting && container.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      // "installed" while a controller runs this page: the new version is waiting for its turn.
      if (installing.state === 'installed' && container.controller) offer(installing);
    });
  });
  setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
}
