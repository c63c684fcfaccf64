import { fitDropoutSeed } from '../../../compile/network/dropout-masks.js';
import type { WorkedValues } from '../../../compile/network/worked-values.js';
import { bmatrix } from '../tex-print.js';
import { type NetworkContext, T, dropoutOf, oneTo, shown } from './context.js';

/** Masks are printed for up to this many units per layer, examples and steps (the companion JSON holds what is printed). */
const MAX_MASK_UNITS = 12;
const MAX_MASK_EXAMPLES = 4;
const MAX_MASK_STEPS = 3;

/**
 * The dropout masks the worked steps use, in numbers: where they come from
 * (the model's `worked.masks`, or the generated trainer's own draws from its
 * seed), the 1/(1 − p) of a kept unit, and each mask m^l (m^{l,(i)} per
 * example of a batch), step by step when each step draws its own.
 */
export function writeMasks(c: NetworkContext, v: WorkedValues): void {
  if (v.maskSource === undefined) return;
  const { out } = c;
  const layers = oneTo(c.depth).filter((l) => dropoutOf(c, l) > 0);
  const B = v.examples.length;
  const scales = layers.map((l) => {
    const p = dropoutOf(c, l);
    return out.inline(`\\frac{1}{1 - ${out.given(p, `p^{${l}}`)}} = ${shown(c, 1 / (1 - p), `\\frac{1}{1 - p^{${l}}}`)}`);
  });
  const kept = `a kept unit's entry is ${scales.join(layers.length === 1 ? '' : ' and ')}${layers.length === 1 ? '' : ' (layers '
    + `${layers.join(' and ')})`}, a dropped unit's 0`;
  const drawn = v.maskSource === 'trainer' && v.steps.length > 1;
  out.paragraph(v.maskSource === 'given'
    ? `\\emph{Dropout masks} as the model gives them (\\texttt{worked.masks}), the same at every step (the generated trainer draws new ones `
      + `every step); ${kept}:`
    : `\\emph{Dropout masks:} the ones the generated trainer draws when \\texttt{fit} trains on ${B === 1 ? 'this example' : `these ${B} examples`} `
      + `as one batch for ${v.steps.length === 1 ? 'one epoch' : `${v.steps.length} epochs`} (\\texttt{batchSize: 'full'}, its default seed `
      + `${out.given(c.spec.init.seed, '\\text{seed}')}, so the stream starts from ${out.given(fitDropoutSeed(c.spec), '\\text{seed}_{\\text{fit}}')}): `
      + `a unit is kept when its uniform draw is below ${out.inline('1 - p')}${drawn ? ', with new draws every step' : ''}; ${kept}:`);
  const units = (l: number) => c.sizes[l];
  if (layers.some((l) => units(l) > MAX_MASK_UNITS) || B > MAX_MASK_EXAMPLES) {
    out.paragraph('(The masks are too large to print here; the numbers below use them.)');
    return;
  }
  const steps = drawn ? v.steps.slice(0, MAX_MASK_STEPS) : v.steps.slice(0, 1);
  steps.forEach((step, s) => {
    if (drawn) out.paragraph(`Step ${s + 1}:`);
    out.align(oneTo(B).map((i) => layers.map((l) => {
      const sym = B === 1 ? `m^{${l}}` : `m^{${l},(${i})}`;
      const entries = oneTo(units(l)).map((k) => shown(c, step.masks[l - 1]?.[(i - 1) * units(l) + k - 1] ?? NaN,
        `${B === 1 ? `m^{${l}}` : `m^{${l},(${i})}`}_{${k}}${drawn ? `[${s + 1}]` : ''}`));
      return `${sym} &= ${entries.length === 1 ? entries[0] : `${bmatrix([entries])}${T}`}`;
    }).join(', & ')));
  });
  if (drawn && v.steps.length > MAX_MASK_STEPS) out.paragraph(`(Steps ${MAX_MASK_STEPS + 1} to ${v.steps.length} draw theirs the same way.)`);
}
