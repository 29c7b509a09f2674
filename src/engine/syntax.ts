/** Small readers over tree-sitter-python nodes, shared by every rule. */
import type { Node, Tree } from 'web-tree-sitter';

/**
 * Readings of a node that many rules ask for (every rule that visits `call` reads the callee), where each
 * step crosses into WebAssembly and allocates: remembered per tree, by node id. Trees are immutable, so a
 * reading stays true as long as its tree lives.
 */
const readings = new WeakMap<Tree, Map<string, Map<number, unknown>>>();

function remembered<T>(kind: string, node: Node, read: () => T): T {
  let byKind = readings.get(node.tree);
  if (!byKind) readings.set(node.tree, (byKind = new Map()));
  let byNode = byKind.get(kind) as Map<number, T> | undefined;
  if (!byNode) byKind.set(kind, (byNode = new Map()));
  const id = node.id;
  if (byNode.has(id)) return byNode.get(id) as T;
  const value = read();
  byNode.set(id, value);
  return value;
}

/** `a.b.c` for identifier/attribute chains (whitespace-free), otherwise null. */
export function dottedName(node: Node | null | undefined): string | null {
  if (!node) return null;
  return remembered('dotted', node, () => readDottedName(node));
}

function readDottedName(node: Node): string | null {
  const type = node.type;
  if (type === 'identifier') return node.text;
  if (type !== 'attribute') return null;
  // Attribute chains nest to the left: walk down iteratively, then build the name back up.
  const chain: Node[] = [];
  let current: Node | null = node;
  while (current?.type === 'attribute') {
    chain.push(current);
    current = current.childForFieldName('object');
  }
  let name: string | null = current?.type === 'identifier' ? current.text : null;
  for (let i = chain.length - 1; i >= 0 && name !== null; i--) {
    const attribute = chain[i]!.childForFieldName('attribute');
    name = attribute ? `${name}.${attribute.text}` : null;
  }
  return name;
}

/** The dotted text of what a `call` calls (`self.assertEqual`, `mock.patch.object`), or null. */
export function calleeName(call: Node): string | null {
  return remembered('callee', call, () => dottedName(call.childForFieldName('function')));
}

/** The last component of the callee: `assertEqual` for `self.assertEqual(...)`. */
export function calleeLastName(call: Node): string | null {
  return remembered('calleeLast', call, () => {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
    const type = fn.type;
    if (type === 'identifier') return fn.text;
    if (type === 'attribute') return fn.childForFieldName('attribute')?.text ?? null;
    return null;
  });
}

export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  /** `*args` or `**kwargs` present: argument positions are not known. */
  hasSplat: boolean;
}

/** The arguments of a call, read once per tree: treat the result as read-only. */
export function callArguments(call: Node): CallArguments {
  return remembered('arguments', call, () => readCallArguments(call));
}

function readCallArguments(call: Node): CallArguments {
  const result: CallArguments = { positional: [], keywords: new Map(), hasSplat: false };
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return result;
  for (const child of list.namedChildren) {
    if (!child) continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) result.keywords.set(name.text, value);
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      result.hasSplat = true;
    } else if (child.type !== 'comment') {
      result.positional.push(child);
    }
  }
  return result;
}

/** The value of a plain string literal (no f-string interpolation, no implicit concatenation), or null. */
export function stringValue(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'concatenated_string') {
    let text = '';
    for (const part of node.namedChildren) {
      const value = stringValue(part);
      if (value === null) return null;
      text += value;
    }
    return text;
  }
  if (node.type !== 'string') return null;
  let text = '';
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'interpolation') return null;
    if (child.type === 'string_content' || child.type === 'escape_sequence') text += child.text;
  }
  return text;
}

/** A string literal with `{...}` interpolation (an f-string). */
export function isInterpolatedString(node: Node): boolean {
  return node.type === 'string' && node.namedChildren.some((child) => child?.type === 'interpolation');
}

/** Strips redundant parentheses: `((x))` -> `x`. */
export function unwrapParens(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.namedChildren.find((child) => child && child.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The statements of a `block`, skipping comments. */
export function statements(block: Node | null | undefined): Node[] {
  if (!block) return [];
  return block.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
}

/** A bare docstring/string statement. */
export function isDocstring(statement: Node): boolean {
  if (statement.type !== 'expression_statement') return false;
  const only = statement.namedChildren;
  return only.length === 1 && (only[0]?.type === 'string' || only[0]?.type === 'concatenated_string');
}

/** The function a `decorated_definition` wraps, or the node itself. */
export function definitionOf(node: Node): Node {
  if (node.type === 'decorated_definition') return node.childForFieldName('definition') ?? node;
  return node;
}

/** Decorators of a function or class (outermost first). */
export function decoratorsOf(definition: Node): Node[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((child): child is Node => child?.type === 'decorator');
}

/** The expression inside a decorator (`@mock.patch('x')` -> the call). */
export function decoratorExpression(decorator: Node): Node | null {
  return decorator.namedChildren.find((child) => child && child.type !== 'comment') ?? null;
}

/** The operators of a comparison (`==`, `not in`, `is not`...). */
export function comparisonOperators(comparison: Node): string[] {
  const operators: string[] = [];
  const children = comparison.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child || child.isNamed) continue;
    const next = children[i + 1];
    if ((child.type === 'not' && next?.type === 'in') || (child.type === 'is' && next?.type === 'not')) {
      operators.push(`${child.type} ${next.type}`);
      i++;
    } else {
      operators.push(child.type);
    }
  }
  return operators;
}

/** Text of a node with runs of whitespace collapsed: good for comparing two expressions. */
export function normalizedText(node: Node): string {
  return node.text.replace(/\s+/g, ' ');
}

/** `0`, `0.0`, `False`, `None`, `''`: literals that are falsy. */
export function isFalsyLiteral(node: Node): boolean {
  const value = unwrapParens(node);
  switch (value.type) {
    case 'false':
    case 'none':
      return true;
    case 'integer':
    case 'float':
      return Number(value.text.replace(/_/g, '')) === 0;
    case 'string':
      return stringValue(value) === '';
    default:
      return false;
  }
}

export function isLiteral(node: Node): boolean {
  return ['integer', 'float', 'string', 'true', 'false', 'none', 'concatenated_string'].includes(node.type);
}
