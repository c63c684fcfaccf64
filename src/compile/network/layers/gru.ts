import { gateInput, gatedKindFields, previousState, type RecurrentKind, type ResolvedGated } from './recurrent-kind.js';

/** A GRU layer with its options resolved. */
export type ResolvedGru = ResolvedGated<'gru'>;

/** The gates, in parameter order: update z, reset r, candidate n. */
const GATES = ['z', 'r', 'n'] as const;

/**
 * Gated recurrent unit (Cho et al. 2014), the reset gate applied before U_n:
 *   z = σ(x W_zᵀ + h_{t−1} U_zᵀ + b_z),  r = σ(x W_rᵀ + h_{t−1} U_rᵀ + b_r)
 *   ñ = tanh(x W_nᵀ + (r ⊙ h_{t−1}) U_nᵀ + b_n)
 *   h_t = (1 − z) ⊙ ñ + z ⊙ h_{t−1},  h_{−1} = 0.
 */
export const gru: RecurrentKind<ResolvedGru> = {
  ...gatedKindFields('gru', GATES),

  step(g, layer, site) {
    const { l, input, params } = site;
    const hPrev = previousState(g, 'h', l, site, layer.units);
    const z = g.call('sigmoid', gateInput(g, input, hPrev, params.slice(0, 3)));
    const r = g.call('sigmoid', gateInput(g, input, hPrev, params.slice(3, 6)));
    const candidate = g.call('tanh', gateInput(g, input, g.mul(r, hPrev), params.slice(6, 9)));
    // h_t = (1 − z) ⊙ ñ + z ⊙ h_{t−1}
    const h = g.add(g.mul(g.sub(g.constant(1), z), candidate), g.mul(z, hPrev));
    return {
      params,
      states: [{ name: `h${l}`, prev: hPrev, next: h, units: layer.units }],
      saved: [z, r, candidate], // σ′, tanh′ read from the gates: no matrix product forward in the reverse step
      out: h,
    };
  },

  describe(layer, l, fanIn, input) {
    const gate = (name: string) =>
      `${name}^{${l}}_{t} &= \\sigma\\left(W^{${l}}_{${name}} ${input} + U^{${l}}_{${name}} h^{${l}}_{t-1} + b^{${l}}_{${name}}\\right)`;
    return {
      title: `GRU, ${layer.units} unit${layer.units === 1 ? '' : 's'}`,
      forward: [
        gate('z'), gate('r'),
        `\\tilde{n}^{${l}}_{t} &= \\tanh\\left(W^{${l}}_{n} ${input} + U^{${l}}_{n} \\left(r^{${l}}_{t} \\odot h^{${l}}_{t-1}\\right) + b^{${l}}_{n}\\right)`,
        `h^{${l}}_{t} &= \\left(1 - z^{${l}}_{t}\\right) \\odot \\tilde{n}^{${l}}_{t} + z^{${l}}_{t} \\odot h^{${l}}_{t-1} & &\\in \\mathbb{R}^{${layer.units}}`,
      ],
      parameters: GATES.flatMap((q) => [
        { name: `W${q}${l}`, tex: `W^{${l}}_{${q}}`, shape: [layer.units, fanIn] },
        { name: `U${q}${l}`, tex: `U^{${l}}_{${q}}`, shape: [layer.units, layer.units] },
        { name: `b${q}${l}`, tex: `b^{${l}}_{${q}}`, shape: [layer.units] },
      ]),
    };
  },
};
