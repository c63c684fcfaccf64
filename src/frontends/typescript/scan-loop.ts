import type { Node, Statement } from 'ts-morph';
import { Node as Nodes } from '../../util/ts-morph.js';
import { type Graph, IrError, type NodeId } from '../../ir/graph.js';
import { dependsOnVariable, nodesNeeded } from '../../ir/order.js';
import { scanStep, stepInputs } from '../../ir/scan.js';
import { OPS, type OpName } from '../../ops/registry.js';
import { CompileError } from '../../util/errors.js';
import type { Context } from './expressions.js';
import type { LaneHeader, LaneHost, NotKept } from './lanes.js';
import type { Value } from './values.js';

/**
 * A long loop whose iterations depend on each other — a recurrence such as
 * `m = a * m + (1 - a) * x[i]`, or theta and omega of Euler steps — kept as
 * one loop: a `scan` node (ir/scan.ts) whose step is the body as a graph of
 * scalars. The body is translated once as for a loop with independent
 * iterations (lanes.ts: i the index vector, x[i + c] a slice, a number from
 * outside broadcast), with each variable it assigns standing for its values
 * before the iterations (a placeholder vector); the nodes that depend on
 * those are the step, its leaves its inputs: the carried variables, the
 * numbers from outside (invariants) and the vectors read per iteration.
 * After the loop each carried variable is the scan's final value.
 */
export function keepAsScan(host: LaneHost, header: LaneHeader, assigned: ReadonlySet<string>, s: Statement, ctx: Context): true | NotKept {
  const g = host.graph;
  const m = header.length;
  const trial = new Map(ctx.store);
  const carried: { readonly id: number; readonly name: string; readonly init: NodeId; readonly placeholder: NodeId }[] = [];
  for (const name of assigned) {
    const binding = ctx.env.get(name);
    const value = binding === undefined ? undefined : trial.get(binding.id);
    if (binding === undefined || value === undefined) continue; // declared inside the body
    if (value.kind !== 'number' || g.shapeOf(value.node).length !== 0) return { reason: `it assigns '${name}', which is not a number` };
    const placeholder = g.variable(`${name}⟨carried⟩@${g.nodes.length}`, [m]);
    trial.set(binding.id, { kind: 'number', node: placeholder });
    carried.push({ id: binding.id, name, init: value.node, placeholder });
  }
  if (carried.length === 0) return { reason: 'it assigns no variable from outside it' };
  let outs: NodeId[];
  try {
    const inner = host.bind({ ...ctx, store: trial }, header.name, { kind: 'number', node: header.lanes }, header.mutable);
    host.runStraight(Nodes.isBlock(header.body) ? header.body.getStatements() : [header.body], inner);
    outs = carried.map((c) => numberOf(trial.get(c.id), c.name));
  } catch (error) {
    if (error instanceof CompileError) return { reason: `${error.message}${error.location ? ` (line ${error.location.line})` : ''}` };
    if (error instanceof IrError) return { reason: error.message };
    throw error;
  }
  const extracted = extractStep(g, carried.map((c) => c.placeholder), outs, m, header.reverse === true);
  if ('reason' in extracted) return extracted;
  const before = g.nodes.length;
  const scan = g.apply('scan', [...carried.map((c) => c.init), ...extracted.invariants, ...extracted.xs], { scan: extracted.step });
  carried.forEach((c, j) => {
    const final = g.apply('slice', [scan], { value: j, shape: [] });
    ctx.store.set(c.id, { kind: 'number', node: final });
    host.name(final, before, c.name, s as Node);
  });
  return true;
}

function numberOf(v: Value | undefined, name: string): NodeId {
  if (v?.kind !== 'number') throw new IrError(`'${name}' is not a number after the loop's body`);
  return v.node;
}

/**
 * The step of the body: the nodes between the placeholders and the new
 * values `outs`, copied as scalars into a graph of their own. A number from
 * outside (shape []) becomes an invariant input, a vector read per iteration
 * that no carried value enters (x[i], i, a table) an x input; element-wise
 * nodes are copied.
 */
function extractStep(g: Graph, placeholders: readonly NodeId[], outs: readonly NodeId[], m: number, reverse: boolean) {
  const order = nodesNeeded(g, outs);
  const carriedIn = new Set<NodeId>(placeholders);
  for (const id of order) if (g.node(id).args.some((a) => carriedIn.has(a))) carriedIn.add(id);
  const invariants: NodeId[] = [];
  const xs: NodeId[] = [];
  const copied = new Set<NodeId>();
  const fail = (id: NodeId): NotKept => ({ reason: `its body computes ${g.node(id).op} of a vector, which a loop step cannot` });
  // which nodes are the step's leaves, which it copies
  const visit = (id: NodeId): NotKept | undefined => {
    if (copied.has(id) || invariants.includes(id) || xs.includes(id) || placeholders.includes(id)) return undefined;
    const n = g.node(id);
    const shape = n.shape;
    if (n.op === 'const') return undefined;
    if (shape.length === 0) {
      invariants.push(id);
      return undefined;
    }
    if (shape.length !== 1 || shape[0] !== m) return fail(id);
    if (n.op === 'broadcast_to' && g.shapeOf(n.args[0]).length === 0) return visit(n.args[0]);
    const leaf = !carriedIn.has(id) && (n.op === 'slice' || n.op === 'var' || n.op === 'range' || n.op === 'table' || !dependsOnVariable(g, id));
    if (leaf) {
      xs.push(id);
      return undefined;
    }
    if (!OPS[n.op as OpName].traits.elementwise) return fail(id);
    copied.add(id);
    for (const a of n.args) {
      const bad = visit(a);
      if (bad) return bad;
    }
    return undefined;
  };
  for (const o of outs) {
    const bad = visit(o);
    if (bad) return bad;
  }
  const { graph, inputs } = stepInputs(placeholders.length, invariants.length, xs.length);
  const map = new Map<NodeId, NodeId>();
  [...placeholders, ...invariants, ...xs].forEach((id, i) => map.set(id, inputs[i]));
  const origins = new Map<NodeId, NodeId>();
  const copy = (id: NodeId): NodeId => {
    const known = map.get(id);
    if (known !== undefined) return known;
    const n = g.node(id);
    let made: NodeId;
    if (n.op === 'const') made = graph.constant(n.attrs.value as number);
    else if (n.op === 'broadcast_to') made = copy(n.args[0]);
    else made = graph.apply(n.op as OpName, n.args.map(copy), n.attrs);
    map.set(id, made);
    if (!origins.has(made)) origins.set(made, id);
    return made;
  };
  const outputs = outs.map(copy);
  const step = scanStep({ graph, inputs, carries: placeholders.length, invariants: invariants.length, outputs, length: m, reverse, origins });
  return { step, invariants, xs };
}
