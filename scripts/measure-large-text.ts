/**
 * How long the engine takes on a large text, opened and streamed as the page's worker does it:
 * `npx tsx scripts/measure-large-text.ts [MiB] [folder]` concatenates the folder's test_*.py files
 * (CPython's test suite by default) up to that size. docs/robustness.md ("The page") records the figures
 * behind the playground's size limit (src/ui/size-limit.ts).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../src/engine';

const mebibytes = Number(process.argv[2] ?? 2);
const folder =
  process.argv[3] ?? execFileSync('python3', ['-c', 'import test, os; print(os.path.dirname(test.__file__))'], { encoding: 'utf8' }).trim();
const target = Math.round(mebibytes * 1024 * 1024);

let text = '';
for (const name of readdirSync(folder).filter((file) => file.startsWith('test_') && file.endsWith('.py')).sort()) {
  const file = join(folder, name);
  if (!statSync(file).isFile()) continue;
  text += readFileSync(file, 'utf8') + '\n';
  if (text.length >= target) break;
}
text = text.slice(0, target);

const engine = await createEngine();
const opened = performance.now();
const doc = engine.open(text);
const parsed = performance.now();
let findings = 0;
for await (const _finding of doc.stream()) findings++;
const analysed = performance.now();
console.log(
  JSON.stringify({
    characters: text.length,
    lines: text.split('\n').length,
    parseMs: Math.round(parsed - opened),
    analysisMs: Math.round(analysed - parsed),
    findings,
    residentMB: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
