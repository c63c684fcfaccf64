import { validateNetwork } from '../src/compile/network/validate.js';
import { describe, expect, it } from 'vitest';
import { Graph, type NodeId } from '../src/ir/graph.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { BATCH, sizeOf } from '../src/ir/shape.js';
import { trainerPrograms } from '../src/backends/ts/network/trainer-class.js';
import { emitProgram, type Program } from '../src/backends/ts/tensor/program.js';
import { Workspace, type WorkspaceSlot } from '../src/lower/workspace.js';
import { dense, testNetwork } from './helpers/network-module.js';

// Liveness is checked independently of the compiler's own analysis, from the
// program text and the graph: a tensor is written by the statement whose
// comment names it (`// %5 = …`, or `const s5 = ` for scalars); a node with no
// statement of its own (inlined, or a reshape alias) is evaluated where its
// consumers are. A tensor is live from its write to the last statement that
// reads it (through aliases), or to the end when nothing in the program reads it.

interface Interval {
  readonly id: NodeId;
  readonly from: number;
  readonly to: number;
}

function liveIntervals(g: Graph, program: Program): Interval[] {
  const statementOf = new Map<NodeId, number>();
  program.statements.forEach((s, i) => {
    for (const m of s.matchAll(/\/\/ %(\d+) = |\bconst s(\d+) = /g)) statementOf.set(Number(m[1] ?? m[2]), i);
  });
  const consumers = new Map<NodeId, NodeId[]>();
  for (const n of g.nodes) for (const a of new Set(n.args)) consumers.set(a, [...(consumers.get(a) ?? []), n.id]);
  const evaluatedAt = (id: NodeId): number | undefined => {
    const own = statementOf.get(id);
    if (own !== undefined) return own;
    const at = (consumers.get(id) ?? []).map(evaluatedAt).filter((p): p is number => p !== undefined);
    return at.length === 0 ? undefined : Math.min(...at);
  };
  const readers = (id: NodeId): number[] =>
    (consumers.get(id) ?? []).flatMap((c) => {
      if (g.node(c).op === 'reshape') return readers(c);
      const at = evaluatedAt(c);
      return at === undefined ? [] : [at];
    });
  return [...program.slots.keys()].map((id) => {
    const from = statementOf.get(id);
    if (from === undefined) throw new Error(`no statement writes workspace tensor %${id}`);
    const reads = readers(id);
    return { id, from, to: reads.length === 0 ? Infinity : Math.max(...reads) };
  });
}

/** Pairs of tensors given the same slot while both are live (a write into a slot read by the same statement counts). */
function conflicts(g: Graph, program: Program, slotOf = program.slots): string[] {
  const intervals = liveIntervals(g, program);
  const found: string[] = [];
  for (const a of intervals) {
    for (const b of intervals) {
      if (a.id < b.id && slotOf.get(a.id) === slotOf.get(b.id) && a.from <= b.to && b.from <= a.to) {
        found.push(`%${a.id} [${a.from}, ${a.to}] and %${b.id} [${b.from}, ${b.to}] share ${slotOf.get(a.id)?.name}`);
      }
    }
  }
  return found;
}

const NETWORKS = {
  dropoutRegularized: testNetwork({
    layers: [dense(12, 'relu', { dropout: 0.2 }), dense(9, 'leaky_relu'), dense(3, 'softmax')],
    loss: 'cce',
    optimizer: { kind: 'adamw', lr: 0.01, weightDecay: 0.01 },
    regularization: { l2: 0.001, l1: 0.0001 },
  }),
  equalWidths: testNetwork({ layers: [dense(8, 'relu'), dense(8, 'tanh'), dense(8, 'softplus'), dense(1, 'sigmoid')], loss: 'bce' }),
  regression: testNetwork({ layers: [dense(5, 'sigmoid'), dense(2, 'linear')], loss: 'mse', regularization: { l1: 0.01 } }),
  mae: testNetwork({ layers: [dense(4, 'tanh'), dense(2, 'tanh')], loss: 'mae' }),
  mnist: testNetwork({ inputs: 784, layers: [dense(128, 'relu'), dense(10, 'softmax')], loss: 'cce' }),
};

