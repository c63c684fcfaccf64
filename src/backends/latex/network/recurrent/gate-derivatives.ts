import type { RecurrentKindName } from '../../../../dsl/network.js';
import type { ResolvedRecurrentLayer } from '../../../../compile/network/layers/registry.js';
import { T } from '../context.js';

/**
 * The backward pass of one recurrent kind in the notes' symbols: the local
 * derivatives of its step, the errors δ of its pre-activations at step t
 * given g_t = ∂L/∂h_t (and, for an LSTM, the cell's own adjoint), what flows
 * back into h_{t−1} and down into the layer's input, and the parameter
 * gradients as sums over the steps. The forward rows are the kind's own
 * describe() (src/compile/network/layers/); these are their derivatives,
 * checked against the compiled reverse step by test/sequence-notes.test.ts.
 */
export interface RecurrentBackward {
  /** The local derivatives the δ's use (σ′, tanh′, relu′), as `lhs &= rhs` rows. */
  readonly local: readonly string[];
  /** The δ's of step t (rows), from g = ∂L/∂h^{l}_t. */
  deltas(l: number): readonly string[];
  /** ∂L/∂h^{l}_{t} through step t + 1 (the recurrent path), in terms of step t + 1's δ's. */
  throughNext(l: number): string;
  /** ∂L/∂(input of layer l at step t) (the path down to the layer below), in terms of step t's δ's. */
  down(l: number): string;
  /** ∂L/∂θ for each parameter array of layer l, summed over the steps s of the backward windows. */
  gradients(l: number, input: (t: string) => string): readonly string[];
}

const sup = (base: string, l: number, sub: string) => `${base}^{${l}}_{${sub}}`;
const transposedU = (l: number, q = '') => `\\left(U^{${l}}${q === '' ? '' : `_{${q}}`}\\right)${T}`;
const transposedW = (l: number, q = '') => `\\left(W^{${l}}${q === '' ? '' : `_{${q}}`}\\right)${T}`;
const outer = (a: string, b: string) => `${a} \\left(${b}\\right)${T}`;
const SUM = '\\sum_{t}';

/** ∂L/∂W_q = Σ_t δ_q,t (input_t)ᵀ, ∂L/∂U_q = Σ_t δ_q,t (h_{t−1})ᵀ, ∂L/∂b_q = Σ_t δ_q,t for the gates q ('' for one). */
function gateGradients(l: number, gates: readonly string[], delta: (q: string, t: string) => string, input: (t: string) => string, recurrentInput?: (q: string) => string): string[] {
  return gates.map((q) => {
    const name = (m: string) => `${m}^{${l}}${q === '' ? '' : `_{${q}}`}`;
    const hPrev = recurrentInput?.(q) ?? sup('h', l, 't-1');
    return `\\frac{\\partial L}{\\partial ${name('W')}} &= ${SUM} ${outer(delta(q, 't'), input('t'))}, & `
      + `\\frac{\\partial L}{\\partial ${name('U')}} &= ${SUM} ${outer(delta(q, 't'), hPrev)}, & `
      + `\\frac{\\partial L}{\\partial ${name('b')}} &= ${SUM} ${delta(q, 't')}`;
  });
}

const SIGMA_PRIME = "\\sigma'(u) &= \\sigma(u)\\left(1 - \\sigma(u)\\right)";
const TANH_PRIME = "\\tanh'(u) &= 1 - \\tanh^{2} u";

function rnnBackward(activation: 'tanh' | 'relu'): RecurrentBackward {
  const delta = (l: number, t: string) => `\\delta^{${l}}_{${t}}`;
  return {
    local: activation === 'tanh' ? [TANH_PRIME] : ["\\operatorname{relu}'(u) &= H(u) \\quad (1 \\text{ for } u > 0, \\; 0 \\text{ otherwise})"],
    deltas: (l) => [
      activation === 'tanh'
        ? `${delta(l, 't')} &= ${sup('g', l, 't')} \\odot \\left(1 - ${sup('h', l, 't')} \\odot ${sup('h', l, 't')}\\right)`
        : `${delta(l, 't')} &= ${sup('g', l, 't')} \\odot H\\left(${sup('z', l, 't')}\\right)`,
    ],
    throughNext: (l) => `${transposedU(l)} ${delta(l, 't+1')}`,
    down: (l) => `${transposedW(l)} ${delta(l, 't')}`,
    gradients: (l, input) => gateGradients(l, [''], (_q, t) => delta(l, t), input),
  };
}

