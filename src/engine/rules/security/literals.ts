/** Shared by the security rules: what a string literal says, and how a value was built. */
import type { Node } from 'web-tree-sitter';
import { stringValue, unwrapParens } from '../../syntax';

/** A string literal (plain, or the parts of an implicit concatenation). */
export function isStringLiteral(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/**
 * The literal text a string starts with: the whole value of a plain string, or the text before the first
 * `{...}` of an f-string (`f'/tmp/{name}'` -> `/tmp/`).
 */
export function literalPrefix(node: Node): string | null {
  const value = stringValue(node);
  if (value !== null) return value;
  const first = node.type === 'concatenated_string' ? node.namedChild(0) : node;
  if (first?.type !== 'string') return null;
  let text = '';
  for (const child of first.namedChildren) {
    if (!child || child.type === 'interpolation') break;
    if (child.type === 'string_content' || child.type === 'escape_sequence') text += child.text;
  }
  return text;
}

/** Parts of an implicit concatenation are judged through their parent, once. */
export function isConcatenationPart(node: Node): boolean {
  return node.parent?.type === 'concatenated_string';
}

const LOOPBACK_URL = /^[a-z+]+:\/\/(?:[^@/]*@)?(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?=[:/?#]|$)/i;

/** `'https://localhost:8443/v2'`, `f'https://127.0.0.1:{port}'`: a URL whose host is this machine. */
export function isLoopbackUrl(node: Node): boolean {
  const prefix = isStringLiteral(node) ? literalPrefix(node) : null;
  return prefix !== null && LOOPBACK_URL.test(prefix);
}

/** Shannon entropy in bits per character. */
export function entropyBits(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...text].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How a non-literal value was built, for messages: "an f-string", "string concatenation"... */
export function describeBuiltValue(node: Node): string {
  const value = unwrapParens(node);
  switch (value.type) {
    case 'string':
    case 'concatenated_string':
      return 'an f-string';
    case 'binary_operator': {
      const operator = value.childForFieldName('operator')?.type;
      return operator === '%' ? '`%` formatting' : 'string concatenation';
    }
    case 'call':
      return value.childForFieldName('function')?.type === 'attribute' &&
        value.childForFieldName('function')?.childForFieldName('attribute')?.text === 'format'
        ? '`.format()`'
        : `the result of \`${value.childForFieldName('function')?.text ?? 'a call'}()\``;
    case 'identifier':
      return `the variable \`${value.text}\``;
    default:
      return 'a computed value';
  }
}

/** A fixed command: a string literal, or a list/tuple of string literals. */
export function isLiteralCommand(node: Node): boolean {
  const value = unwrapParens(node);
  if (isStringLiteral(value)) return stringValue(value) !== null;
  if (value.type === 'list' || value.type === 'tuple') {
    return value.namedChildren.every((item) => !item || item.type === 'comment' || (isStringLiteral(item) && stringValue(item) !== null));
  }
  return false;
}

/** Shortens a literal for a message. */
export function preview(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
