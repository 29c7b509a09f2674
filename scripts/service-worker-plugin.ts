/**
 * Emits `sw.js`, the offline service worker (src/sw/service-worker.ts), next to the built index.html.
 * Its precache list is every file the build wrote (the page, the chunks, both workers, the fonts and
 * the .wasm files from public/) and its version is a hash of their contents, so a build that changes
 * any file ships a different sw.js, which is what makes browsers install the new version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, type Plugin } from 'vite';
import type { Precache } from '../src/sw/policy';

export const SERVICE_WORKER_FILE = 'sw.js';
const SOURCE = 'src/sw/service-worker.ts';

/** Every file below `outDir`, as URL paths relative to it, sorted; sw.js itself, source maps and Brotli copies excluded. */
export function builtFiles(outDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(outDir, path).split(sep).join('/'));
    }
  };
  walk(outDir);
  // `.br` copies are a transport encoding of files already listed (vite.config.ts, precompressed()).
  return files.filter((file) => file !== SERVICE_WORKER_FILE && !file.endsWith('.map') && !file.endsWith('.br')).sort();
}

export function precacheOf(outDir: string): Precache {
  const files = builtFiles(outDir);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(outDir, file))).update('\0');
  return { version: hash.digest('hex').slice(0, 16), files };
}

/** Compiles the service worker for the files now in `outDir` and writes it there; returns what it precaches. */
export async function writeServiceWorker(root: string, outDir: string): Promise<Precache> {
  const precache = precacheOf(outDir);
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    publicDir: false,
    define: { __TESTSNIFF_PRECACHE__: JSON.stringify(precache) },
    build: {
      write: false,
      emptyOutDir: false,
      copyPublicDir: false,
      minify: false,
      target: 'es2022',
      // A classic script (one file, no imports): every browser with service workers can run it.
      lib: { entry: join(root, SOURCE), formats: ['iife'], name: 'testsniffServiceWorker', fileName: () => SERVICE_WORKER_FILE },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunk = results
    .flatMap((result) => ('output' in result ? result.output : []))
    .find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`building ${SOURCE} produced no script`);
  writeFileSync(join(outDir, SERVICE_WORKER_FILE), chunk.code);
  return precache;
}

/**
 * The plugin. It also defines `__TESTSNIFF_SERVICE_WORKER__` for the page: true in builds (which emit
 * sw.js), false under the dev server (which has none). `import.meta.env.PROD` cannot tell: it follows
 * NODE_ENV, which test runners set to "test" for the builds they make.
 */
export function serviceWorker(): Plugin {
  let root = process.cwd();
  return {
    name: 'testsniff-service-worker',
    config: (_config, { command }) => ({ define: { __TESTSNIFF_SERVICE_WORKER__: JSON.stringify(command === 'build') } }),
    configResolved(config) {
      root = config.root;
    },
    // After every file is written (public/ is copied before the bundle is rendered).
    writeBundle: {
      sequential: true,
      order: 'post',
      async handler(options) {
        if (!options.dir) throw new Error('the service worker needs the build to write into a folder');
        await writeServiceWorker(root, options.dir);
      },
    },
  };
}
