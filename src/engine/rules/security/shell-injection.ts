import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, stringValue, unwrapParens } from '../../syntax';
import { describeBuiltValue, isLiteralCommand, isStringLiteral } from './literals';
import { testsSubject } from './test-subject';

/** Take `shell=` like `Popen`: only `shell=True` hands the command to `/bin/sh`. */
const SHELL_OPTIONAL = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
/** Always run their command through the shell. */
const ALWAYS_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'commands.getoutput']);

function shellCommand(call: Node, qualified: string): Node | null {
  const args = callArguments(call);
  if (SHELL_OPTIONAL.has(qualified)) {
    const shell = args.keywords.get('shell');
    if (!shell || unwrapParens(shell).type !== 'true') return null;
    return args.positional[0] ?? args.keywords.get('args') ?? null;
  }
  if (ALWAYS_SHELL.has(qualified)) return args.positional[0] ?? args.keywords.get('cmd') ?? args.keywords.get('command') ?? null;
  return null;
}

/** Words of a test's name that say it exercises the shell API it calls (`PopenTest`, `test_getoutput`, `SubprocessMixin`). */
function apiWords(qualified: string): Set<string> {
  const words = new Set(['shell']);
  const [module, name = ''] = qualified.split(/\.(?=[^.]+$)/);
  if (module === 'subprocess' || name.includes('subprocess')) {
    ['subprocess', 'process', 'popen', 'getoutput', 'getstatusoutput'].forEach((word) => words.add(word));
  }
  if (qualified === 'subprocess.run') words.add('run');
  for (const word of ['system', 'popen', 'getoutput', 'getstatusoutput']) if (name.toLowerCase() === word) words.add(word);
  return words;
}

/**
 * A test (or a class of tests, mixins included) named after the shell API it calls is a test of that API:
 * running a command through the shell is its subject, not an injection.
 */
function testsTheApi(qualified: string, ctx: RuleContext): boolean {
  const words = apiWords(qualified);
  return testsSubject(ctx, (word) => words.has(word));
}

/** `cmd = 'for i in 1 2; do ...; done'` then `Popen(cmd, shell=True)`: a name bound only to literal commands. */
function isLiteralVariable(command: Node): boolean {
  const name = unwrapParens(command);
  if (name.type !== 'identifier') return false;
  let scope: Node | null = name.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  const values = (scope?.descendantsOfType('assignment') ?? [])
    .filter((assignment) => assignment?.childForFieldName('left')?.text === name.text)
    .map((assignment) => assignment!.childForFieldName('right'));
  return values.length > 0 && values.every((value) => !!value && isLiteralCommand(value));
}

/**
 * `subprocess.call(args, shell=True)` with a list, a tuple or a `*args` parameter: Windows quotes each item and
 * POSIX runs only the first as the command line, so no value is spliced into a command (a different bug).
 */
function isSequenceCommand(command: Node): boolean {
  const value = unwrapParens(command);
  if (value.type === 'list' || value.type === 'tuple') return true;
  if (value.type !== 'identifier') return false;
  let definition: Node | null = value.parent;
  while (definition && definition.type !== 'function_definition') definition = definition.parent;
  const parameters = definition?.childForFieldName('parameters')?.namedChildren ?? [];
  return parameters.some((parameter) => parameter?.type === 'list_splat_pattern' && parameter.namedChild(0)?.text === value.text);
}

/** Text that cannot change a shell command: no spaces, quotes or metacharacters. */
const INERT = /^[\w./:@%+=,-]*$/;

/** A name bound at module level only to inert literals (`unix_shell = '/system/bin/sh' if android else '/bin/sh'`). */
function isInertConstant(name: Node): boolean {
  if (name.type !== 'identifier') return false;
  const values: Node[] = [];
  for (const statement of name.tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    const right = assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name.text ? assignment.childForFieldName('right') : null;
    if (right) values.push(right);
  }
  const inert = (value: Node): boolean => {
    const node = unwrapParens(value);
    if (node.type === 'conditional_expression') {
      const [whenTrue, , whenFalse] = node.namedChildren;
      return !!whenTrue && !!whenFalse && inert(whenTrue) && inert(whenFalse);
    }
    const text = isStringLiteral(node) ? stringValue(node) : null;
    return text !== null && INERT.test(text);
  };
  return values.length > 0 && values.every(inert);
}

/**
 * A command whose interpolated parts cannot change it: `'leaks %d' % pid` (numeric conversions only), or
 * values that are inert module constants (`"%s -c 'echo $HELLO'" % unix_shell`, `f"{unix_shell} -c true"`).
 */
