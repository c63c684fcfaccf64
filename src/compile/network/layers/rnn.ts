import { RNN_ACTIVATIONS, type RnnActivation, type RnnLayer } from '../../../dsl/network.js';
import { checkChoice, quoteList } from '../spec-checks.js';
import { gateInput, gateParameters, previousState, type RecurrentKind, resolveRecurrentFields } from './recurrent-kind.js';

/** A simple recurrent layer with its options resolved. */
export interface ResolvedRnn extends Omit<RnnLayer, 'options'> {
  readonly options: { readonly returnSequences: boolean };
}

const ACTIVATION_ALIASES: Readonly<Record<string, RnnActivation>> = { hyperbolictangent: 'tanh', rectifier: 'relu' };

/** The simple (Elman) recurrent layer: h_t = f(x_t Wᵀ + h_{t−1} Uᵀ + b), h_{−1} = 0, f = tanh or relu. */
export const rnn: RecurrentKind<ResolvedRnn> = {
  resolve(layer, site) {
    const { units, options } = resolveRecurrentFields(layer, site, ['kind', 'units', 'activation', 'options'], "rnn(16, 'tanh')");
    checkChoice(layer.activation, [...site.path, 'activation'], 'rnn activation', RNN_ACTIVATIONS, ACTIVATION_ALIASES,
      `a simple recurrent layer takes ${quoteList(RNN_ACTIVATIONS)}, e.g. rnn(16, 'tanh'); for gates use lstm(16) or gru(16)`);
    return { kind: 'rnn', units, activation: layer.activation as RnnActivation, options };
  },

  parameters(layer, l, fanIn) {
    return gateParameters(l, '', layer.units, fanIn);
  },

  step(g, layer, site) {
    const hPrev = previousState(g, 'h', site.l, site, layer.units);
    const z = gateInput(g, site.input, hPrev, site.params);
    const h = g.call(layer.activation, z);
    // tanh′ is read from h itself (1 − h²); relu′ = H(z) needs z, kept per step
    const saved = layer.activation === 'relu' ? [z] : [];
    return { params: site.params, states: [{ name: `h${site.l}`, prev: hPrev, next: h, units: layer.units }], saved, out: h };
  },

  describe(layer, l, fanIn, input) {
    const f = layer.activation === 'tanh' ? '\\tanh' : '\\operatorname{relu}';
    return {
      title: `simple recurrent (Elman), ${layer.units} unit${layer.units === 1 ? '' : 's'}, ${layer.activation}`,
      forward: [`h^{${l}}_{t} &= ${f}\\left(W^{${l}} ${input} + U^{${l}} h^{${l}}_{t-1} + b^{${l}}\\right) & &\\in \\mathbb{R}^{${layer.units}}`],
      parameters: [
        { name: `W${l}`, tex: `W^{${l}}`, shape: [layer.units, fanIn] },
        { name: `U${l}`, tex: `U^{${l}}`, shape: [layer.units, layer.units] },
        { name: `b${l}`, tex: `b^{${l}}`, shape: [layer.units] },
      ],
    };
  },
};
