import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, comparisonOperators, stringValue, unwrapParens } from '../../syntax';
import { assertParts, selfAssertCall } from '../assertions/assert-calls';

const EQUALITY_ASSERTIONS = new Set(['assertEqual', 'assertEquals', 'assertNotEqual', 'assertMultiLineEqual']);

/** `str(x)`, `repr(x)`, `x.__str__()`, `x.__repr__()`: the text form of an object. */
function textForm(node: Node): string | null {
  const value = unwrapParens(node);
  if (value.type !== 'call') return null;
  const fn = value.childForFieldName('function');
  if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr')) {
    const { positional, keywords } = callArguments(value);
    return positional.length === 1 && keywords.size === 0 ? `${fn.text}()` : null;
  }
  const last = calleeLastName(value);
  return last === '__str__' || last === '__repr__' ? `${last}()` : null;
}

function isStringLiteral(node: Node): boolean {
  return stringValue(unwrapParens(node)) !== null;
}

/** The text form compared with a string literal, either way round; null otherwise. */
function sensitivePair(left: Node, right: Node): string | null {
  const form = textForm(left) ?? textForm(right);
  if (!form) return null;
  return (textForm(left) && isStringLiteral(right)) || (textForm(right) && isStringLiteral(left)) ? form : null;
}

/**
 * The text form is the subject: a test of `__repr__`/`__str__`/formatting (by its name), or the text of a
 * caught exception (`str(cm.exception)`), whose message is the behaviour under test.
 */
function textIsTheSubject(node: Node, ctx: RuleContext): boolean {
  const test = ctx.scope.testFunction ?? ctx.scope;
  if (/repr|str|format|message|text|print|display|name/i.test(test.name)) return true;
  return /\b(exception|exc|err|error|e|ex|exc_info\.value|cm\.exception)\)/.test(node.text);
}

function report(node: Node, form: string | null, ctx: RuleContext): void {
  if (!form || textIsTheSubject(node, ctx)) return;
  ctx.report({
    node,
    message: `The assertion compares \`${form}\` with a fixed string: any change to how the object prints breaks it, although nothing that matters changed; compare the attributes the test is about`,
  });
}

export default defineRule({
  meta: {
    id: 'SML015',
    name: 'sensitive-equality',
    family: 'SML',
    severity: 'off',
    fixable: 'no',
    summary: 'An assertion compares `str(x)`/`repr(x)` with a string literal.',
    why:
      'Comparing an object\'s text form ties the test to formatting details (field order, spacing, quoting) ' +
      'that can change without any change in behaviour, and a failure shows two long strings instead of the one ' +
      'field that differs. Left alone: tests named for the text form (`test_repr`, `test_str`, `test_format`, ' +
      '`test_message`...) and the text of a caught exception. Off by default: when the text form is what the ' +
      'code under test produces (`__repr__`, a CLI\'s output), comparing it is exactly right, and names do not ' +
      'always say so.',
    fix: 'Compare the attributes the test is about (`self.assertEqual("ACTIVE", server.status)`); keep string comparisons for tests of the formatting itself.',
    bad: [
      'import unittest',
      '',
      '',
      'class ServerTest(unittest.TestCase):',
      '    def test_status_after_boot(self):',
      '        server = self.api.boot("vm1")',
      '        self.assertEqual("<Server vm1 ACTIVE>", str(server))',
      '',
    ].join('\n'),
    good: [
      'import unittest',
      '',
      '',
      'class ServerTest(unittest.TestCase):',
      '    def test_status_after_boot(self):',
      '        server = self.api.boot("vm1")',
      '        self.assertEqual("ACTIVE", server.status)',
      '',
    ].join('\n'),
    peers: ['tsDetect Sensitive Equality', 'pytest-smell sensitive equality'],
    detection:
      'Visits `call` nodes of `self.assertEqual`/`assertNotEqual`/`assertMultiLineEqual` and `assert_statement` nodes ' +
      'with one `==`/`!=`, in test code, and reports when one side is `str(x)`, `repr(x)`, `x.__str__()` or ' +
      '`x.__repr__()` and the other a string literal. Tests whose name mentions repr, str, format, message, text or ' +
      'name, and the text of a caught exception, are exempt.',
  },
  visit: {
    call(call, ctx) {
      if (!ctx.scope.inTestCode || !EQUALITY_ASSERTIONS.has(calleeLastName(call) ?? '')) return;
      const assertion = selfAssertCall(call);
      const [first, second] = assertion?.args.positional ?? [];
      if (first && second) report(call, sensitivePair(first, second), ctx);
    },
    assert_statement(statement, ctx) {
      if (!ctx.scope.inTestCode) return;
      const { test } = assertParts(statement);
      const value = test ? unwrapParens(test) : null;
      if (value?.type !== 'comparison_operator') return;
      const operators = comparisonOperators(value);
      const [left, right] = value.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment');
      if (operators.length === 1 && (operators[0] === '==' || operators[0] === '!=') && left && right) report(statement, sensitivePair(left, right), ctx);
    },
  },
});