function compiled(name: keyof typeof NETWORKS) {
  const c = compileNetwork(name, validateNetwork(NETWORKS[name]));
  const workspace = new Workspace();
  const programs = trainerPrograms(c, workspace);
  const graphs = { train: c.gradient.graph, predict: c.inference.graph, evaluate: c.inference.graph };
  return { c, workspace, programs, graphs };
}

/** Elements per row of a tensor, and whether its first axis is the batch. */
function expectedSlot(g: Graph, id: NodeId): Pick<WorkspaceSlot, 'length' | 'batched'> {
  const shape = g.shapeOf(id);
  const batched = shape[0] === BATCH;
  return { length: sizeOf(batched ? shape.slice(1) : shape), batched };
}

describe('workspace slots are shared by liveness', () => {
  it.each(Object.keys(NETWORKS) as (keyof typeof NETWORKS)[])('%s: no slot holds two live tensors, and every slot fits its tensor', (name) => {
    const { programs, graphs } = compiled(name);
    for (const which of ['train', 'predict', 'evaluate'] as const) {
      const [g, program] = [graphs[which], programs[which]];
      expect(conflicts(g, program), which).toEqual([]);
      for (const [id, slot] of program.slots) expect({ length: slot.length, batched: slot.batched }).toEqual(expectedSlot(g, id));
      // the program loads every slot it uses: its tensors' and the matmul scratch arrays (fixed-size copies of Bᵀ)
      const tensorSlots = new Set(program.slots.values());
      expect(program.buffers.filter((b) => !tensorSlots.has(b)).every((b) => !b.batched)).toBe(true);
      expect([...tensorSlots].every((b) => program.buffers.includes(b))).toBe(true);
    }
  });

  it('reuses slots: far fewer slots than workspace tensors, one pool for the three programs', () => {
    const { workspace, programs } = compiled('dropoutRegularized');
    const tensors = Object.values(programs).reduce((total, p) => total + p.slots.size, 0);
    expect(workspace.slots.length).toBeLessThanOrEqual(tensors / 2);
    const used = new Set(Object.values(programs).flatMap((p) => p.buffers));
    expect(used).toEqual(new Set(workspace.slots));
    // predict is a prefix of evaluate's work: it needs no slot evaluate does not
    expect(programs.predict.buffers.every((s) => programs.evaluate.buffers.includes(s))).toBe(true);
  });

  it('the check finds a slot given to two live tensors', () => {
    const { programs, graphs } = compiled('mnist');
    const [first, second] = [...programs.train.slots.keys()];
    const tampered = new Map(programs.train.slots).set(second, programs.train.slots.get(first) as WorkspaceSlot);
    // %first (the first layer's product) is read by the statement that writes %second
    expect(conflicts(graphs.train, programs.train, tampered)).toContainEqual(expect.stringMatching(`^%${first} .* and %${second} `));
  });

  it('tensors read after the program (roots, also through a reshape) keep their slots to the end', () => {
    const g = new Graph();
    const x = g.variable('x', [3, 4]);
    const kept = g.call('exp', x);
    const aliased = g.call('sin', x);
    const alias = g.apply('reshape', [aliased], { shape: [4, 3] });
    const c = g.call('cos', x);
    const later = g.mul(c, c); // c has two uses, so it gets an array of its own
    const program = emitProgram({ graph: g, roots: [kept, alias, later], inputs: new Map([[x, 'x']]), outputs: new Map(), workspace: new Workspace() });
    expect(conflicts(g, program)).toEqual([]);
    expect(new Set([kept, aliased, c, later].map((id) => program.slots.get(id))).size).toBe(4);
    expect(program.reference(alias)).toBe(program.slots.get(aliased)?.name);
  });
});
