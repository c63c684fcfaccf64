import type { Graph, NodeId } from './graph.js';
import { OPS } from '../ops/registry.js';
import { COMPARISONS, type Comparison } from '../ops/piecewise.js';
import { scalar } from './tensor.js';

/**
 * The IR interpreter as code with real branches runs a scalar graph: a
 * select_◇(a, b, x, y) computes its comparison a ◇ b, then only the side
 * taken — `if (a ◇ b) { x } else { y }` — so a node needed only on the side
 * not taken (log x in `x > 0 ? Math.log(x) : 0` at x = −1) is not computed.
 * Returns the value of every node computed for `roots`; a node missing from
 * the map is on a side not taken at these inputs. (evaluateGraph computes
 * every node the roots read, both sides of every select.)
 */
export function evaluateTaken(g: Graph, roots: readonly NodeId[], inputs: Readonly<Record<string, number>>): Map<NodeId, number> {
  const values = new Map<NodeId, number>();
  // Depth-first with an explicit stack (an unrolled loop makes chains deeper than the call stack):
  // a node is computed once the nodes it reads — for a select, its comparison, then its side taken — are.
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const id = stack[stack.length - 1];
    if (values.has(id)) {
      stack.pop();
      continue;
    }
    const n = g.node(id);
    const needed = n.op.startsWith('select_') ? selectArguments(n.op, n.args, values) : n.args;
    const missing = needed.filter((a) => !values.has(a));
    if (missing.length > 0) {
      stack.push(...missing);
      continue;
    }
    stack.pop();
    values.set(id, valueOf(g, id, values, inputs));
  }
  return values;
}

/** The arguments a select reads: its comparison's two, then (once they are known) the side taken. */
function selectArguments(op: string, args: readonly NodeId[], values: ReadonlyMap<NodeId, number>): readonly NodeId[] {
  const side = takenSide(op, args, values);
  return side === undefined ? args.slice(0, 2) : [args[0], args[1], side];
}

/** x of select_◇(a, b, x, y) where a ◇ b holds, else y; undefined while a or b is not computed. */
function takenSide(op: string, [a, b, x, y]: readonly NodeId[], values: ReadonlyMap<NodeId, number>): NodeId | undefined {
  const va = values.get(a);
  const vb = values.get(b);
  if (va === undefined || vb === undefined) return undefined;
  return COMPARISONS[op.slice('select_'.length) as Comparison](va, vb) ? x : y;
}

function valueOf(g: Graph, id: NodeId, values: ReadonlyMap<NodeId, number>, inputs: Readonly<Record<string, number>>): number {
  const n = g.node(id);
  if (n.op === 'const') return n.attrs.value ?? NaN;
  if (n.op === 'var') {
    const given = inputs[n.attrs.name ?? ''];
    if (given === undefined) throw new Error(`no value given for variable '${n.attrs.name ?? ''}'`);
    return given;
  }
  if (n.op.startsWith('select_')) return values.get(takenSide(n.op, n.args, values) as NodeId) as number;
  // a scalar graph: every shape is [] (concrete)
  return OPS[n.op].evaluate(n.args.map((a) => scalar(values.get(a) as number)), { ...n, shape: [] }).data[0];
}
