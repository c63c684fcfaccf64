import type { NodeOp } from '../../ops/registry.js';
import type { ExpressionContext } from './expression-context.js';
import type { TexWriter } from './tex-writer.js';

/** A remark the notes make when the forward pass has one of `ops`. */
interface Remark {
  readonly ops: readonly NodeOp[];
  readonly text: (out: TexWriter) => string;
}

const REMARKS: readonly Remark[] = [
  {
    ops: ['select_lt', 'select_le', 'select_eq', 'max', 'min'],
    text: (out) => `Piecewise steps (a branch or ${out.inline('?:')} of the source, ${out.inline('\\max')}, ${out.inline('\\min')}) `
      + 'take one of their arguments depending on a comparison. Their derivative is the derivative of the branch taken at the point: '
      + `${out.inline('1')} for the argument chosen, ${out.inline('0')} for the other, and the compared values are not differentiated `
      + '(the comparison is piecewise constant). Where the two branches meet with different slopes there is no derivative; '
      + 'the code takes the branch it computes.',
  },
  {
    ops: ['sign', 'floor', 'ceil', 'round', 'trunc'],
    text: (out) => `${out.inline('\\operatorname{sgn}')}, ${out.inline('\\lfloor\\cdot\\rfloor')}, ${out.inline('\\lceil\\cdot\\rceil')}, `
      + `round and trunc are piecewise constant: their derivative is ${out.inline('0')} almost everywhere `
      + '(it does not exist at their jumps, where the code takes 0 too), so no gradient flows through them.',
  },
  {
    ops: ['log_sigmoid'],
    text: (out) => `${out.inline('\\ln \\sigma(x)')} (written so, or with the sigmoid spelled out: ${out.inline('\\ln \\frac{1}{1 + e^{-x}}')}) `
      + `is computed as ${out.inline('-\\operatorname{softplus}(-x) = -\\ln(1 + e^{-x})')}, `
      + `with derivative ${out.inline('1 - \\sigma(x) = \\sigma(-x)')}: the same function, but finite for every ${out.inline('x')}. `
      + `Taking ${out.inline('\\ln')} of ${out.inline('\\sigma(x)')} would give ${out.inline('-\\infty')} and a NaN gradient where `
      + `${out.inline('\\sigma(x)')} rounds to 0 (at ${out.inline('x = -1000')}); this form gives ${out.inline('-1000')} and slope ${out.inline('1')}. `
      + `Likewise ${out.inline('\\ln(1 - \\sigma(x)) = \\ln \\sigma(-x)')}, the other half of a binary cross-entropy, is computed as `
      + `${out.inline('-\\operatorname{softplus}(x)')}: finite where ${out.inline('\\sigma(x)')} rounds to 1 (${out.inline('x \\ge 37')}).`,
  },
];

/** Remarks on the steps whose derivative needs a word: piecewise, piecewise constant, rewritten for stability. */
export function writeRemarks(c: ExpressionContext): void {
  const g = c.e.gradient.graph;
  const present = new Set(c.names.steps.map((id) => g.node(id).op));
  const remarks = REMARKS.filter((r) => r.ops.some((op) => present.has(op)));
  if (remarks.length === 0) return;
  c.out.paragraph('Steps whose derivative needs a word:');
  for (const r of remarks) c.out.paragraph(r.text(c.out));
}
