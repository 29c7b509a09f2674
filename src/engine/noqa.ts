/**
 * `# noqa` silences every rule on its line; `# noqa: TIM001,SEC003` only those (flake8 and ruff syntax).
 * Checked per finding from the line's text, and only when the line mentions noqa at all; the `#` must
 * start a real comment (not a string), which the syntax tree tells.
 */
import type { Tree } from 'web-tree-sitter';
import type { LineIndex } from './position';
import type { Finding } from './types';

const NOQA = /#\s*noqa(?::\s*([A-Za-z]+\d+(?:[\s,]+[A-Za-z]+\d+)*))?/i;

/** Rule ids silenced on one line: 'all', a set of ids, or null (no directive). */
export type Suppression = 'all' | Set<string> | null;

export function suppressionOn(line: number, lines: LineIndex, tree: Tree): Suppression {
  const text = lines.lineText(line);
  const match = NOQA.exec(text);
  if (!match) return null;
  const offset = lines.offsetAt(line, match.index + 1);
  const node = tree.rootNode.descendantForIndex(offset, offset + 1);
  if (node?.type !== 'comment') return null;
  // A later `# noqa` on the same comment line is what counts; re-read it from the comment itself.
  const inComment = NOQA.exec(node.text);
  if (!inComment) return null;
  if (!inComment[1]) return 'all';
  return new Set(inComment[1].split(/[\s,]+/).map((id) => id.toUpperCase()));
}

export function isSuppressed(finding: Finding, lookup: (line: number) => Suppression): boolean {
  for (const line of finding.line === finding.endLine ? [finding.line] : [finding.line, finding.endLine]) {
    const suppression = lookup(line);
    if (suppression === 'all' || suppression?.has(finding.rule)) return true;
  }
  return false;
}
