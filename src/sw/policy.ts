/**
 * The service worker's decisions, as plain functions (no service worker API here, so Node tests can
 * check them): which cache belongs to this build, which caches are left over from earlier deployments,
 * and how each request is answered.
 */

/** What one build precaches: its files (relative to the service worker's folder) and its version. */
export interface Precache {
  /** A hash of every precached file's content: any change to any file makes a new version. */
  version: string;
  files: readonly string[];
}

/** Caches of other sites on the same origin do not start with this and are never touched. */
export const CACHE_PREFIX = 'testsniff-';

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Our caches of other builds: deleted once this build's worker takes over. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

export interface RequestInfo {
  url: string;
  method: string;
  /** `Request.mode`: 'navigate' for the page itself. */
  mode: string;
}

/**
 * `cache`: answer with this build's copy of `file` (a navigation to the page gets `index.html`);
 * `network`: leave the request alone, as if there were no service worker. Only this build's own files
 * are ever answered from (or put into) the cache: nothing from another origin, no other path, no
 * method but GET.
 */
export type Route = { kind: 'cache'; file: string } | { kind: 'network' };

const NETWORK: Route = { kind: 'network' };

export function routeRequest(request: RequestInfo, scope: string, files: ReadonlySet<string>): Route {
  if (request.method !== 'GET') return NETWORK;
  let url: URL;
  let base: URL;
  try {
    url = new URL(request.url);
    base = new URL(scope);
  } catch {
    return NETWORK;
  }
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) return NETWORK;
  let file: string;
  try {
    file = decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    return NETWORK;
  }
  if (request.mode === 'navigate') {
    // The page's state lives in the fragment (never sent) and its options in the query: every address
    // of the page is the same index.html.
    return file === '' || file === 'index.html' ? { kind: 'cache', file: 'index.html' } : NETWORK;
  }
  // Built file names carry their content hash: a query string cannot ask for another content.
  return files.has(file) ? { kind: 'cache', file } : NETWORK;
}
