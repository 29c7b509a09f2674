/**
 * Comments next to a statement, where test authors say why a line looks odd on purpose ("the exact
 * exception is not guaranteed", "comparison must not raise").
 */
import type { Node } from 'web-tree-sitter';

/** The statement that holds `node`: the child of a block (or the module) on the way up. */
export function statementOf(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== 'block' && current.parent.type !== 'module') current = current.parent;
  return current;
}

/** Comments touching the statement: the lines right above it, its own line, and a block's opening lines. */
export function adjacentComments(statement: Node): Node[] {
  const comments: Node[] = [];
  let row = statement.startPosition.row;
  // A comment above a block's first statement hangs before the block node, as its previous sibling.
  const above = statement.previousSibling ?? (statement.parent?.type === 'block' ? statement.parent.previousSibling : null);
  for (let previous = above; previous?.type === 'comment' && previous.endPosition.row >= row - 1; previous = previous.previousSibling) {
    comments.push(previous);
    row = previous.startPosition.row;
  }
  const next = statement.nextSibling;
  if (next?.type === 'comment' && next.startPosition.row === statement.endPosition.row) comments.push(next);
  // tree-sitter hangs the comments that open a block on the compound statement, before its body.
  for (const child of statement.children) {
    if (child?.type === 'block') break;
    if (child?.type === 'comment') comments.push(child);
  }
  return comments;
}