function isFixedInterpolation(command: Node): boolean {
  const value = unwrapParens(command);
  if (value.type === 'binary_operator' && value.childForFieldName('operator')?.type === '%') {
    const template = value.childForFieldName('left');
    const text = template && isStringLiteral(template) ? stringValue(template) : null;
    if (text === null) return false;
    const conversions = text.match(/%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]/g) ?? [];
    if (conversions.every((conversion) => /[diouxXeEfFgG%]$/.test(conversion))) return true;
    const right = unwrapParens(value.childForFieldName('right') ?? value);
    const operands = right.type === 'tuple' ? right.namedChildren : [right];
    return operands.every((operand) => !!operand && isInertConstant(unwrapParens(operand)));
  }
  if (value.type === 'string') {
    const parts = value.namedChildren.filter((part) => part?.type === 'interpolation');
    return parts.length > 0 && parts.every((part) => {
      const expression = part?.childForFieldName('expression');
      return !!expression && isInertConstant(unwrapParens(expression));
    });
  }
  return false;
}

/** Last names of the calls above: checked before resolving the whole name (most calls are none of them). */
const SHELL_NAMES = new Set([...SHELL_OPTIONAL, ...ALWAYS_SHELL].map((name) => name.slice(name.lastIndexOf('.') + 1)));

function check(call: Node, ctx: RuleContext): void {
  const last = calleeLastName(call);
  // An imported alias (`from subprocess import run as sh_run`) may still stand for one of them.
  if (!last || !(SHELL_NAMES.has(last) || ctx.facts.imports.has(last))) return;
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (!callee || !qualified) return;
  const command = shellCommand(call, qualified);
  if (!command || testsTheApi(qualified, ctx)) return;
  if (SHELL_OPTIONAL.has(qualified) && isSequenceCommand(command)) return;
  const how = SHELL_OPTIONAL.has(qualified) ? `\`${callee.text}(..., shell=True)\`` : `\`${callee.text}()\``;
  if (isLiteralCommand(command) || isLiteralVariable(command) || isFixedInterpolation(command)) {
    ctx.report({
      node: callee,
      related: [command],
      severity: 'info',
      message: `${how} runs a fixed command through the shell; pass an argument list without \`shell=True\` so that later edits cannot splice in input`,
    });
    return;
  }
  ctx.report({
    node: callee,
    related: [command],
    message: `${how} runs a shell command built from ${describeBuiltValue(command)}: spaces, quotes or \`;\` in a path or test input change the command; pass an argument list to \`subprocess.run\` without \`shell=True\``,
  });
}

export default defineRule({
  meta: {
    id: 'SEC003',
    name: 'shell-injection',
    family: 'SEC',
    severity: 'warning',
    fixable: 'no',
    summary: 'A command handed to the shell (`shell=True`, `os.system`, `os.popen`).',
    why:
      'The shell re-parses the command: a temp directory with a space, a file name with a quote, or test data ' +
      'with `;` turns into a different command, and in a helper shared with tooling it becomes an injection. ' +
      'A command assembled from variables (f-string, `+`, `%`, `.format()`) is a warning; a fixed string (or a ' +
      'name bound only to fixed strings, or one that only interpolates numbers or metacharacter-free module ' +
      'constants) is reported as info, since it is safe until someone interpolates into it. `shell=True` with ' +
      'an argument sequence splices nothing and is not reported. Tests named after the shell API they call ' +
      '(`PopenTest`, `test_getoutput`, `test_shell`, a ' +
      '`SubprocessMixin`) test that API and are not reported.',
    fix:
      'Pass the program and its arguments as a list to `subprocess.run([...], check=True)` without `shell=True`; ' +
      'use `shlex.quote` only where a shell feature (pipes, globs) is really needed.',
    bad: [
      'import subprocess',
      '',
      '',
      'def test_archive_roundtrip(tmp_path):',
      '    archive = tmp_path / "backup.tar.gz"',
      '    subprocess.run(f"tar czf {archive} -C {tmp_path} data", shell=True, check=True)',
      '    assert archive.exists()',
      '',
    ].join('\n'),
    good: [
      'import subprocess',
      '',
      '',
      'def test_archive_roundtrip(tmp_path):',
      '    archive = tmp_path / "backup.tar.gz"',
      '    subprocess.run(["tar", "czf", str(archive), "-C", str(tmp_path), "data"], check=True)',
      '    assert archive.exists()',
      '',
    ].join('\n'),
    peers: ['bandit B602', 'bandit B603', 'bandit B604', 'bandit B605', 'bandit B607', 'nova N348', 'ruff S602', 'ruff S605'],
    detection:
      'Visits every `call` resolving to `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` with `shell=True`, ' +
      'or to an API that always uses the shell (`os.system`, `os.popen`, `subprocess.getoutput`...). A command that is ' +
      'a literal, a name bound only to literals, or an interpolation of inert constants is info, one built from other ' +
      'values a warning; list commands and tests named after the API are exempt.',
  },
  visit: { call: check },
});
