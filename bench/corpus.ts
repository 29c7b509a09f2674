/** The benchmark corpus: CPython's own test suite, present on every machine of this kind. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function cpythonTestDir(): string {
  return execFileSync('python3', ['-c', 'import test, os; print(os.path.dirname(test.__file__))'], { encoding: 'utf8' }).trim();
}

export function pythonFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.py')) files.push(full);
    }
  }
  return files.sort();
}

export function largestFile(files: readonly string[]): string {
  return [...files].sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}
