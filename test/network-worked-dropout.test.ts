// Dropout in the worked steps (issue 11): the notes work with the masks the
// generated trainer actually draws — fit on the worked examples as one full
// batch from its default seed — or with the model's own `worked.masks`, and
// show them, a kept unit's entry 1/(1 − p), in the numbers.
import { describe, expect, it } from 'vitest';
import { dense, network, type NetworkSpec } from '../src/dsl/network.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { loadTrainer } from './helpers/network-module.js';
import { expectClose } from './helpers/numeric.js';

const FROM: GeneratedFrom = { source: 'm.ts', command: 'nncompile m.ts', notes: 'm.tex', version: '0.1.0' };

const WORKED = {
  weights: [{ W: [[0.5, -0.5], [-0.3, 0.8], [0.2, 0.4]], b: [0.1, -0.2, 0.3] }, { W: [[0.4, -0.6, 0.7]], b: [0.1] }],
  x: [[1, 2], [0.5, -0.5]], // no z exactly 0 (in f32 the ReLU kink would fall on the other side)
  y: [[1], [0]],
  steps: 3,
};
const dropoutNet = (extra: Partial<Parameters<typeof network>[0]> = {}): NetworkSpec => network({
  inputs: 2,
  layers: [dense(3, 'relu', { dropout: 0.5 }), dense(1, 'sigmoid')],
  loss: 'bce',
  optimizer: { kind: 'sgd', lr: 0.5, batchSize: 2 },
  init: { kind: 'he', seed: 5 },
  worked: WORKED,
  ...extra,
});

interface FitTrainer {
  readonly params: readonly (Float64Array | Float32Array)[];
  fit(data: { X: Float64Array; Y: Float64Array; n: number }, options: Record<string, unknown>): unknown;
}

describe('the worked steps draw the masks the generated trainer draws', () => {
  it.each([['f64', 1e-13], ['f32', 1e-6]] as const)('%s: fit on the worked batch from the given weights ends where the notes end', async (precision, tol) => {
    const spec = dropoutNet({ precision });
    const { Trainer, compiled } = await loadTrainer(spec, 'Drop');
    const v = compiled.worked;
    if (v === undefined) throw new Error('worked values expected');
    expect(v.maskSource).toBe('trainer');
    // the masks differ from step to step and are not all 1 (nor all 0)
    const masks = v.steps.map((s) => s.masks[0] ?? []);
    expect(new Set(masks.flat())).toEqual(new Set([0, 2]));
    expect(masks[0]).not.toEqual(masks[1]);
    const trainer = new Trainer() as unknown as FitTrainer;
    trainer.params.forEach((p, k) => p.set(v.steps[0].params[k]));
    trainer.fit({ X: Float64Array.from(WORKED.x.flat()), Y: Float64Array.from(WORKED.y.flat()), n: 2 },
      { epochs: WORKED.steps, batchSize: 'full', scoreTraining: false });
    const last = v.steps[v.steps.length - 1].update.updated;
    trainer.params.forEach((p, k) => expectClose([...p], last[k], tol, tol, compiled.train.paramNames[k]));
  });

  it('the notes show each step\'s masks, the 1/(1 − p) scale and ã = m a with them', () => {
    const tex = buildNotes([], FROM, [compileNetwork('Drop', validateNetwork(dropoutNet()))]).document;
    expect(tex).not.toContain('taken to be $m^{l}_{k} = 1$');
    expect(tex).toContain('a kept unit\'s entry is $\\frac{1}{1 - 0.5} = 2$, a dropped unit\'s 0');
    expect(tex).toContain('its default seed 5');
    expect(tex).toMatch(/Step 2:\n\n\\begin\{align\*\}\nm\^\{1,\(1\)\} &= \\begin\{bmatrix\} [02] & [02] & [02] \\end\{bmatrix\}\^\{\\top\}/);
    expect(tex).toMatch(/\\tilde\{a\}\^\{1\}_\{3\} &= m\^\{1\}_\{3\}\\, a\^\{1\}_\{3\} = [02] \\times 1\.3 = (0|2\.6)/);
    // the error passes the mask: δ = ∂ℓ/∂ã · m · f′(z)
    expect(tex).toMatch(/\\delta\^\{1\}_\{1\} &= \\frac\{\\partial \\ell\}\{\\partial \\tilde\{a\}\^\{1\}_\{1\}\} \\, m\^\{1\}_\{1\} \\, \\operatorname\{ReLU\}'/);
  });
});

describe('worked.masks: the model\'s own masks', () => {
  const given = dropoutNet({ worked: { ...WORKED, steps: 1, masks: [[[1, 0, 1], [0, 1, 1]], null] } });

  it('are scaled by 1/(1 − p) and used for the step', () => {
    const v = compileNetwork('Drop', validateNetwork(given)).worked;
    expect(v?.maskSource).toBe('given');
    expect(v?.steps[0].masks).toEqual([[2, 0, 2, 0, 2, 2], undefined]);
    expect(v?.examples[1].mask).toEqual([[0, 2, 2], undefined]);
    const tex = buildNotes([], FROM, [compileNetwork('Drop', validateNetwork(given))]).document;
    expect(tex).toContain('as the model gives them (\\texttt{worked.masks})');
    expect(tex).toContain('m^{1,(2)} &= \\begin{bmatrix} 0 & 2 & 2 \\end{bmatrix}^{\\top}');
  });

  const expectSpecError = (run: () => unknown, message: RegExp) => expect(run).toThrow(message);
  it('are checked: one per layer, 0 or 1, null without dropout, one row per example', () => {
    const bad = (masks: unknown) => () => validateNetwork(dropoutNet({ worked: { ...WORKED, masks } as never }));
    expectSpecError(bad([[1, 0, 1]]), /one entry per layer \(2\)/);
    expectSpecError(bad([[[1, 0.5, 1], [1, 1, 1]], null]), /1 \(the unit kept\) or 0 \(dropped\), got 0\.5/);
    expectSpecError(bad([[[1, 0, 1], [1, 1, 1]], [1]]), /layer 2 has no dropout/);
    expectSpecError(bad([[1, 0, 1], null]), /has 1 row but worked\.x has 2/);
    const plain = () => validateNetwork(network({ ...dropoutNet(), layers: [dense(3, 'relu'), dense(1, 'sigmoid')],
      worked: { ...WORKED, masks: [[1, 1, 1], null] } }));
    expectSpecError(plain, /no layer has dropout/);
  });
});
