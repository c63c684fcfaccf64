// The local derivatives the network notes print are derived (middle end:
// compile/network/local-derivatives.ts) from the op records' vjp rules. Here
// each is evaluated by the IR interpreter and checked against central finite
// differences of the textbook function in plain JS, at random points; then
// the backend's TeX of each is pinned to its textbook form.
import { describe, expect, it } from 'vitest';
import { activationDerivative, outputError, penaltyGradients } from '../src/compile/network/local-derivatives.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { type Activation, type DenseLayer, type Loss, dense, network } from '../src/dsl/network.js';
import { evaluateGraph } from '../src/ir/evaluate.js';
import type { Graph, NodeId } from '../src/ir/graph.js';
import { activationTex } from '../src/backends/latex/network/activations.js';
import { networkContext } from '../src/backends/latex/network/context.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { activate } from './helpers/textbook-backprop.js';
import { centralDifference, expectClose } from './helpers/numeric.js';
import { seededRandom, uniform } from './helpers/random.js';

/** A network of one layer, validated: every default resolved, as the middle end takes it. */
const resolved = (layers: DenseLayer[], loss: Loss = 'mse', regularization?: { l1?: number; l2?: number }) =>
  validateNetwork(network({ inputs: 2, layers, loss, optimizer: { kind: 'sgd', lr: 0.1 }, regularization }));

const ELEMENTWISE: readonly DenseLayer[] = [
  dense(1, 'sigmoid'), dense(1, 'tanh'), dense(1, 'relu'), dense(1, 'leaky_relu'), dense(1, 'leaky_relu', { alpha: 0.2 }),
  dense(1, 'softplus'), dense(1, 'linear'),
];

/** Values of `roots` with the variables bound by name. */
function evaluate(g: Graph, roots: readonly NodeId[], inputs: Record<string, number | number[]>): number[][] {
  const values = evaluateGraph(g, roots, inputs);
  return roots.map((r) => [...(values.get(r)?.data ?? [])]);
}

/** A random point away from the kink at 0 (where ReLU′ and the step are a convention, not a limit). */
const awayFromZero = (random: () => number) => {
  const t = uniform(random, 0.05, 3);
  return random() < 0.5 ? -t : t;
};

describe('derived activation derivatives equal finite differences', () => {
  it.each(ELEMENTWISE.map((l) => [`${l.activation}${l.options.alpha === undefined ? '' : ` α=${l.options.alpha}`}`, l] as const))('%s', (_name, layer) => {
    const d = activationDerivative(resolved([layer]).layers[0]);
    if (d === undefined) throw new Error('an element-wise activation has a derivative');
    const f = (x: readonly number[]) => activate(layer, [x[0]])[0];
    const random = seededRandom(7);
    for (let i = 0; i < 25; i++) {
      const t = awayFromZero(random);
      const [[derived], [a]] = evaluate(d.graph, [d.derivative, d.a], { z: t });
      expectClose(a, f([t]), 1e-15, 1e-15, `${layer.activation}(${t})`);
      expectClose(derived, centralDifference(f, [t], 0), 1e-7, 1e-9, `${layer.activation}'(${t})`);
    }
  });

  it('softmax has none (its derivative is a Jacobian, printed as such)', () => {
    expect(activationDerivative(resolved([dense(3, 'softmax')], 'cce').layers[0])).toBeUndefined();
  });
});

/** The loss of one example in plain JS, from the logits z (or, for a softmax output under mse/mae, from a). */
function textbookLoss(layer: DenseLayer, loss: Loss, z: readonly number[], y: readonly number[]): number {
  const a = activate(layer, [...z]);
  const terms = a.map((ak, k) => {
    switch (loss) {
      case 'mse': return 0.5 * (ak - y[k]) ** 2;
      case 'mae': return Math.abs(ak - y[k]);
      case 'bce': return -y[k] * Math.log(ak) - (1 - y[k]) * Math.log(1 - ak);
      case 'cce': return -y[k] * Math.log(ak);
    }
  });
  return terms.reduce((s, t) => s + t, 0);
}

const PAIRS: readonly (readonly [Activation, Loss])[] = [
  ['sigmoid', 'bce'], ['softmax', 'cce'], ['linear', 'mse'], ['sigmoid', 'mse'], ['tanh', 'mse'], ['relu', 'mse'],
  ['leaky_relu', 'mae'], ['softplus', 'mae'], ['sigmoid', 'mae'], ['linear', 'mae'], ['softmax', 'mse'], ['softmax', 'mae'],
];

