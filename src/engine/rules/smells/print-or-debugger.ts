import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { callArguments, calleeLastName, calleeName, dottedName } from '../../syntax';
import type { Fix } from '../../types';
import { deleteStatements } from './statement-edits';
import { isCollectedTest } from './test-bodies';

const DEBUGGERS = new Set(['pdb.set_trace', 'ipdb.set_trace', 'pudb.set_trace', 'pdb.post_mortem', 'ipdb.post_mortem', 'pudb.post_mortem', 'IPython.embed', 'breakpoint']);
const DEBUGGER_MODULES = new Set(['pdb', 'ipdb', 'pudb', 'IPython']);
const PRINTS = new Set(['print', 'pprint.pprint', 'pprint.pp']);

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

/** Output that goes somewhere on purpose: `print(x, file=stream)` into a stream the test reads, `pprint(x, stream=out)`. */
function writesToStream(call: Node): boolean {
  const { keywords } = callArguments(call);
  const target = keywords.get('file') ?? keywords.get('stream');
  return !!target && !/^sys\.(stdout|stderr)$/.test(dottedName(target) ?? '');
}

/**
 * The output is wanted: printed under `if verbose:`, or inside a block that captures stdout
 * (`captured_stdout()`, `redirect_stdout(...)`), or in a pytest test that reads it (`capsys`, `capfd`).
 */
function outputIsWanted(call: Node, scope: Scope): boolean {
  for (let current = call.parent; current && current.type !== 'function_definition'; current = current.parent) {
    if (current.type === 'if_statement' && /verbose|debug/i.test(current.childForFieldName('condition')?.text ?? '')) return true;
    if (current.type === 'with_statement') {
      const clause = current.namedChildren.find((child) => child?.type === 'with_clause');
      if (clause && /captured?_(stdout|stderr|output)|redirect_std(out|err)|capture|inplace/i.test(clause.text)) return true;
    }
  }
  const test = scope.testFunction;
  const parameters = test?.node.childForFieldName('parameters')?.text ?? '';
  return /\bcap(sys|fd)(binary)?\b/.test(parameters);
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
  const edit = deleteStatements(first, statement);
  if (!edit) return undefined;
  return { title: `Remove \`${first === statement ? statement.text.split('(')[0] : first.text + '; ...'}\``, edits: [edit] };
}

function check(call: Node, ctx: RuleContext): void {
  const last = calleeLastName(call);
  if (last !== 'print' && last !== 'pprint' && last !== 'pp' && last !== 'set_trace' && last !== 'post_mortem' && last !== 'breakpoint' && last !== 'embed') return;
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
  ctx.report({
    node: call,
    severity: 'info',
    message: `\`${calleeName(call)}()\` in a test is leftover debugging output: it clutters the run and checks nothing; remove it, or assert on the value, or use logging`,
    fix: removal(call, null),
  });
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
      'debugger prompt until the job times out. Left alone: output written to a stream (`file=`/`stream=`), ' +
      'printed under `if verbose:`, captured by the test (`redirect_stdout`, `captured_stdout`, `capsys`), and ' +
      'breakpoints in tests that replace the debugger hook (`sys.breakpointhook`) to test it.',
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
  },
  visit: { call: check },
});
