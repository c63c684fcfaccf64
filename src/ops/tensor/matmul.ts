import { type ConcreteNode, type Graph, type NodeId, IrError } from '../../ir/graph.js';
import type { ConcreteShape, Shape } from '../../ir/shape.js';
import { type Tensor, tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { requireMatrix } from './common.js';

/**
 * Matrix products. All three take matrices (rank 2; a vector is a [k, 1] or
 * [1, k] matrix, reshape it first); which operand is read transposed is part
 * of the op, so no transpose is ever materialized:
 *   matmul    C = A B    A[m,k], B[k,n] → C[m,n],  C_ij = Σ_l A_il B_lj
 *   matmul_nt C = A Bᵀ   A[m,k], B[n,k] → C[m,n],  C_ij = Σ_l A_il B_jl
 *   matmul_tn C = Aᵀ B   A[k,m], B[k,n] → C[m,n],  C_ij = Σ_l A_li B_lj
 * Their adjoints stay within the three, so gradients (and gradients of
 * gradients) need no other product.
 */
interface Layout {
  readonly name: 'matmul' | 'matmul_nt' | 'matmul_tn';
  /** Is A read transposed (Aᵀ)? */
  readonly ta: boolean;
  /** Is B read transposed (Bᵀ)? */
  readonly tb: boolean;
  vjp(g: Graph, a: NodeId, b: NodeId, adjoint: NodeId): readonly [NodeId, NodeId];
}

function productShape(layout: Layout, [a, b]: readonly Shape[]): Shape {
  const [ar, ac] = requireMatrix(layout.name, a, 'the first argument');
  const [br, bc] = requireMatrix(layout.name, b, 'the second argument');
  const [m, ka] = layout.ta ? [ac, ar] : [ar, ac];
  const [kb, n] = layout.tb ? [bc, br] : [br, bc];
  if (ka !== kb) {
    throw new IrError(`${layout.name}: inner dimensions differ (${a.join('×')} and ${b.join('×')} give ${ka} and ${kb})`);
  }
  return [m, n];
}

function evaluateProduct(layout: Layout, a: Tensor, b: Tensor, shape: ConcreteShape): Tensor {
  const [m, n] = shape;
  const ac = a.shape[1];
  const bc = b.shape[1];
  const k = layout.ta ? a.shape[0] : ac;
  const out = tensor(shape);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) {
        s += a.data[layout.ta ? l * ac + i : i * ac + l] * b.data[layout.tb ? j * bc + l : l * bc + j];
      }
      out.data[i * n + j] = s;
    }
  }
  return out;
}

function matrixProduct(layout: Layout): OpDef {
  return {
    arity: 2,
    shape: (args) => productShape(layout, args),
    evaluate: ([a, b], node: ConcreteNode) => evaluateProduct(layout, a, b, node.shape),
    vjp: (g, node, adjoint) => layout.vjp(g, node.args[0], node.args[1], adjoint),
    traits: { elementwise: false, cost: 'product' },
  };
}

// C = A B:  dA = dC Bᵀ = matmul_nt(dC, B),  dB = Aᵀ dC = matmul_tn(A, dC)
export const matmul = matrixProduct({
  name: 'matmul',
  ta: false,
  tb: false,
  vjp: (g, a, b, dc) => [g.apply('matmul_nt', [dc, b]), g.apply('matmul_tn', [a, dc])],
});

// C = A Bᵀ:  dA = dC B = matmul(dC, B),  dB = dCᵀ A = matmul_tn(dC, A)
export const matmul_nt = matrixProduct({
  name: 'matmul_nt',
  ta: false,
  tb: true,
  vjp: (g, a, b, dc) => [g.apply('matmul', [dc, b]), g.apply('matmul_tn', [dc, a])],
});

// C = Aᵀ B:  dA = B dCᵀ = matmul_nt(B, dC),  dB = A dC = matmul(A, dC)
export const matmul_tn = matrixProduct({
  name: 'matmul_tn',
  ta: true,
  tb: false,
  vjp: (g, a, b, dc) => [g.apply('matmul_nt', [b, dc]), g.apply('matmul', [a, dc])],
});
