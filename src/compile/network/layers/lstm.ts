import { gateInput, gatedKindFields, previousState, type RecurrentKind, type ResolvedGated } from './recurrent-kind.js';

/** An LSTM layer with its options resolved. */
export type ResolvedLstm = ResolvedGated<'lstm'>;

/** The gates, in parameter order: input, forget, candidate (c̃), output. */
const GATES = ['i', 'f', 'c', 'o'] as const;

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997, with a forget gate):
 *   i = σ(x Wᵢᵀ + h_{t−1} Uᵢᵀ + bᵢ), f = σ(…f…), o = σ(…o…), c̃ = tanh(…c…)
 *   c_t = f ⊙ c_{t−1} + i ⊙ c̃,  h_t = o ⊙ tanh(c_t),  h_{−1} = c_{−1} = 0.
 */
export const lstm: RecurrentKind<ResolvedLstm> = {
  ...gatedKindFields('lstm', GATES),

  step(g, layer, site) {
    const { l, input, params } = site;
    const hPrev = previousState(g, 'h', l, site, layer.units);
    const cPrev = previousState(g, 'c', l, site, layer.units);
    const gate = (k: number) => gateInput(g, input, hPrev, params.slice(3 * k, 3 * k + 3));
    const i = g.call('sigmoid', gate(0));
    const f = g.call('sigmoid', gate(1));
    const candidate = g.call('tanh', gate(2));
    const o = g.call('sigmoid', gate(3));
    const c = g.add(g.mul(f, cPrev), g.mul(i, candidate)); // c_t = f ⊙ c_{t−1} + i ⊙ c̃
    const h = g.mul(o, g.call('tanh', c)); // h_t = o ⊙ tanh(c_t)
    return {
      params,
      states: [
        { name: `h${l}`, prev: hPrev, next: h, units: layer.units },
        { name: `c${l}`, prev: cPrev, next: c, units: layer.units },
      ],
      // σ′ and tanh′ are read from the gates themselves: with them kept, the reverse step does no matrix product forward
      saved: [i, f, candidate, o],
      out: h,
    };
  },

  describe(layer, l, fanIn, input) {
    const gate = (name: string, f: string) =>
      `${name}^{${l}}_{t} &= ${f}\\left(W^{${l}}_{${name}} ${input} + U^{${l}}_{${name}} h^{${l}}_{t-1} + b^{${l}}_{${name}}\\right)`;
    return {
      title: `LSTM, ${layer.units} unit${layer.units === 1 ? '' : 's'}`,
      forward: [
        gate('i', '\\sigma'), gate('f', '\\sigma'), gate('o', '\\sigma'),
        `\\tilde{c}^{${l}}_{t} &= \\tanh\\left(W^{${l}}_{c} ${input} + U^{${l}}_{c} h^{${l}}_{t-1} + b^{${l}}_{c}\\right)`,
        `c^{${l}}_{t} &= f^{${l}}_{t} \\odot c^{${l}}_{t-1} + i^{${l}}_{t} \\odot \\tilde{c}^{${l}}_{t}`,
        `h^{${l}}_{t} &= o^{${l}}_{t} \\odot \\tanh\\left(c^{${l}}_{t}\\right) & &\\in \\mathbb{R}^{${layer.units}}`,
      ],
      parameters: GATES.flatMap((q) => [
        { name: `W${q}${l}`, tex: `W^{${l}}_{${q}}`, shape: [layer.units, fanIn] },
        { name: `U${q}${l}`, tex: `U^{${l}}_{${q}}`, shape: [layer.units, layer.units] },
        { name: `b${q}${l}`, tex: `b^{${l}}_{${q}}`, shape: [layer.units] },
      ]),
    };
  },
};
