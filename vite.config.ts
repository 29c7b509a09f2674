import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import type { Rollup } from 'vite';
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

/**
 * A short cold load to the first findings: the analysis worker starts from a small script of
 * its own (src/ui/worker-start.ts) and the entry runs as soon as it arrives (both `async`); the editor's
 * chunk (Monaco, most of the page's code), which the entry imports dynamically, would be discovered only
 * once the entry has run: preload links start its download (and off-thread compilation) while the HTML
 * is still being parsed.
 */
function fastStart(): Plugin {
  return {
    name: 'testsniff-fast-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
        const workerStart = chunks.find((chunk) => chunk.isEntry && chunk.facadeModuleId?.endsWith('/src/ui/worker-start.ts'));
        if (!workerStart) throw new Error('the build has no worker-start entry');
        const workbench = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/ui/workbench.ts'));
        if (!workbench) throw new Error('the build has no workbench chunk to preload');
        const python = chunks.filter((chunk) => chunk.facadeModuleId?.includes('/monaco-editor/esm/vs/languages/definitions/python/'));
        const css = [...(workbench.viteMetadata?.importedCss ?? [])];
        // The entry runs as soon as it arrives rather than after the whole page is parsed (src/ui/main.ts waits for the DOM).
        const entry = /<script type="module" crossorigin src="(\.\/assets\/index-[\w-]+\.js)"><\/script>/;
        if (!entry.test(html)) throw new Error('the entry script tag was not found');
        // `crossorigin` as on Vite's own tags: a preload is used only by a request of the same mode.
        const tags = [
          // Runs as soon as it arrives, before the page's main script: see src/ui/worker-start.ts.
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `./${workerStart.fileName}` }, injectTo: 'head' as const },
          ...[workbench, ...python].map((chunk) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
            injectTo: 'head' as const,
          })),
          ...css.map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
        return { html: html.replace(entry, '<script type="module" async crossorigin src="$1"></script>'), tags };
      },
    },
  };
}

/** Files worth compressing (.wasm too: the grammar shrinks to a quarter). */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.wasm', '.ttf']);
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
};

/**
 * Brotli copies of the built files (`<file>.br`, written once at build time), and a preview server that
 * sends them to browsers that accept Brotli. `vite preview` otherwise gzips every response again on each
 * request, on the same processor the page needs to start: several megabytes per cold load. Static hosts
 * serve such copies the same way (nginx `brotli_static`, and most CDNs). The copies are a transport
 * encoding of files already listed, so the service worker does not precache them.
 */
function precompressed(): Plugin {
  let outDir = 'dist';
  let headers: Record<string, string | number | readonly string[]> = {};
  return {
    name: 'testsniff-precompressed',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      headers = (config.preview.headers ?? {}) as typeof headers;
    },
    // After every file, sw.js included, is written.
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        if (!existsSync(outDir)) return;
        const walk = (dir: string): string[] =>
          readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
            entry.isDirectory() ? walk(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
          );
        for (const file of walk(outDir)) {
          if (!COMPRESSIBLE.has(extname(file))) continue;
          const bytes = readFileSync(file);
          if (bytes.length < 1024) continue;
          const params = { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length };
          writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params }));
        }
      },
    },
    configurePreviewServer(server) {
      const root = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((request, response, next) => {
        if ((request.method !== 'GET' && request.method !== 'HEAD') || !/\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))) return next();
        let path: string;
        try {
          path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        } catch {
          return next();
        }
        const file = join(root, path);
        const type = CONTENT_TYPES[extname(file)];
        if (!type || !file.startsWith(root + sep)) return next();
        const compressed = `${file}.br`;
        if (!existsSync(compressed) || !existsSync(file)) return next();
        const stats = statSync(compressed);
        // A file changed after the build (a test's "next deployment") is served as it is now.
        if (stats.mtimeMs < statSync(file).mtimeMs) return next();
        const etag = `W/"br-${stats.size}-${stats.mtimeMs}"`;
        for (const [name, value] of Object.entries(headers)) response.setHeader(name, value as string);
        response.setHeader('Vary', 'Accept-Encoding');
        response.setHeader('Cache-Control', 'no-cache');
        response.setHeader('ETag', etag);
        if (request.headers['if-none-match'] === etag) {
          response.statusCode = 304;
          return response.end();
        }
        response.setHeader('Content-Type', type);
        response.setHeader('Content-Encoding', 'br');
        response.setHeader('Content-Length', stats.size);
        if (request.method === 'HEAD') return response.end();
        createReadStream(compressed).pipe(response);
      });
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy(), fastStart(), serviceWorker(), precompressed()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { index: 'index.html', 'worker-start': 'src/ui/worker-start.ts' } },
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
