import type { WorkedFrame } from './worked-forward.js';
import { type NetworkContext, layerOf, oneTo, unitSym } from './context.js';

/** Activations with a kink at 0, where the derivative jumps: the code's derivative there is the left one. */
const KINKED = new Set(['relu', 'leaky_relu']);

/**
 * A pre-activation the notes show as 0 that the computer holds as a tiny
 * non-zero number (0.5 × 1 + (−0.3) × 2 + 0.1 is 2.8 × 10⁻¹⁷): a ReLU there is
 * on its kink, yet the code takes the side of the number's sign, so the row
 * reads H(0) = 1 against the stated H(0) = 0. One sentence per such unit says
 * so, with the number the code holds; nothing when no unit is there.
 */
export function kinkRemark(c: NetworkContext, frames: readonly WorkedFrame[]): string | undefined {
  const cases = frames.flatMap((f, i) => oneTo(c.depth).flatMap((l) => {
    if (!KINKED.has(layerOf(c, l).activation)) return [];
    return oneTo(c.sizes[l]).flatMap((k) => {
      const z = f.example.z[l - 1][k - 1];
      if (z === 0 || Math.abs(z) >= c.noiseFloor) return [];
      const of = frames.length > 1 ? ` of example ${i + 1}` : '';
      return [`${c.out.inline(unitSym('z', l, k))}${of} is ${c.out.inline(c.out.number(z, unitSym('z', l, k)))}, which is ${z > 0 ? 'positive' : 'negative'}`];
    });
  }));
  if (cases.length === 0) return undefined;
  return `A pre-activation shown as 0 above is 0 only up to rounding: ${cases.join('; ')} in the computer's arithmetic `
    + '(the products and the bias cancel but for the last binary digit). The code takes the derivative on that number\'s side of the kink, '
    + `so ${c.out.inline("f'")} there is the ${cases.length === 1 ? 'slope of that side' : 'slope of each one\'s side'}; `
    + `at an exact 0 the derivative does not exist, and the code takes the left one (${c.out.inline('H(0) = 0')}).`;
}
