import type { Activation } from '../../../dsl/network.js';
import type { ResolvedDense } from '../../../compile/network/layers/dense.js';
import { texNumber } from '../tex-print.js';

/** How an activation function is written in the notes. */
export interface ActivationTex {
  /** For prose and tables: `\tanh`, `\sigma`, … (math). */
  readonly name: string;
  /** f applied to an argument (a vector elementwise, or one entry). */
  apply(arg: string): string;
  /** Its definition, `f(t) = …` (undefined for the identity). */
  readonly definition?: string;
  /** Its derivative, `f'(t) = …` (undefined for softmax, whose derivative is a Jacobian). */
  readonly derivativeDefinition?: string;
  /**
   * f′(z) in terms of z and a = f(z): elementwise for a vector (`⊙`), or for
   * one entry; undefined for softmax (not elementwise) and for the identity (f′ = 1).
   */
  derivative(z: string, a: string, scalar: boolean): string | undefined;
}

const call = (f: string) => (arg: string) => `${f}\\left(${arg}\\right)`;

export function activationTex(layer: ResolvedDense): ActivationTex {
  return ACTIVATIONS[layer.activation](layer.options.alpha);
}

const ACTIVATIONS: Readonly<Record<Activation, (alpha: number) => ActivationTex>> = {
  sigmoid: () => ({
    name: '\\sigma',
    apply: call('\\sigma'),
    definition: '\\sigma(t) = \\frac{1}{1 + e^{-t}}',
    derivativeDefinition: "\\sigma'(t) = \\sigma(t)\\,\\bigl(1 - \\sigma(t)\\bigr)",
    derivative: (_z, a, scalar) => (scalar ? `${a} \\left(1 - ${a}\\right)` : `${a} \\odot \\left(1 - ${a}\\right)`),
  }),
  tanh: () => ({
    name: '\\tanh',
    apply: call('\\tanh'),
    definition: '\\tanh t = \\frac{e^{t} - e^{-t}}{e^{t} + e^{-t}}',
    derivativeDefinition: "\\tanh' t = 1 - \\tanh^{2} t",
    derivative: (_z, a, scalar) => (scalar ? `1 - \\left(${a}\\right)^{2}` : `1 - ${a} \\odot ${a}`),
  }),
  relu: () => ({
    name: '\\operatorname{ReLU}',
    apply: call('\\operatorname{ReLU}'),
    definition: '\\operatorname{ReLU}(t) = \\max(0, t)',
    derivativeDefinition: "\\operatorname{ReLU}'(t) = H(t)",
    derivative: (z) => `H\\left(${z}\\right)`,
  }),
  leaky_relu: (alpha) => {
    const f = `\\operatorname{LeakyReLU}_{${texNumber(alpha)}}`;
    const h = `H_{${texNumber(alpha)}}`;
    return {
      name: f,
      apply: call(f),
      definition: `${f}(t) = \\begin{cases} t & t > 0 \\\\ ${texNumber(alpha)}\\, t & t \\le 0 \\end{cases}`,
      derivativeDefinition: `${f}'(t) = ${h}(t) = \\begin{cases} 1 & t > 0 \\\\ ${texNumber(alpha)} & t \\le 0 \\end{cases}`,
      derivative: (z) => `${h}\\left(${z}\\right)`,
    };
  },
  softplus: () => ({
    name: '\\operatorname{softplus}',
    apply: call('\\operatorname{softplus}'),
    definition: '\\operatorname{softplus}(t) = \\ln\\left(1 + e^{t}\\right)',
    derivativeDefinition: "\\operatorname{softplus}'(t) = \\sigma(t) = \\frac{1}{1 + e^{-t}}",
    derivative: (z) => `\\sigma\\left(${z}\\right)`,
  }),
  linear: () => ({
    name: '\\mathrm{id}',
    apply: (arg) => arg,
    derivativeDefinition: "\\mathrm{id}'(t) = 1",
    derivative: () => undefined,
  }),
  softmax: () => ({
    name: '\\operatorname{softmax}',
    apply: call('\\operatorname{softmax}'),
    definition: '\\operatorname{softmax}(z)_{k} = \\frac{e^{z_{k}}}{\\sum_{j} e^{z_{j}}}',
    derivativeDefinition: '\\frac{\\partial\\, \\operatorname{softmax}(z)_{k}}{\\partial z_{j}} = a_{k} \\left([k = j] - a_{j}\\right)',
    derivative: () => undefined,
  }),
};

/** The softmax output applied to one entry: a^{l}_{k} = e^{z_k} / Σ_j e^{z_j}. */
export function softmaxEntry(z: (j: string | number) => string, k: number, units: number): string {
  const terms = Array.from({ length: units }, (_v, j) => `e^{${z(j + 1)}}`).join(' + ');
  return `\\frac{e^{${z(k)}}}{${terms}}`;
}
