import type { Graph, IrNode, NodeId } from '../ir/graph.js';
import type { OpDef } from './def.js';
import { binaryOp, broadcastShapeRule, mapElements } from './elementwise.js';

/** The comparisons a piecewise select can branch on. */
export const COMPARISONS = {
  lt: (a: number, b: number) => a < b,
  le: (a: number, b: number) => a <= b,
  eq: (a: number, b: number) => a === b,
} as const;

export type Comparison = keyof typeof COMPARISONS;

/**
 * select_◇(a, b, x, y) = x where a ◇ b holds, y elsewhere (element-wise):
 * the IR's piecewise function, for branches and ternaries in source code,
 * max/min, and guards in derivative rules. The condition is not
 * differentiated: the derivative is that of the branch taken,
 *   ∂/∂x = [a ◇ b],  ∂/∂y = [not a ◇ b],  ∂/∂a = ∂/∂b = 0,
 * each again a select, so derivatives of any order stay piecewise.
 */
function selectOp(comparison: Comparison): OpDef {
  const holds = COMPARISONS[comparison];
  const op = `select_${comparison}` as const;
  return {
    arity: 4,
    shape: broadcastShapeRule,
    evaluate: (args, node) => mapElements(node.shape, args, (a, b, x, y) => (holds(a, b) ? x : y)),
    vjp: (g: Graph, node: IrNode, adjoint: NodeId) => {
      const [a, b] = node.args;
      const zero = g.constant(0);
      return [null, null, g.apply(op, [a, b, adjoint, zero]), g.apply(op, [a, b, zero, adjoint])];
    },
    traits: { elementwise: true, cost: 'branch' },
  };
}

export const select_lt = selectOp('lt');
export const select_le = selectOp('le');
export const select_eq = selectOp('eq');

// max(a, b): ∂/∂a = [b ≤ a] (a tie goes to a), ∂/∂b = [a < b]
export const max = binaryOp({
  fn: (a, b) => (a < b ? b : a),
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const zero = g.constant(0);
    return [g.apply('select_lt', [a, b, zero, adj]), g.apply('select_lt', [a, b, adj, zero])];
  },
  cost: 'branch',
});

// min(a, b): ∂/∂a = [a ≤ b] (a tie goes to a), ∂/∂b = [b < a]
export const min = binaryOp({
  fn: (a, b) => (b < a ? b : a),
  vjp: (g, node, adj) => {
    const [a, b] = node.args;
    const zero = g.constant(0);
    return [g.apply('select_lt', [b, a, zero, adj]), g.apply('select_lt', [b, a, adj, zero])];
  },
  cost: 'branch',
});
