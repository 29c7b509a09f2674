/** Shared by the timing rules: what a sleep call is, and whether a loop around it is bounded. */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../rule';
import { isSelfAssert } from '../../semantics';
import { callArguments, calleeLastName, comparisonOperators, isFalsyLiteral, statements, unwrapParens } from '../../syntax';

/** How many ancestors a walk up the tree visits at most. */
const MAX_CLIMB = 200;

/**
 * The ancestors of `node`, innermost first, at most MAX_CLIMB of them. tree-sitter finds a parent by
 * descending from the root, so each step costs the node's depth: unbounded walks from a call nested 10,000
 * brackets deep took minutes. Nothing these rules look for sits that far above a sleep.
 */
export function* ancestors(node: Node): Generator<Node> {
  let current = node.parent;
  for (let steps = 0; current && steps < MAX_CLIMB; steps++, current = current.parent) yield current;
}

/** The statement holding `node` (a child of a block or of the module), or null when it is nested too deep. */
export function statementOf(node: Node): Node | null {
  let statement = node;
  for (const parent of ancestors(node)) {
    if (parent.type === 'block' || parent.type === 'module') return statement;
    statement = parent;
  }
  return statement.parent ? null : statement;
}

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
  const body = loop.childForFieldName('body');
  const clocks = clockNames(body);
  if (condition && mentionsBound(condition, clocks)) return true;
  if (condition && countsDown(condition, body)) return true;
  if (assertsBound(body) || insideTimeoutBlock(loop)) return true;
  for (const guard of body?.descendantsOfType('if_statement') ?? []) {
    if (!guard) continue;
    const test = guard.childForFieldName('condition');
    if (!test || !mentionsBound(test, clocks)) continue;
    const exits = guard.childForFieldName('consequence')?.descendantsOfType(['break_statement', 'raise_statement', 'return_statement', 'call']) ?? [];
    if (exits.some((exit) => exit && (exit.type !== 'call' || /(\.fail|^fail|pytest\.fail)$/.test(exit.childForFieldName('function')?.text ?? '')))) return true;
  }
  return false;
}

/** `while retries:` with `retries -= 1` in the body: a name of the condition is stepped by the loop. */
function countsDown(condition: Node, body: Node | null): boolean {
  const names = new Set<string>();
  const test = unwrapParens(condition);
  if (test.type === 'identifier') names.add(test.text);
  for (const name of test.descendantsOfType('identifier')) if (name) names.add(name.text);
  if (names.size === 0 || !body) return false;
  return body.descendantsOfType('augmented_assignment').some((step) => {
    const target = step?.childForFieldName('left');
    return !!target && target.type === 'identifier' && names.has(target.text) && /^[-+]=$/.test(step?.childForFieldName('operator')?.text ?? '');
  });
}

/**
 * An unconditional check in the body that fails the loop in time: `self.assertLess(time.time() - start, 30)`,
 * `assert attempts < 5`, or a helper named for it (`self._check_timeout(start)`, `check_deadline()`).
 */
function assertsBound(body: Node | null): boolean {
  return statements(body).some((statement) => {
    if (statement.type === 'assert_statement') return mentionsBound(statement);
    const expression = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (expression?.type !== 'call') return false;
    const name = calleeLastName(expression) ?? '';
    if (/timeout|deadline|expire|retr(y|ies)|attempt/i.test(name)) return true;
    if (!isSelfAssert(expression)) return false;
    return /^assert(Less|Greater)/.test(name) && (TIME_SOURCES.test(expression.text) || COUNTER_HINTS.test(expression.text));
  });
}

const TIMEOUT_BLOCKS = /^(timeout|Timeout|timeout_at)$/;
/** Blocks that end a sleep early on purpose: a timeout, or an assertion that the sleep gets interrupted. */
const INTERRUPTING_BLOCKS = /^(timeout|Timeout|timeout_at|assertRaises|assertRaisesRegex|raises)$/;

/** Does this `with` statement open a context manager called like `names` (`with eventlet.Timeout(5):`)? */
function opensBlock(statement: Node, names: RegExp): boolean {
  const items = statement.namedChildren.find((child) => child?.type === 'with_clause')?.namedChildren ?? [];
  return items.some((item) => {
    if (item?.type !== 'with_item') return false;
    const value = item.childForFieldName('value');
    const call = value?.type === 'as_pattern' ? value.namedChild(0) : value;
    return call?.type === 'call' && names.test(calleeLastName(call) ?? '');
  });
}

/** `with eventlet.Timeout(5):`, `with timeout.Timeout(...)`, `async with asyncio.timeout(5):` around the loop. */
function insideTimeoutBlock(loop: Node): boolean {
  for (const current of ancestors(loop)) {
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda') return false;
    if (current.type === 'with_statement' && opensBlock(current, TIMEOUT_BLOCKS)) return true;
  }
  return false;
}

/**
 * A sleep the test means to be cut short: directly (no loop in between) inside `async with asyncio.timeout()`,
 * `with eventlet.Timeout()` or `with self.assertRaises(...)`. It stands for work that gets interrupted, not a wait.
 */
export function isInterruptedSleep(call: Node): boolean {
  for (const current of ancestors(call)) {
    switch (current.type) {
      case 'function_definition':
      case 'class_definition':
      case 'lambda':
      case 'while_statement':
      case 'for_statement':
        return false;
      case 'with_statement':
        if (opensBlock(current, INTERRUPTING_BLOCKS)) return true;
        break;
      case 'try_statement':
        if (catchesInterruption(current)) return true;
    }
  }
  return false;
}

const INTERRUPTIONS = /\b(CancelledError|TimeoutError|Timeout|KeyboardInterrupt|InterruptedError)\b/;

