/**
 * The offline service worker's decisions (src/sw/policy.ts) and the build step that lists its files
 * (scripts/service-worker-plugin.ts). The worker itself runs in Chromium: test/e2e/hardening.cases.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtFiles, precacheOf } from '../../scripts/service-worker-plugin';
import { cacheName, routeRequest, staleCaches } from '../../src/sw/policy';

const SCOPE = 'https://example.test/testsniff/';
const FILES = new Set(['index.html', 'assets/index-abc.js', 'wasm/tree-sitter-python.wasm']);
const get = (url: string, mode = 'no-cors') => routeRequest({ url, method: 'GET', mode }, SCOPE, FILES);

describe('which requests the service worker answers', () => {
  it('answers the build files from the cache', () => {
    expect(get(`${SCOPE}assets/index-abc.js`)).toEqual({ kind: 'cache', file: 'assets/index-abc.js' });
    expect(get(`${SCOPE}wasm/tree-sitter-python.wasm`, 'cors')).toEqual({ kind: 'cache', file: 'wasm/tree-sitter-python.wasm' });
  });

  it('answers every address of the page with index.html: query and fragment carry options and state', () => {
    for (const url of [SCOPE, `${SCOPE}index.html`, `${SCOPE}?embed=1`, `${SCOPE}#v1.abc`]) {
      expect(get(url, 'navigate')).toEqual({ kind: 'cache', file: 'index.html' });
    }
  });

  it('never answers (nor caches) another origin, another path, another method or an unknown file', () => {
    expect(get('https://cdn.example.net/testsniff/assets/index-abc.js')).toEqual({ kind: 'network' });
    expect(get('http://example.test/testsniff/assets/index-abc.js')).toEqual({ kind: 'network' });
    expect(get('https://example.test/other/assets/index-abc.js')).toEqual({ kind: 'network' });
    expect(get(`${SCOPE}assets/index-old.js`)).toEqual({ kind: 'network' });
    expect(get(`${SCOPE}docs/`, 'navigate')).toEqual({ kind: 'network' });
    expect(routeRequest({ url: `${SCOPE}assets/index-abc.js`, method: 'POST', mode: 'cors' }, SCOPE, FILES)).toEqual({ kind: 'network' });
    expect(get('not a url')).toEqual({ kind: 'network' });
    expect(get(`${SCOPE}%E0%A4%A`)).toEqual({ kind: 'network' });
  });
});

describe('caches of other deployments', () => {
  it('deletes our other versions and leaves other sites’ caches on the same origin alone', () => {
    const current = cacheName('new');
    expect(staleCaches([cacheName('old'), current, 'other-app-v1', cacheName('older')], current)).toEqual([cacheName('old'), cacheName('older')]);
    expect(staleCaches([current], current)).toEqual([]);
  });
});

describe('the precache list of a build', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function site(): string {
    dir = mkdtempSync(join(tmpdir(), 'testsniff-sw-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, 'wasm'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc.js.map'), '{}');
    writeFileSync(join(dir, 'wasm', 'tree-sitter-python.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(dir, 'sw.js'), '// the previous service worker');
    return dir;
  }

  it('lists every built file but the service worker itself and source maps', () => {
    expect(builtFiles(site())).toEqual(['assets/index-abc.js', 'index.html', 'wasm/tree-sitter-python.wasm']);
  });

  it('gets a new version when any file changes, and keeps it when nothing does', () => {
    const out = site();
    const first = precacheOf(out);
    expect(precacheOf(out)).toEqual(first);
    writeFileSync(join(out, 'wasm', 'tree-sitter-python.wasm'), new Uint8Array([0, 97, 115, 109, 1]));
    const second = precacheOf(out);
    expect(second.version).not.toBe(first.version);
    expect(second.files).toEqual(first.files);
    writeFileSync(join(out, 'sw.js'), '// the service worker does not count');
    expect(precacheOf(out).version).toBe(second.version);
  });
});
