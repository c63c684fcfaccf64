import type { Expression, ForOfStatement, ForStatement, Statement } from 'ts-morph';
import { Node, SyntaxKind } from '../../util/ts-morph.js';
import { type Graph, IrError, type NodeId, strided } from '../../ir/graph.js';
import { CompileError } from '../../util/errors.js';
import type { Context } from './expressions.js';
import type { Value } from './values.js';
import { keepAsScan } from './scan-loop.js';

/**
 * Loops kept as loops. A `for` loop over an index with bounds known when
 * compiling, or a for-of over a vector parameter, whose iterations do not
 * depend on each other, is translated once for all iterations at the same
 * time: the index i is the vector range(a, [m]) of its m values, `x[i + c]`
 * is the slice x[a+c … a+c+m−1] (of an array of numbers T, `T[i + c]`, the
 * table of those numbers: ops/tensor/table.ts), every value the body computes is a vector
 * of m entries (a lane per iteration; numbers from outside broadcast), an
 * if/else is a select per lane, and `s += e` / `s -= e` on a variable from
 * outside adds up e's lanes after the loop: s + Σ e. The generated code
 * prints such lane vectors as one loop (backends/ts/lane-functions.ts), so
 * its size does not grow with m, and differentiation gives one loop too.
 *
 * A loop whose iterations do depend on each other (it reads a variable it
 * also assigns, assigns one other than by += / -=, indexes with other than
 * i + c, jumps out) is not kept: the translator unrolls it, as it does every
 * loop of at most UNROLL_UP_TO iterations.
 */
export const UNROLL_UP_TO = 8;

/** A loop that cannot be kept as a loop is unrolled up to this many iterations; a longer one is an error saying why it was not kept. */
export const UNROLL_AT_MOST = 10_000;

/** What the lane translation needs from the statement translator. */
export interface LaneHost {
  numberOf(e: Expression, ctx: Context): NodeId;
  expression(e: Expression, ctx: Context): Value;
  bind(ctx: Context, name: string, value: Value, mutable: boolean): Context;
  runStraight(statements: readonly Statement[], ctx: Context): void;
  /** Records `name` as the user's name of `node` if this statement made it (made after `before`). */
  name(node: NodeId, before: number, name: string, at: Node): void;
  readonly graph: Graph;
}

/** A loop's header read for keeping it as a loop: the loop variable, its values as a lane vector, and the body. */
export interface LaneHeader {
  readonly name: string;
  readonly lanes: NodeId;
  readonly length: number;
  readonly body: Statement;
  readonly mutable: boolean;
  /** The index counts down (`for (let i = b; i >= a; i--)`): the lanes are a … b still, the iterations run from the last. */
  readonly reverse?: boolean;
}

/** Why a loop was not kept as a loop, for the error when it is too long to unroll. */
export interface NotKept {
  readonly reason: string;
}

/**
 * Translates the loop `s` as a loop when it can be kept as one: returns true
 * with the variables it adds to updated in `ctx.store`; else (nothing
 * changed) why not, and the loop must be unrolled.
 */
export function keepAsLoop(host: LaneHost, s: Statement, ctx: Context): true | NotKept {
  const shape = 'it is not for (let i = a; i < b; i++) with a and b known when compiling, nor for (const v of x) over a vector parameter';
  let header: LaneHeader | undefined;
  try {
    header = Node.isForStatement(s) ? indexHeader(host, s, ctx) : Node.isForOfStatement(s) ? vectorHeader(host, s, ctx) : undefined;
  } catch (error) {
    if (error instanceof CompileError || error instanceof IrError) return { reason: shape };
    throw error;
  }
  if (header === undefined) return { reason: shape };
  if (header.length <= UNROLL_UP_TO) return { reason: `it runs ${header.length} times (loops of at most ${UNROLL_UP_TO} are unrolled)` };
  const assigned = assignedNames(header.body);
  if (assigned.has(header.name)) return { reason: `it assigns its index '${header.name}'` };
  // counting down, the iterations' order is the source's only as a scan (a lane sum adds them up from the first)
  const lanes = header.reverse ? { reason: 'it counts down' } : keepAsLanes(host, header, assigned, s, ctx);
  if (lanes === true) return true;
  // its iterations depend on each other: a recurrence, kept as one loop carrying its variables (scan-loop.ts)
  const scan = keepAsScan(host, header, assigned, s, ctx);
  if (scan === true) return true;
  return { reason: scan.reason === lanes.reason ? lanes.reason : `${lanes.reason}; as a recurrence: ${scan.reason}` };
}

