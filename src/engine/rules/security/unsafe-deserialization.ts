import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { callArguments, calleeLastName, dottedName, unwrapParens } from '../../syntax';
import { replaceNode } from '../../position';
import type { Fix } from '../../types';
import { isLiteralCommand } from './literals';

const PICKLE_MODULES = new Set(['pickle', 'cPickle', '_pickle', 'dill', 'marshal']);
const PICKLE_FUNCTIONS = new Set(['load', 'loads', 'Unpickler']);
const SAFE_YAML_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader']);

/**
 * The data was produced by the test itself a moment ago: `pickle.loads(pickle.dumps(obj))`,
 * `eval(repr(obj))`, or a variable assigned such a call in the same function. These round trips are how
 * picklability and `__repr__` are tested.
 */
function isRoundTrip(argument: Node | undefined): boolean {
  if (!argument) return false;
  const value = unwrapParens(argument);
  if (value.type === 'call') return isSerializingCall(value);
  if (value.type !== 'identifier') return false;
  let scope: Node | null = value.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  return scope.descendantsOfType('assignment').some((assignment) => {
    const right = assignment?.childForFieldName('right');
    return assignment?.childForFieldName('left')?.text === value.text && right?.type === 'call' && isSerializingCall(right);
  });
}

function isSerializingCall(call: Node): boolean {
  return /^(dumps?|repr)$/.test(calleeLastName(call) ?? '');
}

function yamlFix(call: Node, functionName: string): Fix | undefined {
  const callee = call.childForFieldName('function');
  const attribute = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  if (!attribute) return undefined;
  const safe = functionName === 'load_all' ? 'safe_load_all' : 'safe_load';
  // safe_load rejects python/* tags and custom constructors that the old default loader accepted.
  return { title: `Use \`yaml.${safe}\``, edits: [replaceNode(attribute, safe)], unsafe: true };
}

function check(call: Node, ctx: RuleContext): void {
  const callee = call.childForFieldName('function');
  const qualified = ctx.qualifiedName(callee);
  if (!callee || !qualified) return;
  const args = callArguments(call);
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, Math.max(dot, 0));
  const name = qualified.slice(dot + 1);

  // `six.moves.cPickle.loads` is still cPickle.
  if (PICKLE_MODULES.has(module.slice(module.lastIndexOf('.') + 1)) && PICKLE_FUNCTIONS.has(name)) {
    if (isRoundTrip(args.positional[0])) return;
    ctx.report({
      node: callee,
      message: `\`${callee.text}()\` runs code embedded in the data: a fixture file or cache that ever comes from outside the repository can execute anything; store test data as JSON`,
    });
    return;
  }

  if (module === 'yaml' && (name === 'unsafe_load' || name === 'unsafe_load_all')) {
    ctx.report({ node: callee, message: `\`${callee.text}()\` builds arbitrary Python objects from YAML tags; use \`yaml.safe_load()\`` });
    return;
  }

  if (module === 'yaml' && (name === 'load' || name === 'load_all')) {
    const loader = args.keywords.get('Loader') ?? args.positional[1];
    if (loader) {
      const loaderName = dottedName(unwrapParens(loader)) ?? '';
      if (SAFE_YAML_LOADERS.has(loaderName.slice(loaderName.lastIndexOf('.') + 1))) return;
      if (isRoundTrip(args.positional[0])) return;
      ctx.report({ node: callee, message: `\`${callee.text}(..., Loader=${loader.text})\` can build arbitrary Python objects from YAML tags; use \`yaml.safe_load()\` or \`Loader=yaml.SafeLoader\`` });
      return;
    }
    if (args.hasSplat) return;
    ctx.report({
      node: callee,
      message: `\`${callee.text}()\` without a safe \`Loader\` can build arbitrary Python objects (and fails on PyYAML 6, where \`Loader\` is required); use \`yaml.safe_load()\``,
      fix: yamlFix(call, name),
    });
    return;
  }

  if (qualified === 'eval' || qualified === 'exec' || qualified === 'builtins.eval' || qualified === 'builtins.exec') {
    const source = args.positional[0];
    if (!source || isLiteralCommand(source) || isRoundTrip(source)) return;
    ctx.report({
      node: callee,
      message: `\`${callee.text}()\` of a non-literal runs whatever the string holds; parse data with \`ast.literal_eval()\` or \`json.loads()\``,
    });
  }
}

export default defineRule({
  meta: {
    id: 'SEC004',
    name: 'unsafe-deserialization',
    family: 'SEC',
    severity: 'warning',
    fixable: 'partial',
    summary: '`pickle`/`marshal` loads, `yaml.load` without a safe loader, `eval`/`exec` of non-literals.',
    why:
      'These calls turn data into running code. Test fixtures look harmless until one is regenerated from a ' +
      'production dump, downloaded, or shared through a cache, and then loading it executes whatever it ' +
      'contains. Round trips inside the test (`pickle.loads(pickle.dumps(obj))`, `eval(repr(obj))`) are ' +
      'left alone: the data never leaves the process.',
    fix:
      'Keep fixtures in JSON (`json.load`), parse YAML with `yaml.safe_load`, and literals with ' +
      '`ast.literal_eval`. The quick fix turns `yaml.load(x)` into `yaml.safe_load(x)`; it is marked unsafe ' +
      'because `safe_load` rejects `!!python/...` tags and custom constructors the old default accepted.',
    bad: [
      'import yaml',
      '',
      '',
      'def test_inventory_has_two_hosts():',
      '    with open("tests/fixtures/inventory.yaml") as stream:',
      '        inventory = yaml.load(stream)',
      '    assert len(inventory["hosts"]) == 2',
      '',
    ].join('\n'),
    good: [
      'import yaml',
      '',
      '',
      'def test_inventory_has_two_hosts():',
      '    with open("tests/fixtures/inventory.yaml") as stream:',
      '        inventory = yaml.safe_load(stream)',
      '    assert len(inventory["hosts"]) == 2',
      '',
    ].join('\n'),
    peers: ['bandit B301', 'bandit B302', 'bandit B506', 'bandit B307', 'bandit B102', 'ruff S301', 'ruff S506', 'ruff S307', 'ruff S102'],
  },
  visit: { call: check },
});