describe('derived δ^L and ∂ℓ/∂a^L equal finite differences of the textbook loss', () => {
  it.each(PAIRS)('%s output, %s loss', (activation, loss) => {
    const units = activation === 'softmax' ? 3 : 1;
    const layer = dense(units, activation);
    const e = outputError(resolved([layer], loss));
    const random = seededRandom(11);
    for (let i = 0; i < 20; i++) {
      const z = Array.from({ length: units }, () => awayFromZero(random));
      const a = activate(layer, z);
      // bce: y in [0, 1]; cce: a distribution; mse/mae: reals, kept away from a (|t| has a kink at 0).
      const raw = Array.from({ length: units }, () => uniform(random, 0.1, 1));
      const y = loss === 'cce' ? raw.map((r) => r / raw.reduce((s, q) => s + q, 0))
        : loss === 'bce' ? raw : a.map((ak) => ak + awayFromZero(random));
      if (e.delta !== undefined) {
        const [delta] = evaluate(e.graph, [e.delta], { z, y });
        const byDifferences = z.map((_v, k) => centralDifference((x) => textbookLoss(layer, loss, x, y), z, k));
        expectClose(delta, byDifferences, 1e-6, 1e-8, `δ at z = ${z}`);
      } else {
        expect(activation).toBe('softmax'); // only the softmax Jacobian is left to the notes
      }
      if (loss === 'mse' || loss === 'mae') {
        if (e.lossGradient === undefined) throw new Error(`${loss} is computed from a: ∂ℓ/∂a exists`);
        // Without δ (softmax under mse / mae) the graph is one entry of a, taken as given: entry by entry.
        const gradient = e.delta === undefined
          ? a.map((ak, k) => evaluate(e.graph, [e.lossGradient as NodeId], { a: ak, y: y[k] })[0][0])
          : evaluate(e.graph, [e.lossGradient], { z, y })[0];
        const lossOfA = (x: readonly number[]) => textbookLoss(dense(units, 'linear'), loss, x, y);
        expectClose(gradient, a.map((_v, k) => centralDifference(lossOfA, a, k)), 1e-6, 1e-8, `∂ℓ/∂a at a = ${a}`);
      } else {
        expect(e.lossGradient).toBeUndefined(); // the fused losses are computed from the logits
      }
    }
  });
});

describe('derived penalty gradients equal finite differences', () => {
  it('λ₂/2 w² and λ₁ |w|, each on its own', () => {
    const regularization = { l2: 0.01, l1: 0.003 };
    const p = penaltyGradients(resolved([dense(1)], 'mse', regularization));
    if (p === undefined) throw new Error('penalties give gradients');
    const penalties = [(x: readonly number[]) => (regularization.l2 / 2) * x[0] ** 2, (x: readonly number[]) => regularization.l1 * Math.abs(x[0])];
    expect(p.terms).toHaveLength(2);
    const random = seededRandom(5);
    for (let i = 0; i < 20; i++) {
      const w = awayFromZero(random);
      const values = evaluate(p.graph, p.terms, { W: w });
      penalties.forEach((f, k) => expectClose(values[k][0], centralDifference(f, [w], 0), 1e-7, 1e-12, `penalty ${k} at ${w}`));
    }
  });

  it('none without penalties, one with only L2', () => {
    expect(penaltyGradients(resolved([dense(1)]))).toBeUndefined();
    expect(penaltyGradients(resolved([dense(1)], 'mse', { l2: 0.1 }))?.terms).toHaveLength(1);
  });
});

describe('the notes print the derived derivatives in textbook form', () => {
  const texOf = (activation: Activation, alpha?: number) => {
    const net = compileNetwork('N', resolved([dense(3, activation, alpha === undefined ? {} : { alpha }), dense(1, 'linear')]));
    return activationTex(networkContext(net, new TexWriter()), 1);
  };

  it.each([
    ['sigmoid', 'a \\odot \\left(1 - a\\right)', 'a^{1}_{2} \\left(1 - a^{1}_{2}\\right)', "\\sigma'(t) = \\sigma\\left(t\\right) \\left(1 - \\sigma\\left(t\\right)\\right)"],
    ['tanh', '1 - a \\odot a', '1 - \\left(a^{1}_{2}\\right)^{2}', "\\tanh'(t) = 1 - \\tanh^{2} t"],
    ['relu', 'H\\left(z\\right)', 'H\\left(z^{1}_{2}\\right)', "\\operatorname{ReLU}'(t) = H\\left(t\\right)"],
    ['softplus', '\\sigma\\left(z\\right)', '\\sigma\\left(z^{1}_{2}\\right)', "\\operatorname{softplus}'(t) = \\sigma\\left(t\\right)"],
  ] as const)('%s', (activation, vector, entry, definition) => {
    const f = texOf(activation);
    expect(f.derivative('z', 'a', 'vector')).toBe(vector);
    expect(f.derivative('z^{1}_{2}', 'a^{1}_{2}', 'entry')).toBe(entry);
    expect(f.derivativeDefinition).toBe(definition);
  });

  it('a sum is parenthesized as a factor; the identity has no factor; H is flagged for its convention at 0', () => {
    expect(texOf('tanh').derivativeFactor('z', 'a', 'vector')).toBe('\\left(1 - a \\odot a\\right)');
    expect(texOf('leaky_relu', 0.1).derivativeFactor('z', 'a', 'vector')).toBe('\\left(0.1 + 0.9\\, H\\left(z\\right)\\right)');
    expect(texOf('sigmoid').derivativeFactor('z', 'a', 'vector')).toBe('a \\odot \\left(1 - a\\right)');
    expect(texOf('linear').derivative('z', 'a', 'vector')).toBeUndefined();
    expect(texOf('linear').derivativeDefinition).toBe("\\mathrm{id}'(t) = 1");
    expect(texOf('relu').usesStep).toBe(true);
    expect(texOf('leaky_relu').usesStep).toBe(true);
    expect(texOf('softplus').usesStep).toBe(false);
  });
});
