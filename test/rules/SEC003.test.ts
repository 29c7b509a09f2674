import { py, ruleTester } from './rule-tester';

ruleTester('SEC003', {
  valid: [
    { name: 'argument lists without a shell', code: py`
      import subprocess
      subprocess.run(['tar', 'czf', str(archive), 'data'], check=True)
      subprocess.check_output(cmd)
      subprocess.Popen(args, shell=False)
    ` },
    { name: 'shell= from a variable is not judged', code: py`
      import subprocess
      subprocess.run(cmd, shell=use_shell)
    ` },
    { name: 'a local function named system', code: py`
      def system(cmd):
          return cmd
      system(f'ls {path}')
    ` },
  ],
  invalid: [
    { name: 'f-string with shell=True: warning, range is the callee', code: py`
      import subprocess
      def test_archive(tmp_path):
          subprocess.run(f'tar czf {tmp_path}/a.tgz data', shell=True, check=True)
    `, errors: [{ line: 3, column: 5, endLine: 3, endColumn: 19, severity: 'warning', message: 'built from an f-string', fixTitle: null }] },
    { name: 'os.system and os.popen always use the shell', code: py`
      import os
      os.system('rm -rf ' + path)
      os.popen('ls %s' % path)
      os.popen('cat {}'.format(path))
      os.system(cmd)
    `, errors: [
      { line: 2, severity: 'warning', message: 'string concatenation' },
      { line: 3, severity: 'warning', message: '`%` formatting' },
      { line: 4, severity: 'warning', message: '`.format()`' },
      { line: 5, severity: 'warning', message: 'the variable `cmd`' },
    ] },
    { name: 'fixed commands are info', code: py`
      import subprocess
      from os import system
      subprocess.check_output('ls -l | wc -l', shell=True)
      system('true')
      subprocess.getoutput('uname -a')
    `, errors: [{ line: 3, severity: 'info', message: 'fixed command' }, { line: 4, severity: 'info' }, { line: 5, severity: 'info' }] },
    { name: 'aliased subprocess module and args= keyword', code: py`
      import subprocess as sp
      sp.Popen(args='echo ' + name, shell=True)
    `, errors: [{ line: 2, column: 1, endColumn: 9, severity: 'warning' }] },
  ],
});
