/**
 * SML003's question, "does this test check anything?", for code the test reaches: the helpers it calls on
 * `self`, `super()` and at module level, followed through the file with a visited set. Helpers defined in
 * another file cannot be read; their names decide (`_test_boot`, `_do_test`, `check_*`, `_wait_for_*`).
 */
import type { Node } from 'web-tree-sitter';
import { isAssertionCall, isVerifyingHelperName } from '../../semantics';
import { calleeLastName, definitionOf } from '../../syntax';
import { isTestName } from '../../scope';

export type Qualify = (node: Node | null | undefined) => string | null;

/** Calls a body makes that may lead to an assertion elsewhere in the file. */
export interface Reach {
  selfCalls: string[];
  superCalls: string[];
  bareCalls: string[];
  /** `Base.test_x(self)`: a method of a named class run on this test. */
  classCalls: { className: string; name: string }[];
  /** The test case itself was handed to other code (`TracerRun(self)`), which may assert on it. */
  passesSelf: boolean;
}

export function emptyReach(): Reach {
  return { selfCalls: [], superCalls: [], bareCalls: [], classCalls: [], passesSelf: false };
}

/**
 * `_test_simple_enum`, `do_test`, `run_test_case`, `doTest`, `help_all_output_test`: helpers that run a
 * whole test case; `ipexec_validate`, `output_check`: helpers whose name has a checking word as one part.
 */
const TEST_DRIVER = /^_*((do|run)_?)?test([A-Z_]|$)|^_*(do|run)Test|_test$|(^|_)(check|verify|validate|expect)(_|$)/;
/** Project versions of `pytest.raises`/`pytest.warns`: sympy's `raises(...)`, `warns_deprecated_sympy()`, scipy's `eager_warns`. */
const RAISES_OR_WARNS = /(^|_)(raises|warns)(_|$)/;

/**
 * A call that checks something by itself: an Assertion, a verifying helper (`check_*`, `verify_*`,
 * `_wait_for_*`), a test driver from elsewhere (`enum._test_simple_enum(...)`), a pytest-check call.
 */
export function isVerifyingCall(call: Node, qualify: Qualify): boolean {
  const qualified = qualify(call.childForFieldName('function'));
  if (isAssertionCall(call, qualified)) return true;
  if (qualified?.startsWith('pytest_check.')) return true;
  const name = calleeLastName(call);
  if (name && (isVerifyingHelperName(name) || TEST_DRIVER.test(name) || RAISES_OR_WARNS.test(name))) return true;
  return passesExpectation(call);
}

/** `self.RunGsUtil(args, expected_status=1)`, `run(cmd, expect_output='...')`: the callee compares for the test. */
function passesExpectation(call: Node): boolean {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return false;
  return args.namedChildren.some((arg) => arg?.type === 'keyword_argument' && /^expect/.test(arg.childForFieldName('name')?.text ?? ''));
}

/** Assertion methods handed around instead of called: `eq = self.assertEqual; eq(a, b)`. */
export function mentionsAssertion(definition: Node): boolean {
  return definition.descendantsOfType('identifier').some((identifier) => !!identifier && /assert/i.test(identifier.text));
}

/**
 * `raise SomeError(...)` is a hand-written failure; a skip is not. In a test's own body even
 * `raise NotImplementedError` states the outcome (the test fails); in a helper it marks an abstract method.
 */
export function isVerifyingRaise(raise: Node, inTestBody: boolean): boolean {
  const exception = raise.namedChildren.find((child) => child && child.type !== 'comment');
  if (!exception) return false;
  const name = exception.type === 'call' ? (exception.childForFieldName('function')?.text ?? '') : exception.text;
  return !/skip/i.test(name) && (inTestBody || !/NotImplemented/.test(name));
}

/**
 * Calls that take the test case for plumbing, not to assert with it: fixtures (nova's
 * `NeutronFixture(self)`), patches of the test's own attributes, `super(Cls, self)`.
 */
const TAKES_SELF_FOR_PLUMBING = /Fixture$|^(object|patch|multiple|setattr|addCleanup|super|useFixture)$/;

/** Records a call that might reach an assertion through a helper. */
export function recordReach(call: Node, reach: Reach): void {
  const args = call.childForFieldName('arguments');
  const passesSelf = args?.type === 'argument_list' && args.namedChildren.some((arg) => arg?.type === 'identifier' && arg.text === 'self');
  if (passesSelf && !TAKES_SELF_FOR_PLUMBING.test(calleeLastName(call) ?? '')) reach.passesSelf = true;
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
  else if (object.type === 'identifier' && passesSelf) reach.classCalls.push({ className: object.text, name });
}

/** Names of helpers defined elsewhere that, by convention, run or verify a test case. */
export function isTestishHelperName(name: string): boolean {
  return isVerifyingHelperName(name) || /assert/i.test(name) || TEST_DRIVER.test(name) || /^_*(wait_?(for|until)|compare|confirm)/i.test(name);
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
      if (node.type === 'assert_statement' || (node.type === 'raise_statement' ? isVerifyingRaise(node, false) : isVerifyingCall(node, this.qualify))) {
        summary.verifies = true;
        break;
      }
      if (node.type === 'call') recordReach(node, summary.reach);
    }
    if (!summary.verifies && mentionsAssertion(helper)) summary.verifies = true;
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
      if (current.passesSelf) return true;
      for (const name of current.selfCalls) {
        // A call to another test is taken as verifying without reading its body: a test's findings may not
        // depend on another test's body, or typing in one would change the findings of the other.
        if (isTestName(name)) return true;
        const found = testClass ? this.findMethod(testClass, name) : null;
        if (found ? follow(found.method, found.owner) : isTestishHelperName(name)) return true;
      }
      for (const name of current.superCalls) {
        const found = owner ? this.findMethod(owner, name, true) : null;
        if (found ? follow(found.method, found.owner) : isTestishHelperName(name)) return true;
      }
      for (const { className, name } of current.classCalls) {
        const local = this.classes.get(className);
        const found = local ? this.findMethod(local, name) : null;
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
