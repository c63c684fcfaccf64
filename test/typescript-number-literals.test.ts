// Number literals in a differentiable function are read exactly, in every
// form TypeScript allows (issue 10). ts-morph's getLiteralValue read 1e-7
// and 1e300 as 1 — an epsilon in log(p + 1e-7) became 1, and a guard
// `if (s > 1e300) break` was always taken —, so each literal here is checked
// by the value and gradient of the generated code against the original
// function run as written.
import { describe, expect, it } from 'vitest';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { callGenerated, compileFunctions, modelText } from './helpers/function-model.js';

const LITERALS = ['1e-7', '2.5e-3', '1E5', '1e300', '1.5e300', '1e21', '0x10', '0b101', '0o17', '1_000', '.5', '123456789012345678901234567890'];

describe('number literals', () => {
  it.each(LITERALS)('%s is the number it writes, in the value and the gradient', async (literal) => {
    const text = modelText(`export const f = differentiable((x: number) => x * x * ${literal} + Math.log(x + ${literal}) + (x > ${literal} ? 3 * x : -x), { at: { x: 2 } });`);
    const { module, original } = await compileFunctions(text);
    for (const x of [0.75, 2]) {
      const r = callGenerated(module, 'f', [x]);
      expect(r.value).toBe(original.f!(x));
      const h = Math.abs(x) * 1e-6;
      const [fd] = gradientByDifferences((p) => original.f!(p[0]!), [x], h);
      expectClose(r.grad[0]!, fd!, 1e-5);
    }
  });

  it('a guard that breaks out of an unrolled loop is not taken when its bound is far away', async () => {
    const text = modelText(`export const lse = differentiable((z: number[]) => {
  let s = 0;
  for (let i = 0; i < 4; i++) {
    s = s + Math.exp(z[i] - z[0]);
    if (s > 1e300) break;
  }
  return Math.log(s) + z[0] - z[3];
}, { lengths: { z: 4 } });`);
    const { module, original } = await compileFunctions(text);
    const z = [0.1, -0.4, 0.7, 0.3];
    const r = callGenerated(module, 'lse', [z]);
    expect(r.value).toBe(original.lse!(z));
    const fd = gradientByDifferences((p) => original.lse!(p), z, 1e-6);
    r.grad.forEach((g, i) => expectClose(g, fd[i]!, 1e-6));
  });
});
