/** Shared by the timing rules: what a sleep call is, and whether a loop around it is bounded. */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import { callArguments, comparisonOperators, isFalsyLiteral, unwrapParens } from '../../syntax';

/** Qualified names of calls that wait on the wall clock. */
const SLEEPS = new Set(['time.sleep', 'eventlet.sleep', 'eventlet.greenthread.sleep', 'greenthread.sleep', 'asyncio.sleep']);

export function isSleepCall(call: Node, ctx: RuleContext): boolean {
  const name = ctx.qualifiedName(call.childForFieldName('function'));
  return name !== null && SLEEPS.has(name);
}

/** `sleep(0)`: a cooperative yield rather than a wait (TIM003 has an opinion on it, TIM001 does not). */
export function sleepsZero(call: Node): boolean {
  const args = callArguments(call);
  const duration = args.positional[0] ?? args.keywords.get('secs') ?? args.keywords.get('seconds');
  return !!duration && isFalsyLiteral(duration) && unwrapParens(duration).type !== 'none';
}

const TIME_SOURCES = /\b(time|monotonic|perf_counter|utcnow|now|deadline|timeout|expire|elapsed)\b|\btime\.(time|monotonic)\(/i;
const COUNTER_HINTS = /\b(attempt|attempts|retries|retry|tries|count|counter|i|n|loops|iterations|remaining|max_\w+|limit)\b/i;

/**
 * A loop is bounded when it cannot spin forever: a `for` loop (its iterable ends), a `while` whose
 * condition compares a counter or a deadline, or a body that leaves (`break`/`raise`/`self.fail`/
 * `return`) under a condition mentioning such a bound.
 */
export function isBoundedLoop(loop: Node): boolean {
  if (loop.type === 'for_statement') return true;
  if (loop.type !== 'while_statement') return false;
  const condition = loop.childForFieldName('condition');
  if (condition && mentionsBound(condition)) return true;
  for (const guard of loop.childForFieldName('body')?.descendantsOfType('if_statement') ?? []) {
    if (!guard) continue;
    const test = guard.childForFieldName('condition');
    if (!test || !mentionsBound(test)) continue;
    const exits = guard.childForFieldName('consequence')?.descendantsOfType(['break_statement', 'raise_statement', 'return_statement', 'call']) ?? [];
    if (exits.some((exit) => exit && (exit.type !== 'call' || /(\.fail|^fail|pytest\.fail)$/.test(exit.childForFieldName('function')?.text ?? '')))) return true;
  }
  return false;
}

function mentionsBound(test: Node): boolean {
  const node = unwrapParens(test);
  const comparisons = node.type === 'comparison_operator' ? [node] : node.descendantsOfType('comparison_operator');
  return comparisons.some((comparison) => {
    if (!comparison) return false;
    const ordered = comparisonOperators(comparison).some((op) => ['<', '<=', '>', '>=', '=='].includes(op));
    return ordered && (TIME_SOURCES.test(comparison.text) || COUNTER_HINTS.test(comparison.text));
  });
}

/** The innermost loop between `node` and the function that holds it. */
export function enclosingLoop(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'while_statement' || current.type === 'for_statement') return current;
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda') return null;
  }
  return null;
}
