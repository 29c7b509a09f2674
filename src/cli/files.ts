/** Finds the Python files to check: files as given, folders walked (iteratively) for `*.py`. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.tox', '.venv', 'venv', '.mypy_cache']);

import { ReadError } from './check-file';

export async function collectPythonFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ReadError(`${path}: no such file or folder`);
    }
    if (info.isFile()) {
      files.push(path);
      continue;
    }
    const found: string[] = [];
    const pending = [path];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      const entries = await readdir(folder, { withFileTypes: true });
      for (const entry of entries) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
        } else if (entry.isFile() && entry.name.endsWith('.py')) {
          found.push(full);
        }
      }
    }
    files.push(...found.sort());
  }
  return files;
}
