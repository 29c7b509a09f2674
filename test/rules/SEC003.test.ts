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
    // From CPython's test_popen, test_subprocess and test_asyncio: tests named after the shell API they exercise.
    { name: 'a test of os.popen itself', code: py`
      import os, unittest
      class PopenTest(unittest.TestCase):
          def _do_test_commandline(self, cmdline, expected):
              cmd = '%s -c "import sys; print(sys.argv)" %s' % (python, cmdline)
              with os.popen(cmd) as p:
                  data = p.read()
          def test_contextmanager(self):
              with os.popen("echo hello") as f:
                  self.assertEqual(f.read(), "hello\\n")
    ` },
    { name: 'tests of getoutput and of the shell option', code: py`
      import subprocess, unittest
      class MiscTests(unittest.TestCase):
          def test_getoutput(self):
              self.assertEqual(subprocess.getoutput('echo xyzzy'), 'xyzzy')
      class RunFuncTestCase(unittest.TestCase):
          def test_run_with_pathlike_path(self):
              subprocess.run(path, stdout=subprocess.DEVNULL, shell=True)
      class POSIXProcessTestCase(unittest.TestCase):
          def test_bytes_program(self):
              subprocess.call(cmd, shell=True)
    ` },
    { name: 'a mixin of subprocess tests', code: py`
      import asyncio, unittest
      class SubprocessMixin:
          def test_shell(self):
              proc = self.loop.run_until_complete(asyncio.create_subprocess_shell('exit 7'))
    ` },
    // From CPython's test_os and pythoninfo: with shell=True, a sequence is quoted item by item (Windows) or
    // runs only its first item (POSIX); nothing is spliced into a command line.
    { name: 'shell=True with an argument sequence is not an injection', code: py`
      import subprocess
      def write_windows_console(self, *args):
          retcode = subprocess.call(args, creationflags=subprocess.CREATE_NEW_CONSOLE, shell=True)
      def collect_windows(info_add):
          proc = subprocess.Popen(["ver"], shell=True, stdout=subprocess.PIPE)
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
    { name: 'a variable that only ever holds a literal is a fixed command', code: py`
      import subprocess, unittest
      class PollTests(unittest.TestCase):
          def test_poll2(self):
              cmd = 'for i in 0 1 2 3 4 5 6 7 8 9; do echo testing...; sleep 1; done'
              proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, bufsize=0)
    `, errors: [{ line: 5, severity: 'info', message: 'fixed command' }] },
    { name: 'a helper not named after the API still counts', code: py`
      import os, unittest
      class Regrtest(unittest.TestCase):
          def finalize_tests(self, tool):
              os.system("%s %d" % (tool, os.getpid()))
    `, errors: [{ line: 4, severity: 'warning' }] },
    // From CPython's libregrtest and test_os: numbers and metacharacter-free constants cannot change the command.
    { name: 'numbers and fixed module constants interpolated: a fixed command (info)', code: py`
      import os, unittest
      unix_shell = '/system/bin/sh' if is_android else '/bin/sh'
      class EnvironTests(unittest.TestCase):
          def test_update2(self):
              with os.popen("%s -c 'echo $HELLO'" % unix_shell) as popen:
                  value = popen.read().strip()
          def finalize(self):
              os.system("leaks %d" % os.getpid())
              os.system(f"{unix_shell} -c true")
    `, errors: [{ line: 5, severity: 'info' }, { line: 8, severity: 'info' }, { line: 9, severity: 'info' }] },
    { name: 'a function parameter or sys.executable interpolated is still a warning', code: py`
      import os, subprocess, sys
      def _test_underlying_process_env(self, var, expected):
          with os.popen(f"{unix_shell} -c 'echo \${var}'") as popen:
              value = popen.read().strip()
      def _maxdataOK():
          hdrs = subprocess.getoutput("/usr/bin/dump -o %s" % sys.executable)
    `, errors: [{ line: 3, severity: 'warning' }, { line: 6, severity: 'warning' }] },
    { name: 'aliased subprocess module and args= keyword', code: py`
      import subprocess as sp
      sp.Popen(args='echo ' + name, shell=True)
    `, errors: [{ line: 2, column: 1, endColumn: 9, severity: 'warning' }] },
  ],
});
