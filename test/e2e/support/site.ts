/**
 * Builds the site once (into a temporary folder, so a developer's own dist/ is left alone) and serves it
 * with `vite preview` on 127.0.0.1, on a free port the system picks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview, type PreviewServer } from 'vite';

const root = resolve(import.meta.dirname, '../../..');

export interface ServedSite {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<ServedSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'testsniff-e2e-'));
  const shared = { root, configFile: join(root, 'vite.config.ts'), logLevel: 'error' as const, build: { outDir, emptyOutDir: true } };
  await build(shared);
  const server: PreviewServer = await preview({ ...shared, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return {
    url,
    outDir,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Raw and gzip sizes of the built JavaScript (page and workers). */
export function javascriptSize(outDir: string): { files: number; raw: number; gzip: number } {
  const assets = join(outDir, 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const name of scripts) {
    const bytes = readFileSync(join(assets, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: scripts.length, raw, gzip };
}
