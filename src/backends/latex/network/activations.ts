import type { Activation } from '../../../dsl/network.js';
import { texNumber } from '../tex-print.js';
import { type NetworkContext, layerOf } from './context.js';
import { type Reading, derivedFactor, derivedTex } from './derived-tex.js';

/** A given number printed and recorded (TexWriter.given). */
export type GivenNumber = (value: number, label: string) => string;

/** How an activation function is written in the notes. */
export interface ActivationTex {
  /** For prose and tables: `\tanh`, `\sigma`, … (math). */
  readonly name: string;
  /** f applied to an argument (a vector elementwise, or one entry). */
  apply(arg: string): string;
  /**
   * Its definition, `f(t) = …` (undefined for the identity); `given` prints
   * its parameter (LeakyReLU's slope), the writer's `given`, which records it.
   */
  readonly definition?: (given: GivenNumber) => string;
  /** Its derivative, `f'(t) = …`: derived from the op's vjp rule (for softmax, its Jacobian). */
  readonly derivativeDefinition: string;
  /** The derivative involves the unit step H, whose value at the kink t = 0 is a convention. */
  readonly usesStep: boolean;
  /**
   * f′(z) in terms of z and a = f(z), derived: elementwise for a vector (`⊙`),
   * or for one entry; undefined for softmax (not elementwise) and for the identity (f′ = 1).
   * As a factor it is parenthesized when it is a sum (1 − a ⊙ a).
   */
  derivative(z: string, a: string, reading: Reading): string | undefined;
  derivativeFactor(z: string, a: string, reading: Reading): string | undefined;
}

/** How the function itself is written: its name, its application and its definition (not derivable: the op records hold f numerically). */
export interface FunctionTex {
  readonly name: string;
  apply(arg: string): string;
  readonly definition?: (given: GivenNumber) => string;
}

const call = (f: string) => (arg: string) => `${f}\\left(${arg}\\right)`;

const FUNCTIONS: Readonly<Record<Activation, (alpha: number) => FunctionTex>> = {
  sigmoid: () => ({ name: '\\sigma', apply: call('\\sigma'), definition: () => '\\sigma(t) = \\frac{1}{1 + e^{-t}}' }),
  tanh: () => ({ name: '\\tanh', apply: call('\\tanh'), definition: () => '\\tanh t = \\frac{e^{t} - e^{-t}}{e^{t} + e^{-t}}' }),
  relu: () => ({ name: '\\operatorname{ReLU}', apply: call('\\operatorname{ReLU}'), definition: () => '\\operatorname{ReLU}(t) = \\max(0, t)' }),
  leaky_relu: (alpha) => {
    const f = `\\operatorname{LeakyReLU}_{${texNumber(alpha)}}`;
    return { name: f, apply: call(f), definition: (given) => `${f}(t) = \\begin{cases} t & t > 0 \\\\ ${given(alpha, '\\alpha')}\\, t & t \\le 0 \\end{cases}` };
  },
  softplus: () => ({
    name: '\\operatorname{softplus}',
    apply: call('\\operatorname{softplus}'),
    definition: () => '\\operatorname{softplus}(t) = \\ln\\left(1 + e^{t}\\right)',
  }),
  linear: () => ({ name: '\\mathrm{id}', apply: (arg) => arg }),
  softmax: () => ({
    name: '\\operatorname{softmax}',
    apply: call('\\operatorname{softmax}'),
    definition: () => '\\operatorname{softmax}(z)_{k} = \\frac{e^{z_{k}}}{\\sum_{j} e^{z_{j}}}',
  }),
};

/** How an activation itself is written (name, application, definition), without a compiled network (e.g. a recurrent network's head). */
export function functionTex(activation: Activation, alpha: number): FunctionTex {
  return FUNCTIONS[activation](alpha);
}

/** softmax′ is a Jacobian, written out (the op's vjp applies it to an upstream vector, there is no one derivative to print). */
const SOFTMAX_JACOBIAN = '\\frac{\\partial\\, \\operatorname{softmax}(z)_{k}}{\\partial z_{j}} = a_{k} \\left([k = j] - a_{j}\\right)';

/** Layer l's activation in the notes, its derivative from the compiled network's derived f′. */
export function activationTex(c: NetworkContext, l: number): ActivationTex {
  const layer = layerOf(c, l);
  const f = FUNCTIONS[layer.activation](layer.options.alpha);
  const d = c.net.derivatives.activations[l - 1];
  if (d === undefined) {
    return { ...f, derivativeDefinition: SOFTMAX_JACOBIAN, usesStep: false, derivative: () => undefined, derivativeFactor: () => undefined };
  }
  const names = (z: string, a: string) => new Map([[d.z, z], [d.a, a]]); // for the identity a is z: it prints as a
  const identity = d.graph.isConstant(d.derivative, 1);
  return {
    ...f,
    // f′(t) = …: t names the argument; a = f(t) prints as f applied to t.
    derivativeDefinition: `${f.name}'(t) = ${derivedTex(d.graph, d.derivative, new Map([[d.z, 't']]), 'entry')}`,
    usesStep: d.usesStep,
    derivative: (z, a, reading) => (identity ? undefined : derivedTex(d.graph, d.derivative, names(z, a), reading)),
    derivativeFactor: (z, a, reading) => (identity ? undefined : derivedFactor(d.graph, d.derivative, names(z, a), reading)),
  };
}

/** The softmax output applied to one entry: a^{l}_{k} = e^{z_k} / Σ_j e^{z_j}. */
export function softmaxEntry(z: (j: string | number) => string, k: number, units: number): string {
  const terms = Array.from({ length: units }, (_v, j) => `e^{${z(j + 1)}}`).join(' + ');
  return `\\frac{e^{${z(k)}}}{${terms}}`;
}
