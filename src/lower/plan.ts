import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import { nodesNeeded } from '../ir/order.js';
import { type Lowering, classify } from './classify.js';
import { pairedSoftmax } from './fusion.js';
import { BatchLayout } from './layout.js';
import { type Storage, lastUses } from './liveness.js';
import type { Workspace, WorkspaceSlot } from './workspace.js';

export interface LoweringSpec {
  readonly graph: Graph;
  /** Nodes whose values the program must produce. */
  readonly roots: readonly NodeId[];
  /** Tensor roots written straight into the caller's arrays (gradients, predictions): they take no slot. */
  readonly outputs: ReadonlySet<NodeId>;
  /** Where every other tensor lives while it is needed; shared by programs that never run at the same time. */
  readonly workspace: Workspace;
  /**
   * Elements of a scratch array the backend's kernel for this node needs
   * while it runs (a transposed copy for a matrix product), if any: a
   * backend's choice, so it is asked.
   */
  readonly scratchLength?: (node: IrNode, layout: BatchLayout) => number | undefined;
  /**
   * Nodes whose values the caller provides like inputs (stored by an earlier
   * program): read, not computed, and what only they need is not scheduled.
   */
  readonly given?: ReadonlySet<NodeId>;
}

/**
 * A loop program, decided and not yet printed: what every loop backend needs
 * to know about a graph. Statements follow `order`; a backend prints one for
 * each node whose lowering is `array`, `scalar` or `reduction` (a fused pair
 * once, at its first node).
 */
export interface LoweredProgram {
  readonly graph: Graph;
  readonly order: readonly NodeId[];
  /** How each scheduled node is computed. */
  readonly how: ReadonlyMap<NodeId, Lowering>;
  readonly layout: BatchLayout;
  /** softmax(z) ↔ softmax_ce(z, y), computed by one row kernel at the first of the two. */
  readonly partner: ReadonlyMap<NodeId, NodeId>;
  /** The workspace slot of every array node that is not an output. */
  readonly slots: ReadonlyMap<NodeId, WorkspaceSlot>;
  /** A scratch slot a node's kernel borrows during its statement only. */
  readonly scratch: ReadonlyMap<NodeId, WorkspaceSlot>;
  /** The workspace slots the program uses, in order of first use. */
  readonly buffers: readonly WorkspaceSlot[];
}

/**
 * Lowers a tensor graph to a loop program: schedules the nodes `roots` need,
 * classifies each (fusing element-wise nodes into their consumers' loops),
 * pairs softmax with its cross-entropy, finds the batch axis, and gives every
 * array a workspace slot that it hands on to another tensor after its last
 * use. Nothing is allocated at run time: the slots are made once.
 */
export function lowerProgram(spec: LoweringSpec): LoweredProgram {
  const { graph: g, workspace, outputs } = spec;
  const given = spec.given ?? new Set<NodeId>();
  const order = nodesNeeded(g, spec.roots, given);
  const position = new Map(order.map((id, i) => [id, i]));
  const layout = new BatchLayout(g);
  const how = classify(g, order, spec.roots, given);
  const partner = pairedSoftmax(g, order, position);
  const at = (id: NodeId): number => Math.min(position.get(id) as number, position.get(partner.get(id) ?? id) as number);
  const freeAfter = new Map<number, NodeId[]>();
  for (const [id, p] of lastUses({ graph: g, order, storage: (id) => storageOf(how.get(id)), at, roots: spec.roots })) {
    freeAfter.set(p, [...(freeAfter.get(p) ?? []), id]);
  }

  const slots = new Map<NodeId, WorkspaceSlot>();
  const scratch = new Map<NodeId, WorkspaceSlot>();
  const written = new Set<NodeId>();
  workspace.begin();
  for (const [p, id] of order.entries()) {
    if (how.get(id) === 'array' && !written.has(id)) {
      const other = partner.get(id);
      // A fused pair is written by one statement: the softmax's array first, then the loss's.
      const group = other === undefined ? [id] : g.node(id).op === 'softmax' ? [id, other] : [other, id];
      for (const m of group) {
        written.add(m);
        if (!outputs.has(m)) slots.set(m, workspace.acquire(layout.rowLength(m), layout.isBatched(m)));
      }
      const length = other === undefined ? spec.scratchLength?.(g.node(id), layout) : undefined;
      if (length !== undefined) {
        const slot = workspace.acquire(length, false);
        scratch.set(id, slot);
        workspace.release(slot); // needed during the call only
      }
    }
    for (const dead of freeAfter.get(p) ?? []) {
      const slot = slots.get(dead);
      if (slot !== undefined) workspace.release(slot);
    }
  }
  return { graph: g, order, how, layout, partner, slots, scratch, buffers: [...workspace.used] };
}

/** Where a node's value lives, as far as liveness is concerned. */
function storageOf(how: Lowering | undefined): Storage {
  return how === 'var' || how === 'array' ? 'array' : how === 'inlined' || how === 'alias' ? how : 'none';
}