/** `try: ... except asyncio.CancelledError:`: the body is expected to be cut short. */
function catchesInterruption(statement: Node): boolean {
  return statement.namedChildren.some((clause) => {
    if (clause?.type !== 'except_clause') return false;
    const caught = clause.namedChildren.find((child) => child?.type !== 'block' && child?.type !== 'comment');
    return !!caught && INTERRUPTIONS.test(caught.text);
  });
}

const CLOCK_CALL = /\b(time|monotonic|perf_counter|process_time|thread_time|clock_gettime|time_ns|monotonic_ns|perf_counter_ns|process_time_ns|thread_time_ns)\(/;

/**
 * `start = time.process_time(); time.sleep(0.1); stop = time.process_time()`: the statements right before
 * and after the sleep read a clock, so the sleep is what the test measures.
 */
export function isMeasuredSleep(call: Node): boolean {
  const statement = statementOf(call);
  const before = statement?.previousNamedSibling;
  const after = statement?.nextNamedSibling;
  return !!before && !!after && CLOCK_CALL.test(before.text) && CLOCK_CALL.test(after.text);
}

const CLOCK_READ = /\b(time\.(time|monotonic|perf_counter)|monotonic|perf_counter|utcnow|now)\(/;

/** `dt = time.monotonic() - start` in the loop body: `dt` is a deadline check by another name. */
function clockNames(body: Node | null): Set<string> {
  const names = new Set<string>();
  for (const assignment of body?.descendantsOfType('assignment') ?? []) {
    const left = assignment?.childForFieldName('left');
    if (left?.type === 'identifier' && CLOCK_READ.test(assignment?.childForFieldName('right')?.text ?? '')) names.add(left.text);
  }
  return names;
}

function mentionsBound(test: Node, clocks: ReadonlySet<string> = new Set()): boolean {
  const node = unwrapParens(test);
  const comparisons = node.type === 'comparison_operator' ? [node] : node.descendantsOfType('comparison_operator');
  return comparisons.some((comparison) => {
    if (!comparison) return false;
    const ordered = comparisonOperators(comparison).some((op) => ['<', '<=', '>', '>=', '=='].includes(op));
    if (!ordered) return false;
    if (TIME_SOURCES.test(comparison.text) || COUNTER_HINTS.test(comparison.text)) return true;
    return clocks.size > 0 && comparison.descendantsOfType('identifier').some((name) => !!name && clocks.has(name.text));
  });
}

/** The loop's own ways out: `break`/`return`/`raise` not owned by an inner loop or a nested def. */
export function canLeave(loop: Node, ways: readonly string[] = ['break_statement', 'return_statement', 'raise_statement']): boolean {
  const body = loop.childForFieldName('body');
  const exits = body?.descendantsOfType([...ways]) ?? [];
  return exits.some((exit) => {
    if (!exit) return false;
    for (const current of ancestors(exit)) {
      if (current.id === loop.id) return true;
      if (current.type === 'function_definition' || current.type === 'lambda' || current.type === 'class_definition') return false;
      if (exit.type === 'break_statement' && (current.type === 'while_statement' || current.type === 'for_statement')) return false;
    }
    return false;
  });
}

/** `while True:` / `while 1:` with no way out runs until the process ends: a workload, not a wait for a state. */
function isEndless(loop: Node, condition: Node): boolean {
  const test = unwrapParens(condition);
  return (test.type === 'true' || (test.type === 'integer' && test.text !== '0')) && !canLeave(loop);
}

export const STOP_FLAG = /(stop|stopped|stopping|finish|finished|quit|exit|shutdown|terminate|running|alive|keep_going|cancel)\w*$/i;

/**
 * A thread target or helper that works until the test sets a flag (`while not finish:`, `while not
 * self.stop:`, `while not stop_event.is_set():`) and does more than sleep: the test ends it; it waits for nothing.
 */
function isStoppableWorker(loop: Node, condition: Node, ctx: RuleContext): boolean {
  if (ctx.scope === ctx.scope.testFunction) return false;
  let test = unwrapParens(condition);
  if (test.type === 'not_operator') test = unwrapParens(test.childForFieldName('argument') ?? test);
  if (test.type === 'call' && calleeLastName(test) === 'is_set') test = test.childForFieldName('function')?.childForFieldName('object') ?? test;
  if (test.type !== 'identifier' && test.type !== 'attribute') return false;
  if (!STOP_FLAG.test(test.text)) return false;
  // A body that only sleeps (and refreshes) is waiting for someone else to flip the flag.
  return statements(loop.childForFieldName('body')).some((statement) => {
    const expression = statement.type === 'expression_statement' ? unwrapParens(statement.namedChild(0) ?? statement) : null;
    const call = expression?.type === 'await' ? expression.namedChild(0) : expression;
    return !(call?.type === 'call' && isSleepCall(call, ctx));
  });
}

/** A loop that waits for nothing: endless, or a worker the test stops. Its sleeps pace work, not a wait. */
export function isWorkerLoop(loop: Node, ctx: RuleContext): boolean {
  const condition = loop.type === 'while_statement' ? loop.childForFieldName('condition') : null;
  return !!condition && (isEndless(loop, condition) || isStoppableWorker(loop, condition, ctx));
}

/** The innermost loop between `node` and the function that holds it. */
export function enclosingLoop(node: Node): Node | null {
  for (const current of ancestors(node)) {
    if (current.type === 'while_statement' || current.type === 'for_statement') return current;
    if (current.type === 'function_definition' || current.type === 'class_definition' || current.type === 'lambda') return null;
  }
  return null;
}