/** The loop as lane vectors, when its iterations are independent. */
function keepAsLanes(host: LaneHost, header: LaneHeader, assigned: ReadonlySet<string>, s: Statement, ctx: Context): true | NotKept {
  const trial = new Map(ctx.store);
  const accumulators: number[] = [];
  for (const name of assigned) {
    const binding = ctx.env.get(name);
    const value = binding === undefined ? undefined : trial.get(binding.id);
    if (binding === undefined || value === undefined) continue; // declared inside the body (or an error the unrolled loop reports)
    if (value.kind !== 'number' || host.graph.shapeOf(value.node).length !== 0) return { reason: `it assigns '${name}', which is not a number` };
    // s + (e₀ + e₁ + …) is not ((s + e₀) + e₁) + … in floating point: a sum from another start is carried by a recurrence (scan-loop.ts), in the source's order
    if (!host.graph.isConstant(value.node, 0)) return { reason: `the sum '${name}' starts from a value other than 0` };
    trial.set(binding.id, { kind: 'accumulator', base: value.node, delta: host.graph.constant(0) });
    accumulators.push(binding.id);
  }
  try {
    const inner = host.bind({ ...ctx, store: trial }, header.name, { kind: 'number', node: header.lanes }, header.mutable);
    host.runStraight(Node.isBlock(header.body) ? header.body.getStatements() : [header.body], inner);
    const before = host.graph.nodes.length;
    const results = accumulators.map((id) => [id, total(host, trial.get(id), header.length)] as const);
    for (const [id, value] of results) {
      ctx.store.set(id, { kind: 'number', node: value });
      const name = [...ctx.env.values()].find((b) => b.id === id)?.name;
      if (name !== undefined) host.name(value, before, name, s);
    }
    return true;
  } catch (error) {
    if (error instanceof CompileError) return { reason: `${error.message}${error.location ? ` (line ${error.location.line})` : ''}` };
    if (error instanceof IrError) return { reason: error.message };
    throw error;
  }
}

/** `s += e` or `s -= e` (`++`, `--`) on a variable the loop adds to: its lanes so far plus (minus) e. */
export function accumulate(host: LaneHost, current: Extract<Value, { kind: 'accumulator' }>, op: 'add' | 'sub', term: NodeId): Value {
  return { kind: 'accumulator', base: current.base, delta: host.graph.apply(op, [current.delta, term]) };
}

/** The value after the loop: s + Σ over the lanes of what the body added (m·e for an e the same in every lane). */
function total(host: LaneHost, value: Value | undefined, m: number): NodeId {
  if (value?.kind !== 'accumulator') throw new IrError('a loop variable lost its sum');
  const g = host.graph;
  const delta = value.delta;
  const sum = g.shapeOf(delta).length === 0 ? g.mul(g.constant(m), delta) : g.apply('sum', [delta]);
  return g.add(value.base, sum);
}

/**
 * `for (let i = a; i < b; i++)` (or i <= b, ++i, i += 1) with a and b known
 * when compiling; or counting down, `for (let i = b; i >= a; i--)` (or i > a − 1,
 * --i, i -= 1): the same lanes a … b, run from the last (reverse).
 */
function indexHeader(host: LaneHost, s: ForStatement, ctx: Context): LaneHeader | undefined {
  const init = s.getInitializer();
  const condition = s.getCondition();
  const step = s.getIncrementor();
  if (!init || !Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1 || !condition || !step) return undefined;
  const decl = init.getDeclarations()[0];
  const start = decl.getInitializer();
  if (!Node.isIdentifier(decl.getNameNode()) || !start) return undefined;
  const name = decl.getName();
  const a = host.graph.constantValue(host.numberOf(start, ctx));
  if (a === undefined || !Number.isInteger(a)) return undefined;
  const body = s.getStatement();
  const stride = stepUp(step, name);
  if (stride !== undefined) {
    const end = upperBound(host, condition, name, ctx);
    const length = end === undefined ? 0 : Math.max(0, Math.ceil((end - a) / stride));
    if (length === 0) return undefined;
    return { name, lanes: host.graph.apply('range', [], { value: a, shape: [length], ...strided(stride) }), length, body, mutable: false };
  }
  if (isIncrement(step, name, '-')) {
    const low = lowerBound(host, condition, name, ctx);
    const first = low === undefined ? undefined : Math.max(0, Math.floor(low));
    const length = first === undefined ? 0 : a - first + 1;
    if (first === undefined || first !== low || length <= 0) return undefined;
    return { name, lanes: host.graph.apply('range', [], { value: first, shape: [length] }), length, body, mutable: false, reverse: true };
  }
  return undefined;
}

