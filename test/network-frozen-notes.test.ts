// Frozen parameters in the notes (issue 11): a frozen array is given and
// fixed — stated once as such, with no ∂ℓ/∂θ line (general, node by node, the
// worked gradient), no update row and no initialization bound. Mazur's shared
// frozen biases, and a whole frozen first layer.
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { dense, network } from '../src/dsl/network.js';
import { exampleNotes } from './helpers/example-notes.js';
import { TEACHER_TRIALS } from './helpers/teacher-trials.js';

const FROM: GeneratedFrom = { source: 'trials/model.ts', command: 'nncompile trials/model.ts', notes: 'trials/model.tex', version: '0.1.0' };

/** Every line of the notes that states a gradient of parameter `symbol` (b^{1}, W^{1}, w^{1}_{12}). */
function gradientLines(tex: string, symbol: string): string[] {
  const of = (s: string) => `\\partial \\ell}{\\partial ${s}}`;
  return tex.split('\n').filter((line) => line.includes(of(symbol)) || line.includes(`\\partial L}{\\partial ${symbol}}`));
}

/** The initialization table's rows (between its header and \hline). */
function initializationRows(tex: string): string[] {
  const start = tex.indexOf('weights & $n_{\\text{in}}$');
  if (start < 0) return [];
  const end = tex.indexOf('\\hline\n\\end{longtable}', start);
  return tex.slice(start, end).split('\n').filter((l) => l.startsWith('$'));
}

describe('a frozen parameter is given and fixed in the notes', () => {
  it("Mazur's shared frozen biases: no gradient line, no table row, no update; stated given and fixed", async () => {
    const tex = await exampleNotes('mazur-2-2-2');
    const body = tex.slice(0, tex.indexOf('\\section{Appendix'));
    expect(gradientLines(body, 'b^{1}')).toEqual([]);
    expect(gradientLines(body, 'b^{2}')).toEqual([]);
    expect(body).not.toMatch(/frozen, not updated/);
    expect(body).not.toMatch(/b\^\{[12]\} &\\leftarrow/);
    // the weights keep theirs
    expect(gradientLines(body, 'W^{1}').length).toBeGreaterThan(0);
    expect(body).toContain('$b^{1}$ and $b^{2}$ are frozen: given and fixed, not trained, so they have no gradient');
    expect(body).toContain('$b^{1}$ and $b^{2}$ are frozen: given and fixed, not learned. The trainer keeps the values it is given');
  });

  it('a whole frozen first layer: no bound for W¹, no gradient of W¹ or b¹ anywhere in the body', () => {
    const net = compileNetwork('FrozenFeatures', validateNetwork(TEACHER_TRIALS.FrozenFeatures));
    const tex = buildNotes([], FROM, [net]).document;
    const body = tex.slice(0, tex.indexOf('\\section{Appendix'));
    for (const s of ['W^{1}', 'b^{1}', 'w^{1}_{11}', 'w^{1}_{22}', 'b^{1}_{1}', 'b^{1}_{2}']) expect(gradientLines(body, s)).toEqual([]);
    expect(gradientLines(body, 'W^{2}').length).toBeGreaterThan(0);
    expect(initializationRows(tex).map((r) => r.split(' & ')[0])).toEqual(['$W^{2}$']);
    expect(body).toContain('$W^{1}$ and $b^{1}$ are frozen: given and fixed, not learned');
  });

  it('every weight frozen: the initialization has no table and its paragraph ends with a full stop', () => {
    const spec = network({
      inputs: 2,
      layers: [dense(2, 'tanh', { frozen: ['weights'] }), dense(1, 'linear', { frozen: ['weights'] })],
      loss: 'mse',
      optimizer: { kind: 'sgd', lr: 0.1, batchSize: 1 },
    });
    const tex = buildNotes([], FROM, [compileNetwork('Biases', validateNetwork(spec))]).document;
    expect(initializationRows(tex)).toEqual([]);
    expect(tex).toMatch(/\$W\^\{1\}\$ and \$W\^\{2\}\$ are frozen: given and fixed, not learned\.[^\n]*drawn as above[^\n]*stay so\.\n/);
  });
});
