import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { replaceNode } from '../../position';
import type { Fix } from '../../types';

const ID = 'MCK007';

/** Names of the `mock` backport that `unittest.mock` does not have. */
const BACKPORT_ONLY = new Set(['mock', 'version_info', '__version__']);

/**
 * A Python 2 fallback: the import sits in the `except ImportError` handler of a `try` that imports
 * `unittest.mock`, or under `if sys.version_info ...` / `if six.PY2`. It never runs on Python 3.
 */
function isFallback(statement: Node): boolean {
  for (let current = statement.parent; current && current.type !== 'function_definition' && current.type !== 'class_definition'; current = current.parent) {
    if (current.type === 'except_clause') {
      const body = current.parent?.childForFieldName('body');
      if (body && /\bunittest\b/.test(body.text)) return true;
    }
    if ((current.type === 'if_statement' || current.type === 'elif_clause') && /version_info|\bPY[23]\b/.test(current.childForFieldName('condition')?.text ?? '')) {
      return true;
    }
  }
  return false;
}

function onImport(statement: Node, ctx: RuleContext): void {
  const items = statement.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
  const item = items.find((candidate) => (candidate.type === 'aliased_import' ? candidate.childForFieldName('name') : candidate)?.text === 'mock');
  if (!item || isFallback(statement)) return;
  // `import mock` -> `from unittest import mock` is exact only when the statement imports nothing else.
  const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : null;
  const fix: Fix | undefined =
    items.length === 1
      ? { title: 'Import the standard library `unittest.mock`', edits: [replaceNode(statement, `from unittest import mock${alias ? ` as ${alias}` : ''}`)] }
      : undefined;
  ctx.report({
    node: item,
    message: '`import mock` loads the third-party backport, an extra dependency; the standard library has it as `unittest.mock`',
    ...(fix ? { fix } : {}),
  });
}

function onImportFrom(statement: Node, ctx: RuleContext): void {
  const module = statement.childForFieldName('module_name');
  if (module?.type !== 'dotted_name' || module.text !== 'mock' || isFallback(statement)) return;
  const names = statement.childrenForFieldName('name').map((name) => (name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text) ?? '');
  let fix: Fix | undefined;
  const title = 'Import from the standard library `unittest.mock`';
  if (names.length === 1 && names[0] === 'mock') {
    // The backport's `mock.mock` submodule is what `unittest.mock` is.
    fix = { title, edits: [replaceNode(module, 'unittest')] };
  } else if (!names.some((name) => BACKPORT_ONLY.has(name))) {
    fix = { title, edits: [replaceNode(module, 'unittest.mock')] };
  }
  ctx.report({
    node: module,
    message: '`from mock import ...` loads the third-party backport, an extra dependency; import from `unittest.mock` instead',
    ...(fix ? { fix } : {}),
  });
}

export default defineRule({
  meta: {
    id: ID,
    name: 'third-party-mock-import',
    family: 'MCK',
    severity: 'info',
    fixable: 'partial',
    summary: 'The third-party `mock` backport is imported instead of `unittest.mock`.',
    why:
      'The `mock` package is the backport of `unittest.mock` for Python 2. Importing it adds a dependency that ' +
      'the project has to declare and keep installed, and it can differ in small ways from the standard ' +
      'library version the code runs with. Python 2 fallbacks (in the `except ImportError` of a `try` that ' +
      'imports `unittest.mock`, or under a `sys.version_info` check) are left alone.',
    fix:
      'Use `from unittest import mock` (or `from unittest.mock import patch, ...`). The quick fix rewrites the ' +
      'import when it imports nothing else, so every later `mock.` reference keeps working.',
    bad: ['import unittest', '', 'import mock', '', '', 'class PowerTest(unittest.TestCase):', "    @mock.patch('os.kill')", '    def test_stop(self, mock_kill):', '        stop(1234)', '        mock_kill.assert_called_once_with(1234, 15)', ''].join('\n'),
    good: ['import unittest', 'from unittest import mock', '', '', 'class PowerTest(unittest.TestCase):', "    @mock.patch('os.kill')", '    def test_stop(self, mock_kill):', '        stop(1234)', '        mock_kill.assert_called_once_with(1234, 15)', ''].join('\n'),
    peers: ['hacking H216'],
    detection:
      'Visits `import_statement` nodes that import `mock` and `import_from_statement` nodes whose module is `mock`, ' +
      'anywhere in the file. Python 2 fallbacks are exempt: an import in the `except` clause of a `try` that imports ' +
      '`unittest`, or under an `if` that tests `sys.version_info` or `six.PY2`.',
  },
  visit: {
    import_statement: onImport,
    import_from_statement: onImportFrom,
  },
});
