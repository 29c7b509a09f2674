import { defineConfig, type Plugin } from 'vitest/config';
import { serviceWorker } from './scripts/service-worker-plugin.js';

/**
 * The built page may load code, styles, fonts and data from its own origin only, and never evaluates
 * strings as code. Monaco sets inline styles, hence 'unsafe-inline' for styles (styles only: no inline
 * script runs). Trusted Types make any assignment of a plain string to `innerHTML` and the like throw,
 * so that user text cannot become markup even by mistake (Monaco brings its own policies). Only the build
 * gets the policy: the dev server needs its own inline client and websocket. docs/robustness.md, "The
 * page", says what is enforced where.
 */
const PAGE_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
];

/** The page's policy, as the `<meta>` tag of the built index.html carries it. */
export const PAGE_POLICY = PAGE_DIRECTIVES.join('; ');

/**
 * The policy a host should send as a `Content-Security-Policy` header with every file (`vite preview`
 * does). Workers do not inherit the page's `<meta>` policy: a worker script gets the policy of its own
 * response, so without this header the workers run under none. The analysis worker compiles the parser's
 * WebAssembly, hence 'wasm-unsafe-eval' (it allows compiling WebAssembly, not evaluating strings).
 * The page is bound by both policies, so its own stays as strict as the `<meta>` tag.
 */
export const HEADER_POLICY = PAGE_DIRECTIVES.map((directive) =>
  directive.startsWith('script-src ') ? `${directive} 'wasm-unsafe-eval'` : directive,
).join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'testsniff-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy(), serviceWorker()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  preview: { host: '127.0.0.1', strictPort: false, headers: { 'Content-Security-Policy': HEADER_POLICY } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
