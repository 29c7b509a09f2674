/**
 * The built page requires Trusted Types for script sinks (vite.config.ts): a plain string handed to
 * `innerHTML`, `eval` or a script URL sink throws instead of becoming markup or code. Starting a worker
 * (and registering the service worker) is such a sink, so this default policy converts script URLs,
 * and only those of the page's own origin. It converts nothing else: HTML and script strings still throw.
 * Monaco creates its own named policies for the markup it builds.
 */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): unknown;
}

export function sameOriginScriptUrl(input: string, base: string, origin: string): string {
  const url = new URL(input, base);
  if (url.origin !== origin) throw new TypeError(`testsniff starts scripts from its own origin only, not from ${url.origin}`);
  return url.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
if (factory && typeof document !== 'undefined') {
  factory.createPolicy('default', {
    createScriptURL: (input) => sameOriginScriptUrl(input, document.baseURI, window.location.origin),
  });
}
