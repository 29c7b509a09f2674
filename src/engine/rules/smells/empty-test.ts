import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import type { Scope } from '../../scope';
import { dottedName, isDocstring, statements } from '../../syntax';
import type { Fix } from '../../types';
import { rangeOf, replaceNode } from '../../position';
import { expectsFailure, hasDoctest, isAbstract, isCollectedTest, isEmptyBody, isSkipDecorated } from './test-bodies';

/** The class or one of its bases in this file derives from a `*TestCase`/`*TestBase`: `self.skipTest` exists. */
function isUnittestClass(scope: Scope, ctx: RuleContext): boolean {
  const definition = scope.node;
  const bases = definition.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.some((base) => {
    const name = dottedName(base);
    if (!name) return false;
    const last = name.slice(name.lastIndexOf('.') + 1);
    return /(TestCase|TestBase)$/.test(last) || ctx.facts.testClassNames.has(name);
  });
}

function skipStatement(test: Scope, ctx: RuleContext): string | null {
  const reason = "'not implemented yet'";
  const owner = test.parent;
  if (owner?.kind === 'class' && isUnittestClass(owner, ctx)) return `self.skipTest(${reason})`;
  if (ctx.facts.imports.get('pytest') === 'pytest') return `pytest.skip(${reason})`;
  return null;
}

/** Turns the placeholder into an explicit skip, so the report says "skipped" instead of "passed". */
function skipFix(test: Scope, ctx: RuleContext): Fix | undefined {
  const call = skipStatement(test, ctx);
  if (!call) return undefined;
  const body = statements(test.node.childForFieldName('body'));
  const last = body[body.length - 1];
  if (!last) return undefined;
  const title = `Skip \`${test.name}\` until it is implemented`;
  if (!isDocstring(last)) return { title, edits: [replaceNode(last, call)] };
  // Only a docstring: the skip goes on the next line, indented like the docstring.
  const end = rangeOf(last);
  const sameLineAsDef = last.startPosition.row === test.node.startPosition.row;
  const indent = sameLineAsDef ? '' : indentationOf(last);
  const text = sameLineAsDef ? `; ${call}` : `\n${indent}${call}`;
  return { title, edits: [{ line: end.endLine, column: end.endColumn, endLine: end.endLine, endColumn: end.endColumn, text }] };
}

function indentationOf(statement: Node): string {
  const root = statement.tree.rootNode;
  // The module node starts at the file's first token: its text leaves out leading blank lines and indentation.
  const lineStart = statement.startIndex - statement.startPosition.column;
  if (lineStart < root.startIndex) return ' '.repeat(statement.startPosition.column);
  return root.text.slice(lineStart - root.startIndex, statement.startIndex - root.startIndex);
}

function describeBody(definition: Node): string {
  const kinds = new Set<string>();
  for (const statement of statements(definition.childForFieldName('body'))) {
    if (statement.type === 'pass_statement') kinds.add('`pass`');
    else if (isDocstring(statement)) kinds.add('a docstring');
    else kinds.add('`...`');
  }
  return [...kinds].join(' and ');
}

function check(definition: Node, ctx: RuleContext): void {
  const test = ctx.scope;
  if (!isCollectedTest(test) || !isEmptyBody(definition)) return;
  // An expected failure with an empty body is reported as an unexpected success: it does not pass quietly.
  if (isSkipDecorated(definition) || expectsFailure(definition) || isAbstract(definition) || hasDoctest(definition)) return;
  const name = definition.childForFieldName('name');
  if (!name) return;
  ctx.report({
    node: name,
    message: `\`${test.name}\` holds only ${describeBody(definition)}: it always passes and checks nothing; implement it, skip it with a reason, or delete it`,
    fix: skipFix(test, ctx),
  });
}

export default defineRule({
  meta: {
    id: 'SML002',
    name: 'empty-test',
    family: 'SML',
    severity: 'warning',
    fixable: 'partial',
    summary: 'A test whose body is only `pass`, `...`, a docstring or comments.',
    why:
      'An empty test is collected, run and counted as passed, so the suite claims coverage that does not ' +
      'exist. Placeholders written "for later" and overrides that blank out an inherited test both look ' +
      'green in every report. Left alone: tests skipped or marked as expected failures, abstract methods, ' +
      'docstrings holding doctest examples (`>>>`), and sample test classes built inside a test.',
    fix:
      'Implement the test, or make the gap visible: `self.skipTest(reason)` (unittest) or `pytest.skip(reason)` ' +
      'with a reason that names the missing work or the tracking bug. The quick fix inserts such a skip where ' +
      'the skip function is known to exist (a `TestCase` subclass, or a file that imports `pytest`).',
    bad: [
      'import unittest',
      '',
      '',
      'class VolumeAttachTest(unittest.TestCase):',
      '    def test_attach_volume(self):',
      '        volume = create_volume(size=1)',
      '        attach(volume, server_id="abc")',
      '        self.assertEqual("in-use", volume.status)',
      '',
      '    def test_detach_volume(self):',
      '        """Detaching frees the volume for another server."""',
      '        pass',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class VolumeAttachTest(unittest.TestCase):',
      '    def test_attach_volume(self):',
      '        volume = create_volume(size=1)',
      '        attach(volume, server_id="abc")',
      '        self.assertEqual("in-use", volume.status)',
      '',
      '    @unittest.skip("detach is not implemented yet, see bug 2041")',
      '    def test_detach_volume(self):',
      '        """Detaching frees the volume for another server."""',
      '        pass',
      '',
    ].join('\n'),
    peers: ['PyNose Empty Test', 'tsDetect Empty Test'],
    detection:
      'Visits the `function_definition` of each collected test whose body holds only `pass`, `...` and a docstring. ' +
      'Tests that are skipped, expected to fail, abstract, or carry a doctest in the docstring are exempt.',
  },
  visit: { function_definition: check },
});
