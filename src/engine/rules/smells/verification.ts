/**
 * SML003's question, "does this test check anything?", for code the test reaches: the helpers it calls on
 * `self`, `super()` and at module level, followed through the file with a visited set. Helpers defined in
 * another file cannot be read; their names decide (`_test_boot`, `_do_test`, `check_*`, `_wait_for_*`).
 */
import type { Node } from 'web-tree-sitter';
import { isAssertionCall, isVerifyingHelperName } from '../../semantics';
import { calleeLastName, definitionOf } from '../../syntax';

export type Qualify = (node: Node | null | undefined) => string | null;

/** Calls a body makes that may lead to an assertion elsewhere in the file. */
export interface Reach {
  selfCalls: string[];
  superCalls: string[];
  bareCalls: string[];
}

export function emptyReach(): Reach {
  return { selfCalls: [], superCalls: [], bareCalls: [] };
}

/** A call that checks something by itself: an Assertion, a verifying helper, a pytest-check call. */
export function isVerifyingCall(call: Node, qualify: Qualify): boolean {
  const qualified = qualify(call.childForFieldName('function'));
  if (isAssertionCall(call, qualified)) return true;
  if (qualified?.startsWith('pytest_check.')) return true;
  const name = calleeLastName(call);
  return !!name && isVerifyingHelperName(name);
}

/** `raise SomeError(...)` is a hand-written failure; skips and "not implemented" markers are not. */
export function isVerifyingRaise(raise: Node): boolean {
  const exception = raise.namedChildren.find((child) => child && child.type !== 'comment');
  if (!exception) return false;
  const name = exception.type === 'call' ? (exception.childForFieldName('function')?.text ?? '') : exception.text;
  return !/skip|NotImplemented/i.test(name);
}

/** Records a call that might reach an assertion through a helper. */
export function recordReach(call: Node, reach: Reach): void {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') {
    reach.bareCalls.push(fn.text);
    return;
  }
  if (fn?.type !== 'attribute') return;
  const object = fn.childForFieldName('object');
  const name = fn.childForFieldName('attribute')?.text;
  if (!object || !name) return;
  if (object.type === 'identifier' && (object.text === 'self' || object.text === 'cls')) reach.selfCalls.push(name);
  else if (object.type === 'call' && object.childForFieldName('function')?.text === 'super') reach.superCalls.push(name);
}

/** Names of helpers defined elsewhere that, by convention, run or verify a test case. */
export function isTestishHelperName(name: string): boolean {
  return isVerifyingHelperName(name) || /assert/i.test(name) || /^_*((do|run)_?)?test/i.test(name) || /^_*(wait|compare|confirm)/i.test(name);
}

interface HelperSummary {
  verifies: boolean;
  reach: Reach;
}

/** The file's top-level classes and functions, and per-helper summaries, built once per run. */
export class HelperIndex {
  private readonly classes = new Map<string, Node>();
  private readonly functions = new Map<string, Node>();
  private readonly methods = new Map<number, Map<string, Node>>();
  private readonly summaries = new Map<number, HelperSummary>();

  constructor(
    root: Node,
    private readonly qualify: Qualify,
  ) {
    for (const child of root.namedChildren) {
      if (!child) continue;
      const definition = definitionOf(child);
      const name = definition.childForFieldName('name')?.text;
      if (!name) continue;
      if (definition.type === 'class_definition' && !this.classes.has(name)) this.classes.set(name, definition);
      if (definition.type === 'function_definition' && !this.functions.has(name)) this.functions.set(name, definition);
    }
  }

  private methodsOf(classNode: Node): Map<string, Node> {
    let methods = this.methods.get(classNode.id);
    if (!methods) {
      methods = new Map();
      for (const child of classNode.childForFieldName('body')?.namedChildren ?? []) {
        if (!child) continue;
        const definition = definitionOf(child);
        const name = definition.childForFieldName('name')?.text;
        if (definition.type === 'function_definition' && name && !methods.has(name)) methods.set(name, definition);
      }
      this.methods.set(classNode.id, methods);
    }
    return methods;
  }

  /** Local base classes named by a class (`class B(A)` with `A` defined in this file). */
  private localBases(classNode: Node): Node[] {
    const bases: Node[] = [];
    for (const base of classNode.childForFieldName('superclasses')?.namedChildren ?? []) {
      const local = base?.type === 'identifier' ? this.classes.get(base.text) : undefined;
      if (local && local.id !== classNode.id) bases.push(local);
    }
    return bases;
  }

  /** The method `name` as `self.name` finds it from `classNode` (or, for `super()`, from its bases). */
  findMethod(classNode: Node, name: string, skipOwn = false): { method: Node; owner: Node } | null {
    const pending = skipOwn ? this.localBases(classNode) : [classNode];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const current = pending.shift()!;
      if (seen.has(current.id)) continue;
      seen.add(current.id);
      const method = this.methodsOf(current).get(name);
      if (method) return { method, owner: current };
      pending.push(...this.localBases(current));
    }
    return null;
  }

  private summaryOf(helper: Node): HelperSummary {
    let summary = this.summaries.get(helper.id);
    if (summary) return summary;
    summary = { verifies: false, reach: emptyReach() };
    for (const node of helper.descendantsOfType(['call', 'assert_statement', 'raise_statement'])) {
      if (!node) continue;
      if (node.type === 'assert_statement' || (node.type === 'raise_statement' ? isVerifyingRaise(node) : isVerifyingCall(node, this.qualify))) {
        summary.verifies = true;
        break;
      }
      if (node.type === 'call') recordReach(node, summary.reach);
    }
    this.summaries.set(helper.id, summary);
    return summary;
  }

  /**
   * Whether the calls in `reach` lead to an assertion: through helpers of `testClass` and its local bases,
   * module-level functions, or helpers from elsewhere whose names say they verify.
   */
  reachesVerification(reach: Reach, testClass: Node | null): boolean {
    const pending: { reach: Reach; owner: Node | null }[] = [{ reach, owner: testClass }];
    const visited = new Set<number>();
    const follow = (helper: Node, owner: Node | null): boolean => {
      if (visited.has(helper.id)) return false;
      visited.add(helper.id);
      const summary = this.summaryOf(helper);
      if (summary.verifies) return true;
      pending.push({ reach: summary.reach, owner });
      return false;
    };
    while (pending.length > 0) {
      const { reach: current, owner } = pending.pop()!;
      for (const name of current.selfCalls) {
        const found = testClass ? this.findMethod(testClass, name) : null;
        if (found ? follow(found.method, found.owner) : isTestishHelperName(name)) return true;
      }
      for (const name of current.superCalls) {
        const found = owner ? this.findMethod(owner, name, true) : null;
        if (found ? follow(found.method, found.owner) : isTestishHelperName(name)) return true;
      }
      for (const name of current.bareCalls) {
        const found = this.functions.get(name);
        if (found ? follow(found, null) : isTestishHelperName(name)) return true;
      }
    }
    return false;
  }
}
