/**
 * What test code means, shared by the rules: which calls are assertions, which are patches.
 * The catalog's shorthand (SelfAssert, Assertion) lives here so every family reads it the same way.
 */
import type { Node } from 'web-tree-sitter';
import { calleeLastName, calleeName } from './syntax';

/** `self.assertX(...)` / `self.failX(...)` / `cls.assertX(...)`: the unittest assertion methods. */
export function isSelfAssert(call: Node): boolean {
  // The dotted callee is remembered per tree: `self.assertEqual` answers without new WebAssembly reads.
  const callee = calleeName(call);
  return callee !== null && /^(self|cls)\.(assert|fail)[^.]*$/.test(callee);
}

/** The unittest method name of a SelfAssert call (`assertEqual`), or null. */
export function selfAssertName(call: Node): string | null {
  return isSelfAssert(call) ? calleeLastName(call) : null;
}

const PYTEST_CHECKS = new Set(['pytest.raises', 'pytest.warns', 'pytest.fail', 'pytest.deprecated_call', 'pytest.approx']);

/**
 * A call that checks something: a SelfAssert, a mock's `assert_*` method, `pytest.raises`/`warns`/`fail`,
 * or a helper whose name says it asserts (`self._assert_state(...)`, `assert_that(...)`), as PyNose counts them.
 */
export function isAssertionCall(call: Node, qualified: string | null): boolean {
  if (isSelfAssert(call)) return true;
  if (qualified && PYTEST_CHECKS.has(qualified)) return true;
  const name = calleeLastName(call);
  return !!name && /assert/i.test(name);
}

/** Helper names that, by convention, verify (SML003's allowance): check*, verify*, _wait_for*. */
export function isVerifyingHelperName(name: string): boolean {
  return /^_*(assert|check|verify|expect|wait_for|validate|ensure)/i.test(name);
}
