// The notes of a function whose 100-long loop is unrolled (it has a break,
// never taken, so it is not kept as a loop — a recurrence would be now): the Result's sum of
// 100 terms is broken into rows, every term kept; the backward pass's fan-out
// of 100 uses is elided to its first two and last terms with ⋯ saying so; so
// pdflatex sets every line within the page (before: 7600pt and 4000pt too wide).
import { describe, expect, it } from 'vitest';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { hasPdflatex, overfullBoxes, typesetLog } from './helpers/pdflatex.js';

const N = 100;
const z = Array.from({ length: N }, (_, i) => 0.5 * Math.sin(i));
// softmax cross-entropy of class 3, written by hand: log Σ e^{z_i − m} + m − z_3
const model = modelText(`export const xent = differentiable((z: number[]) => {
  const m = z[0];
  let s = 0;
  for (let i = 0; i < ${N}; i++) {
    s = s + Math.exp(z[i] - m);
    if (i === ${N}) break;
  }
  return Math.log(s) + m - z[3];
}, { lengths: { z: ${N} }, at: { z: [${z.join(', ')}] } });`);

describe('the notes of a function with an unrolled 100-long loop', async () => {
  const c = await compileFunctions(model);
  const tex = c.compiled.files.find((f) => f.name.endsWith('.tex'))?.content ?? '';

  it('is unrolled, and its gradient matches central differences of the original', () => {
    expect(c.compiled.expressions[0].looped).toBeUndefined();
    const original = (x: readonly number[]) => c.original.xent(Float64Array.from(x));
    expectClose(callGenerated(c.module, 'xent', [z]).grad, gradientByDifferences(original, z), 1e-6, 1e-6, 'gradient');
  });

  it('writes the long sum on rows, every term kept, and the long fan-out elided with ⋯', () => {
    const result = tex.slice(tex.indexOf('\\subsection*{Result}'));
    const definition = result.slice(result.indexOf('s_{1} &='), result.indexOf('\\\\\ns_{2}'));
    for (let i = 1; i < N; i++) expect(definition).toContain(`e^{z_{${i}} - z_{0}}`);
    expect(definition.split('\n').length).toBeGreaterThan(10);
    expect(tex).toMatch(/z_\{0\}\\text\{ is used by \}v_\{\d+\}, v_\{\d+\}, \\dots, v_\{\d+\}\\text\{\)\}/);
    expect(tex).toMatch(/\+ \\dots \+ [^\n]*= [-\d.]+ \\qquad \\text\{\(sum of the contributions\)\}/);
    for (const line of tex.split('\n').filter((l) => l.includes('&'))) expect(line.length).toBeLessThan(400);
  });

  it.skipIf(!hasPdflatex)('typesets with nothing overfull by more than 1pt', () => {
    const log = typesetLog(tex);
    expect(log).not.toMatch(/^! /m);
    expect(overfullBoxes(log)).toEqual([]);
  }, 240_000);
});
