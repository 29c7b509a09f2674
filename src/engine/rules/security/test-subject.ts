/**
 * Shared by the security rules: is the code under review a test *of* the risky API? A test named after
 * the API it calls (`PopenTest`, `test_getoutput`, `TestPOP3_SSLClass`, `PickleTests`) exercises that API
 * on purpose, and a finding there is noise.
 */
import type { RuleContext } from '../../rule';
import type { Scope } from '../../scope';

/** `POSIXProcessTestCase` -> posix, process, test, case; `test_run_with_shell` -> test, run, with, shell. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * A word of the enclosing test functions or classes (mixins and bases included: they hold shared tests)
 * satisfies `isSubject`; with `fileWide`, a word of any test class of the file does too (a module such as
 * `test_ssl.py` whose classes do not all repeat the subject).
 */
export function testsSubject(ctx: RuleContext, isSubject: (word: string) => boolean, fileWide = false): boolean {
  for (let scope: Scope | null = ctx.scope; scope; scope = scope.parent) {
    // `test_*` names count even where the class is not recognised as tests (a mapping-protocol base).
    if (scope.kind === 'module' || (scope.kind === 'function' && !/^test/i.test(scope.name))) continue;
    if (nameWords(scope.name).some(isSubject)) return true;
  }
  if (fileWide) for (const name of ctx.facts.testClassNames) if (nameWords(name).some(isSubject)) return true;
  return false;
}
