import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, unwrapParens } from '../../syntax';
import { describeBuiltValue, isLiteralCommand } from './literals';

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

function check(call: Node, ctx: RuleContext): void {
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (!callee || !qualified) return;
  const command = shellCommand(call, qualified);
  if (!command) return;
  const how = SHELL_OPTIONAL.has(qualified) ? `\`${callee.text}(..., shell=True)\`` : `\`${callee.text}()\``;
  if (isLiteralCommand(command)) {
    ctx.report({
      node: callee,
      severity: 'info',
      message: `${how} runs a fixed command through the shell; pass an argument list without \`shell=True\` so that later edits cannot splice in input`,
    });
    return;
  }
  ctx.report({
    node: callee,
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
      'A command assembled from variables (f-string, `+`, `%`, `.format()`) is a warning; a fixed string is ' +
      'reported as info, since it is safe until someone interpolates into it.',
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
  },
  visit: { call: check },
});