const LSTM_GATES = ['i', 'f', 'c', 'o'];
const lstmBackward: RecurrentBackward = {
  local: [SIGMA_PRIME, TANH_PRIME],
  deltas: (l) => {
    const s = (b: string, t = 't') => sup(b, l, t);
    return [
      // the cell's adjoint: through h_t = o ⊙ tanh(c_t), and from c_{t+1} = f_{t+1} ⊙ c_t + …
      `${s('e')} &= ${s('g')} \\odot ${s('o')} \\odot \\left(1 - \\tanh^{2} ${s('c')}\\right) + ${s('e', 't+1')} \\odot ${s('f', 't+1')}`,
      `${s('\\delta', 'i,t')} &= ${s('e')} \\odot ${s('\\tilde{c}')} \\odot ${s('i')} \\odot \\left(1 - ${s('i')}\\right)`,
      `${s('\\delta', 'f,t')} &= ${s('e')} \\odot ${s('c', 't-1')} \\odot ${s('f')} \\odot \\left(1 - ${s('f')}\\right)`,
      `${s('\\delta', 'c,t')} &= ${s('e')} \\odot ${s('i')} \\odot \\left(1 - ${s('\\tilde{c}')} \\odot ${s('\\tilde{c}')}\\right)`,
      `${s('\\delta', 'o,t')} &= ${s('g')} \\odot \\tanh ${s('c')} \\odot ${s('o')} \\odot \\left(1 - ${s('o')}\\right)`,
    ];
  },
  throughNext: (l) => LSTM_GATES.map((q) => `${transposedU(l, q)} \\delta^{${l}}_{${q},t+1}`).join(' + '),
  down: (l) => LSTM_GATES.map((q) => `${transposedW(l, q)} \\delta^{${l}}_{${q},t}`).join(' + '),
  gradients: (l, input) => gateGradients(l, LSTM_GATES, (q, t) => `\\delta^{${l}}_{${q},${t}}`, input),
};

const GRU_GATES = ['z', 'r', 'n'];
const gruBackward: RecurrentBackward = {
  local: [SIGMA_PRIME, TANH_PRIME],
  deltas: (l) => {
    const s = (b: string, t = 't') => sup(b, l, t);
    return [
      `${s('\\delta', 'n,t')} &= ${s('g')} \\odot \\left(1 - ${s('z')}\\right) \\odot \\left(1 - ${s('\\tilde{n}')} \\odot ${s('\\tilde{n}')}\\right)`,
      `${s('\\delta', 'z,t')} &= ${s('g')} \\odot \\left(${s('h', 't-1')} - ${s('\\tilde{n}')}\\right) \\odot ${s('z')} \\odot \\left(1 - ${s('z')}\\right)`,
      `${s('\\delta', 'r,t')} &= \\left(${transposedU(l, 'n')} ${s('\\delta', 'n,t')}\\right) \\odot ${s('h', 't-1')} \\odot ${s('r')} \\odot \\left(1 - ${s('r')}\\right)`,
    ];
  },
  throughNext: (l) => {
    const s = (b: string, t = 't+1') => sup(b, l, t);
    return `${s('g')} \\odot ${s('z')} + ${transposedU(l, 'z')} ${s('\\delta', 'z,t+1')} + ${transposedU(l, 'r')} ${s('\\delta', 'r,t+1')} `
      + `+ \\left(${transposedU(l, 'n')} ${s('\\delta', 'n,t+1')}\\right) \\odot ${s('r')}`;
  },
  down: (l) => GRU_GATES.map((q) => `${transposedW(l, q)} \\delta^{${l}}_{${q},t}`).join(' + '),
  gradients: (l, input) => gateGradients(l, GRU_GATES, (q, t) => `\\delta^{${l}}_{${q},${t}}`, input,
    (q) => (q === 'n' ? `${sup('r', l, 't')} \\odot ${sup('h', l, 't-1')}` : sup('h', l, 't-1'))),
};

/** The backward pass of a recurrent layer, by its kind. */
export function recurrentBackward(layer: ResolvedRecurrentLayer): RecurrentBackward {
  const kinds: Record<RecurrentKindName, () => RecurrentBackward> = {
    rnn: () => rnnBackward(layer.kind === 'rnn' ? layer.activation : 'tanh'),
    lstm: () => lstmBackward,
    gru: () => gruBackward,
  };
  return kinds[layer.kind]();
}
