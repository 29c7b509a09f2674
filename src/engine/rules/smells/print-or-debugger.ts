import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { callArguments, calleeLastName, calleeName, statements } from '../../syntax';
import type { Fix } from '../../types';
import { containsAssertion } from './assertions';
import { deleteStatements } from './statement-edits';
import { isCollectedTest } from './test-bodies';

const DEBUGGERS = new Set(['pdb.set_trace', 'ipdb.set_trace', 'pudb.set_trace', 'pdb.post_mortem', 'ipdb.post_mortem', 'pudb.post_mortem', 'IPython.embed', 'breakpoint']);
const DEBUGGER_MODULES = new Set(['pdb', 'ipdb', 'pudb', 'IPython']);
const PRINTS = new Set(['print', 'pprint.pprint', 'pprint.pp']);
const PRINTS_KEY = 'SML010:prints';

/** The outermost scope a test lives in: its class, or the test function itself. */
function testHome(scope: Scope): Scope {
  const method = scope.method;
  if (method?.parent?.kind === 'class') return method.parent;
  let current = scope;
  while (current.parent && current.parent.kind !== 'module') current = current.parent;
  return current;
}

/** The class (or test) replaces the debugger hook it calls: the call is what it tests (`sys.breakpointhook`). */
function replacesDebugger(scope: Scope): boolean {
  const home = testHome(scope);
  return home.data('SML010:hooked', () => /breakpointhook|PYTHONBREAKPOINT|set_trace['"]/.test(home.node.text));
}

/** Output sent somewhere by name (`print(x, file=stream)`, even `file=sys.stderr`, `pprint(x, stream=out)`): chosen, not left over. */
function writesToStream(call: Node): boolean {
  const { keywords } = callArguments(call);
  return keywords.has('file') || keywords.has('stream');
}

/**
 * The output is wanted or harmless: printed on an unusual path (under `if`, `except`: diagnostics before
 * a failure, `if verbose:`), inside a block that captures or redirects stdout, under `assertRaises` (the
 * call only evaluates its argument), or in a test that reads stdout (`capsys`, `capfd`, an in-place
 * `FileInput`, a replaced `sys.stdout`).
 */
function outputIsWanted(call: Node, scope: Scope): boolean {
  for (let current = call.parent; current && current.type !== 'function_definition'; current = current.parent) {
    if (current.type === 'if_statement' || current.type === 'elif_clause' || current.type === 'except_clause') return true;
    if (current.type === 'with_statement') {
      const clause = current.namedChildren.find((child) => child?.type === 'with_clause');
      if (clause && /stdout|stderr|output|prints?\b|capture|inplace|raise|warn/i.test(clause.text)) return true;
    }
  }
  return scope.data('SML010:readsOutput', () => /\bcap(sys|fd)(binary)?\b|inplace|sys\.stdout\s*=|redirect_stdout|captured_stdout/.test(scope.node.text));
}

const REMOVABLE_NAMES = new Set(['print', 'pprint', 'pp', 'set_trace', 'post_mortem', 'breakpoint', 'embed']);

/** `print(...)`, `pdb.set_trace()`, `import pdb`: statements this rule's fixes may remove. */
function isOutputOrDebuggerStatement(statement: Node): boolean {
  if (statement.type === 'import_statement') return DEBUGGER_MODULES.has(statement.text.replace(/^import\s+/, ''));
  const call = statement.type === 'expression_statement' && statement.namedChildCount === 1 ? statement.namedChild(0) : null;
  return call?.type === 'call' && REMOVABLE_NAMES.has(calleeLastName(call) ?? '');
}

/** The statement to remove: the call as a whole statement, with `import pdb;` before it on the same line. */
function removal(call: Node, debuggerModule: string | null): Fix | undefined {
  const statement = call.parent;
  if (statement?.type !== 'expression_statement' || statement.namedChildCount !== 1) return undefined;
  let first: Node = statement;
  const previous = statement.previousNamedSibling;
  if (debuggerModule && previous?.type === 'import_statement' && previous.endPosition.row === statement.startPosition.row && previous.text === `import ${debuggerModule}`) {
    first = previous;
  }
  // When every statement of the block is a print or a breakpoint, "fix all" removes them all: the last one leaves `pass`.
  const siblings = statements(statement.parent);
  const last = siblings[siblings.length - 1];
  const leavePass = last?.id === statement.id && siblings.every(isOutputOrDebuggerStatement);
  const edit = deleteStatements(first, statement, leavePass);
  if (!edit) return undefined;
  return { title: `Remove \`${first === statement ? statement.text.split('(')[0] : first.text + '; ...'}\``, edits: [edit] };
}

function check(call: Node, ctx: RuleContext): void {
  if (!REMOVABLE_NAMES.has(calleeLastName(call) ?? '')) return;
  if (!ctx.scope.inTestCode) return;
  const qualified = ctx.qualifiedName(call.childForFieldName('function')) ?? '';
  if (DEBUGGERS.has(qualified)) {
    if (qualified === 'breakpoint' && ctx.facts.imports.has('breakpoint')) return;
    if (replacesDebugger(ctx.scope)) return;
    const module = calleeName(call)?.split('.')[0] ?? null;
    ctx.report({
      node: call,
      severity: 'error',
      message: `\`${calleeName(call)}()\` stops the test run at a debugger prompt: on CI it hangs until the job times out; remove it`,
      fix: removal(call, module && DEBUGGER_MODULES.has(module) ? module : null),
    });
    return;
  }
  if (!PRINTS.has(qualified) || (qualified === 'print' && ctx.facts.imports.has('print'))) return;
  // A function nested in a test is code the test runs or inspects (a callback, a fake): its output is its own.
  if (ctx.scope.testFunction !== ctx.scope || !(ctx.scope.isSetup || isCollectedTest(ctx.scope))) return;
  if (writesToStream(call) || outputIsWanted(call, ctx.scope)) return;
  ctx.scope.data<Node[]>(PRINTS_KEY, () => []).push(call);
}

/** Prints are reported when the test closes, and only if it also asserts. */
function judgePrints(_definition: Node, ctx: RuleContext): void {
  const prints = ctx.scope.peek<Node[]>(PRINTS_KEY);
  // A test without assertions prints its result for someone else to read (a script a parent test runs).
  if (!prints || !containsAssertion(ctx.scope.node, ctx)) return;
  for (const call of prints) {
    ctx.report({
      node: call,
      severity: 'info',
      message: `\`${calleeName(call)}()\` in a test is leftover debugging output: it clutters the run and checks nothing; remove it, or assert on the value, or use logging`,
      fix: removal(call, null),
    });
  }
}

export default defineRule({
  meta: {
    id: 'SML010',
    name: 'print-or-debugger',
    family: 'SML',
    severity: 'info',
    fixable: 'yes',
    summary: 'A `print()` (info) or a debugger breakpoint (error) left in a test.',
    why:
      'A `print` in a test is usually left over from debugging: it adds noise to every run and checks nothing. ' +
      'A breakpoint (`pdb.set_trace()`, `breakpoint()`, `ipdb`) is worse: on CI the test waits for input at a ' +
      'debugger prompt until the job times out, so breakpoints are errors wherever they are in test code. ' +
      'Prints are reported only when they run on every pass of a test that asserts: left alone are prints ' +
      'under `if`/`except` (diagnostics before a failure, `if verbose:`), output sent to a named stream ' +
      '(`file=`, `stream=`), output the test captures (`redirect_stdout`, `captured_stdout`, `capsys`), prints ' +
      'in nested functions, and tests without assertions, whose printed output is what a parent test reads. ' +
      'Breakpoints are left alone in tests that replace the debugger hook (`sys.breakpointhook`) to test it.',
    fix:
      'Delete the line (the quick fix does, writing `pass` if it was the only statement of its block). Assert on ' +
      'the value you were printing, or log it with `logging`, which the runner captures and shows on failure.',
    bad: [
      'import unittest',
      '',
      '',
      'class ImageTest(unittest.TestCase):',
      '    def test_image_size(self):',
      '        image = self.api.get_image("cirros")',
      '        print(image)',
      '        self.assertEqual(12716032, image["size"])',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ImageTest(unittest.TestCase):',
      '    def test_image_size(self):',
      '        image = self.api.get_image("cirros")',
      '        self.assertEqual(12716032, image["size"], image)',
      '',
    ].join('\n'),
    peers: ['PyNose Redundant Print', 'tsDetect Print Statement', 'ruff T201, T203, T100'],
    detection:
      'Visits each `call` in test code. A debugger call (`pdb.set_trace`, `breakpoint()`, `IPython.embed`...) is an ' +
      'error unless the test replaces the debugger hook; `print`/`pprint` calls directly in a collected test or setup ' +
      'method are gathered and reported at the end of the function if it also asserts. Prints to `file=`/`stream=`, ' +
      'under `if` or `except`, inside a `with` that captures output, or in a test that reads its output are exempt.',
  },
  visit: { call: check, 'function_definition:exit': judgePrints },
});
