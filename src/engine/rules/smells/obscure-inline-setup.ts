import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext } from '../../rule';
import { isCollectedTest } from './test-bodies';

/** PyNose's obscure in-line setup: more than ten local variables. */
const MAX_LOCALS = 10;
/** Spadini et al.'s verbose test: thirteen statements or more. */
const MIN_VERBOSE_STATEMENTS = 13;

const TARGET_PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern']);

/** Plain names bound by an assignment target (`a`, `a, (b, *c)`); attributes and subscripts bind none. */
function boundNames(target: Node, names: Set<string>): void {
  const pending = [target];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'identifier') names.add(node.text);
    else if (TARGET_PATTERNS.has(node.type)) for (const child of node.namedChildren) if (child) pending.push(child);
  }
}

interface Size {
  statements: number;
  locals: Set<string>;
}

/** Statements and local names of the test's own body; nested functions and classes count as one statement each. */
function measure(body: Node): Size {
  const size: Size = { statements: 0, locals: new Set() };
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'block') {
      for (const statement of node.namedChildren) {
        if (!statement || statement.type === 'comment') continue;
        size.statements++;
        pending.push(statement);
      }
      continue;
    }
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    if (node.type === 'assignment' || node.type === 'augmented_assignment' || node.type === 'for_statement') {
      const left = node.childForFieldName('left');
      if (left) boundNames(left, size.locals);
    } else if (node.type === 'as_pattern_target' || node.type === 'named_expression') {
      const name = node.type === 'named_expression' ? node.childForFieldName('name') : node.namedChild(0);
      if (name) boundNames(name, size.locals);
    }
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  return size;
}

function check(definition: Node, ctx: RuleContext): void {
  if (!isCollectedTest(ctx.scope)) return;
  const body = definition.childForFieldName('body');
  const name = definition.childForFieldName('name');
  if (!body || !name) return;
  const size = measure(body);
  const tooManyLocals = size.locals.size > MAX_LOCALS;
  if (!tooManyLocals && size.statements < MIN_VERBOSE_STATEMENTS) return;
  ctx.report({
    node: name,
    message: tooManyLocals
      ? `\`${ctx.scope.name}\` sets up ${size.locals.size} local variables in line: the setup that matters for this test is hard to find; move the construction into fixtures, builders or helpers named for what they make`
      : `\`${ctx.scope.name}\` runs ${size.statements} statements: a reader has to go through all of them to see what it sets up and what it checks; split it, or move the setup into fixtures or helpers`,
  });
}

export default defineRule({
  meta: {
    id: 'SML013',
    name: 'obscure-inline-setup',
    family: 'SML',
    severity: 'off',
    fixable: 'no',
    summary: 'A test with more than ten local variables, or thirteen statements or more.',
    why:
      'A long test that builds everything in line buries the two or three values that decide its outcome among ' +
      'the boilerplate; a reader cannot tell which part of the setup is essential, and every test that needs ' +
      'the same objects copies it again. Off by default: thresholds are a matter of taste, and integration ' +
      'tests are legitimately long.',
    fix: 'Move the construction into `setUp`, fixtures, or builder helpers named for what they make, and keep in the test only what this test varies.',
    bad: [
      'def test_boot_from_volume(api):',
      '    image = api.create_image("cirros")',
      '    volume = api.create_volume(size=1, image=image)',
      '    network = api.create_network("net1")',
      '    subnet = api.create_subnet(network, "10.0.0.0/24")',
      '    port = api.create_port(network)',
      '    flavor = api.create_flavor(ram=512, vcpus=1)',
      '    keypair = api.create_keypair("key1")',
      '    group = api.create_security_group("sg1")',
      '    rule = api.add_rule(group, port=22)',
      '    zone = api.get_availability_zone("nova")',
      '    server = api.boot(flavor, volume=volume, port=port, key=keypair, group=group, zone=zone)',
      '    assert server.status == "ACTIVE"',
      '',
    ].join('\n'),
    good: [
      'def test_boot_from_volume(api, bootable_volume, port, flavor):',
      '    server = api.boot(flavor, volume=bootable_volume, port=port)',
      '    assert server.status == "ACTIVE"',
      '',
    ].join('\n'),
    peers: ['PyNose Obscure In-Line Setup', 'tsDetect Verbose Test'],
    detection:
      'Visits the `function_definition` of each collected test and measures its own body, nested functions and classes ' +
      'counting as one statement: more than ten distinct local names bound by assignments, `for`, `with ... as` or ' +
      '`:=`, or thirteen statements or more, is reported.',
  },
  visit: { function_definition: check },
});
