import type { ResolvedNetwork } from '../../../compile/network/resolved.js';
import type { ParameterSlot } from '../../../compile/network/parameter-layout.js';
import { type TexWriter, escapeText } from '../tex-writer.js';
import { listed } from '../../../util/plural.js';

/**
 * The generated trainer's initialization in numbers, as `initialize()` in
 * templates/trainer.ts draws it: the distribution, and for each weight array
 * its fan-in and fan-out and the bound a of U(−a, a) or the σ of N(0, σ²).
 * Xavier/Glorot: Var w = 2 / (n_in + n_out); He: Var w = 2 / n_in; a uniform
 * draw on (−a, a) has variance a²/3, so a = √(3 Var w) = √(6 / …).
 * Biases start at 0.
 */
export function describeInitialization(out: TexWriter, init: ResolvedNetwork['init'], layout: readonly ParameterSlot[], worked: boolean): void {
  const he = init.kind === 'he';
  const uniform = init.distribution === 'uniform';
  const fans = he ? 'n_{\\text{in}}' : 'n_{\\text{in}} + n_{\\text{out}}';
  const bound = uniform ? 'a' : '\\sigma';
  const formula = `${bound} = \\sqrt{\\frac{${uniform ? 6 : 2}}{${fans}}}`;
  const law = uniform ? `U\\left(-a, a\\right)` : `\\mathcal{N}\\left(0, \\sigma^{2}\\right)`;
  // a frozen array is given and fixed, not learned: no bound of its own
  const drawn = layout.filter((p) => p.role === 'weight' && p.frozen !== true);
  out.paragraph(`Initialization: ${he ? 'He' : 'Xavier/Glorot'}, ${init.distribution} (seed ${out.given(init.seed, '\\text{seed}')}). `
    + `Each weight is drawn independently from ${out.inline(law)} with ${out.inline(formula)}, `
    + `${out.inline('n_{\\text{in}}')} and ${out.inline('n_{\\text{out}}')} the inputs and outputs of a unit of its layer `
    + `(variance ${out.inline(he ? '2 / n_{\\text{in}}' : '2 / \\left(n_{\\text{in}} + n_{\\text{out}}\\right)')}`
    + `${uniform ? `, as ${out.inline('a^{2} / 3')} is the variance of ${out.inline('U\\left(-a, a\\right)')}` : ''}); `
    + `the biases start at 0${frozenInitialization(out, layout)}`
    + `${worked ? '. This is where the generated trainer starts; the worked example below starts from the model\'s own values' : ''}${drawn.length > 0 ? ':' : '.'}`);
  if (drawn.length === 0) return;
  const rows = drawn.map((p) => {
    const name = parameterTex(p.name);
    const nIn = out.given(p.fanIn, `n_{\\text{in}}(${name})`);
    const nOut = out.given(p.fanOut, `n_{\\text{out}}(${name})`);
    const value = Math.sqrt((uniform ? 6 : 2) / (he ? p.fanIn : p.fanIn + p.fanOut));
    const numbers = `\\sqrt{\\frac{${uniform ? 6 : 2}}{${he ? nIn : `${nIn} + ${nOut}`}}}`;
    return [out.inline(name), out.inline(nIn), out.inline(nOut), out.inline(`${bound} = ${numbers} = ${out.number(value, `${bound}(${name})`)}`)];
  });
  out.table('llll', ['weights', out.inline('n_{\\text{in}}'), out.inline('n_{\\text{out}}'), `${uniform ? 'bound' : 'standard deviation'} ${out.inline(bound)}`],
    rows, { small: true });
}

/**
 * The frozen arrays in the initialization paragraph: given and fixed, so they
 * keep the values the trainer is given (loadJSON); without them, the trainer
 * starts them as any other array — its initial draw, or 0 for a bias.
 */
function frozenInitialization(out: TexWriter, layout: readonly ParameterSlot[]): string {
  const frozen = layout.filter((p) => p.frozen === true);
  if (frozen.length === 0) return '';
  const names = frozen.map((p) => out.inline(parameterTex(p.name)));
  const one = names.length === 1;
  const weights = frozen.some((p) => p.role === 'weight');
  return `. ${listed(names)} `
    + `${one ? 'is' : 'are'} frozen: given and fixed, not learned. The trainer keeps the values it is given (\\texttt{loadJSON}); `
    + `without them, ${one ? 'it is' : 'they are'} ${weights ? 'drawn as above (a bias: 0)' : 'at 0 like the other biases'} and stay${one ? 's' : ''} so`;
}

/** A parameter's name as the notes write it: W1 → W^{1}, U2 → U^{2}, a gate's Wi1 → W^{1}_{i}; any other name as code. */
function parameterTex(name: string): string {
  const m = /^([A-Za-z])([a-z]?)(\d+)$/.exec(name);
  if (m === null) return `\\texttt{${escapeText(name)}}`;
  return `${m[1]}^{${m[3]}}${m[2] === '' ? '' : `_{${m[2]}}`}`;
}
