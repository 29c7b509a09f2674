/**
 * The service worker that keeps the playground working offline. It precaches every file of its own
 * build (the list and the version are compiled in by scripts/service-worker-plugin.ts), answers this
 * build's files from that cache first, and leaves every other request alone (other origins above all:
 * nothing from elsewhere is ever fetched or stored by it).
 *
 * A new deployment ships a different sw.js (the version is a hash of all files), so the browser
 * installs it next to the running one. It waits until the page asks it to take over (the user clicked
 * "Reload now" on the page's notice) or until no page of the old version is open; then it deletes the
 * old build's cache and takes over the open pages. Old pages are never switched to new files under
 * their feet, and nobody stays on an old version without being told.
 */
import { cacheName, routeRequest, staleCaches, type Precache } from './policy';

/** Replaced at build time with this build's file list and version. */
declare const __TESTSNIFF_PRECACHE__: Precache;

// The DOM library types have no service worker scope; these are the few parts used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const PRECACHE = __TESTSNIFF_PRECACHE__;
const CACHE = cacheName(PRECACHE.version);
const FILES = new Set(PRECACHE.files);

const scope = () => worker.registration.scope;
const fileUrl = (file: string) => new URL(file, scope()).href;

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  try {
    // 'no-cache' revalidates with the server: the HTTP cache may still hold the previous deployment's
    // copy of a file whose name does not change (index.html, the .wasm files).
    await cache.addAll([...FILES].map((file) => new Request(fileUrl(file), { cache: 'no-cache' })));
  } catch (error) {
    // A half-filled cache must not linger; the install fails and the running version stays.
    await caches.delete(CACHE);
    throw error;
  }
}

async function activate(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(staleCaches(names, CACHE).map((name) => caches.delete(name)));
  await worker.clients.claim();
}

async function fromCache(file: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(fileUrl(file));
  if (cached) return cached;
  // Evicted by the browser: this build's file again from the server, and kept.
  const response = await fetch(request.mode === 'navigate' ? fileUrl(file) : request);
  if (response.ok && response.type === 'basic') await cache.put(fileUrl(file), response.clone());
  return response;
}

worker.addEventListener('install', (event) => event.waitUntil(precache()));
worker.addEventListener('activate', (event) => event.waitUntil(activate()));
worker.addEventListener('fetch', (event) => {
  const route = routeRequest(event.request, scope(), FILES);
  if (route.kind === 'cache') event.respondWith(fromCache(route.file, event.request));
});
worker.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'skip-waiting') void worker.skipWaiting();
});
