// What the WASM backend takes from the shared lowering stage: the matrix
// products of a lowered trainer program, at their sizes, the batch n at run time.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { Graph } from '../src/ir/graph.js';
import { BATCH } from '../src/ir/shape.js';
import { lowerProgram } from '../src/lower/plan.js';
import { Workspace } from '../src/lower/workspace.js';
import { matmulName, programKernels } from '../src/backends/wasm/index.js';
import { dense, testNetwork } from './helpers/network-module.js';

/** The lowered training program (loss and parameter gradients) of a network. */
function trainProgram(spec: ReturnType<typeof testNetwork>) {
  const c = compileNetwork('Net', validateNetwork(spec));
  return lowerProgram({
    graph: c.gradient.graph,
    roots: [c.train.loss, ...c.gradient.gradient],
    outputs: new Set(c.gradient.gradient),
    workspace: new Workspace(),
  });
}

describe('the WASM kernels of a lowered program', () => {
  it('are the forward, backward and weight-gradient products of a 784-128-10 training step', () => {
    const program = trainProgram(testNetwork({ inputs: 784, layers: [dense(128, 'relu'), dense(10, 'softmax')], loss: 'cce' }));
    const { kernels, left } = programKernels(program);
    const names = [...kernels.values()].map((k) => matmulName(k.variant, k.shape, k.precision));
    expect(names.sort()).toEqual([
      'matmul_nt_nx128x10', // z2 = a1 W2ᵀ
      'matmul_nt_nx784x128', // z1 = X W1ᵀ
      'matmul_nx10x128', // δ2 W2, back into a1
      'matmul_tn_10xnx128', // ∂L/∂W2 = δ2ᵀ a1
      'matmul_tn_128xnx784', // ∂L/∂W1 = δ1ᵀ X
    ]);
    expect(left.size).toBe(0);
    expect(new Set([...kernels.values()].map((k) => k.precision))).toEqual(new Set(['f64']));
  });

  it('leave a product with a symbolic column count to the TypeScript kernels, saying why', () => {
    const g = new Graph();
    const X = g.variable('X', [BATCH, 4]);
    const gram = g.apply('matmul_nt', [X, X]); // [n, n]
    const program = lowerProgram({ graph: g, roots: [gram], outputs: new Set([gram]), workspace: new Workspace() });
    const { kernels, left } = programKernels(program, 'f32');
    expect(kernels.size).toBe(0);
    expect(left.get(gram)).toContain('not in the columns');
  });
});
