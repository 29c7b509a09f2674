// Copies the two WebAssembly files the parser needs from the installed packages into public/wasm/,
// so that the served files always match the installed versions (runs after every `npm install`/`npm ci`).
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'public', 'wasm');

const sources = [
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
];

mkdirSync(target, { recursive: true });
for (const [specifier, name] of sources) {
  let from;
  try {
    from = require.resolve(specifier);
  } catch {
    // Packages may not be installed yet (e.g. a partial install); say so instead of failing the install.
    console.warn(`copy-wasm: ${specifier} not found; run npm install`);
    continue;
  }
  if (!existsSync(from)) continue;
  copyFileSync(from, join(target, name));
}