/** a of `i >= a` (a + 1 for i > a), an integer known when compiling; undefined otherwise. */
function lowerBound(host: LaneHost, condition: Expression, name: string, ctx: Context): number | undefined {
  if (!Node.isBinaryExpression(condition) || condition.getLeft().getText() !== name) return undefined;
  const op = condition.getOperatorToken().getKind();
  if (op !== SyntaxKind.GreaterThanToken && op !== SyntaxKind.GreaterThanEqualsToken) return undefined;
  const b = host.graph.constantValue(host.numberOf(condition.getRight(), ctx));
  if (b === undefined || !Number.isInteger(b)) return undefined;
  return op === SyntaxKind.GreaterThanEqualsToken ? b : b + 1;
}

/** b of `i < b` (b + 1 for i <= b, an integer b), known when compiling; undefined otherwise. */
function upperBound(host: LaneHost, condition: Expression, name: string, ctx: Context): number | undefined {
  if (!Node.isBinaryExpression(condition) || condition.getLeft().getText() !== name) return undefined;
  const op = condition.getOperatorToken().getKind();
  if (op !== SyntaxKind.LessThanToken && op !== SyntaxKind.LessThanEqualsToken) return undefined;
  const b = host.graph.constantValue(host.numberOf(condition.getRight(), ctx));
  if (b === undefined || !Number.isFinite(b)) return undefined;
  return op === SyntaxKind.LessThanToken ? b : Number.isInteger(b) ? b + 1 : undefined;
}

/** s of i += s or i = i + s, s a positive integer written as a literal; 1 for i++ (++i). */
function stepUp(step: Expression, name: string): number | undefined {
  if (isIncrement(step, name, '+')) return 1;
  const text = step.getText().replace(/\s+/g, '');
  const id = name.replace(/\$/g, '\\$');
  const match = new RegExp(`^${id}(?:\\+=|=${id}\\+)([1-9][0-9]*)$`).exec(text);
  return match === null ? undefined : Number(match[1]);
}

/** i++, ++i, i += 1, i = i + 1 (sign '+'); i--, --i, i -= 1, i = i - 1 (sign '-'). */
function isIncrement(step: Expression, name: string, sign: '+' | '-'): boolean {
  const text = step.getText().replace(/\s+/g, '');
  return [`${name}${sign}${sign}`, `${sign}${sign}${name}`, `${name}${sign}=1`, `${name}=${name}${sign}1`].includes(text);
}

/** `for (const v of x)` over a vector parameter: v is the whole vector, one lane per element. */
function vectorHeader(host: LaneHost, s: ForOfStatement, ctx: Context): LaneHeader | undefined {
  const init = s.getInitializer();
  if (!Node.isVariableDeclarationList(init) || init.getDeclarations().length !== 1) return undefined;
  const decl = init.getDeclarations()[0];
  if (!Node.isIdentifier(decl.getNameNode())) return undefined;
  const vector = host.expression(s.getExpression(), ctx);
  if (vector.kind !== 'vector' || vector.whole === undefined) return undefined;
  return { name: decl.getName(), lanes: vector.whole, length: vector.length, body: s.getStatement(), mutable: init.getDeclarationKind() === 'let' };
}

/** The names a statement assigns (=, op=, ++, --; a[k] = … assigns a), outside nested functions. */
function assignedNames(s: Node): Set<string> {
  const names = new Set<string>();
  const add = (target: Node) => {
    const base = Node.isElementAccessExpression(target) ? target.getExpression() : target;
    if (Node.isIdentifier(base)) names.add(base.getText());
  };
  const visit = (n: Node): void => {
    if (Node.isArrowFunction(n) || Node.isFunctionExpression(n) || Node.isFunctionDeclaration(n)) return;
    if (Node.isBinaryExpression(n) && isAssignment(n.getOperatorToken().getKind())) add(n.getLeft());
    if ((Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n))
      && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(n.getOperatorToken())) {
      add(n.getOperand());
    }
    n.forEachChild(visit);
  };
  visit(s);
  return names;
}

function isAssignment(kind: SyntaxKind): boolean {
  return kind >= SyntaxKind.FirstAssignment && kind <= SyntaxKind.LastAssignment;
}
