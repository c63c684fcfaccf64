// Xavier/He initialization in the notes (issue 11): the distribution and, per
// weight array, its fan-in, fan-out and bound a (uniform) or σ (normal) in
// numbers — the ones the generated trainer's initialize() draws with.
import { describe, expect, it } from 'vitest';
import { dense, network, type NetworkSpec } from '../src/dsl/network.js';
import { compileNetwork } from '../src/compile/network/compile-network.js';
import { validateNetwork } from '../src/compile/network/validate.js';
import { buildNotes } from '../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../src/backends/ts/module.js';
import { loadTrainer } from './helpers/network-module.js';

const FROM: GeneratedFrom = { source: 'm.ts', command: 'nncompile m.ts', notes: 'm.tex', version: '0.1.0' };

const net = (kind: 'he' | 'xavier', distribution: 'uniform' | 'normal'): NetworkSpec => network({
  inputs: 60, layers: [dense(40, 'relu'), dense(3, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.1 },
  init: { kind, distribution, seed: 3 },
});

/** The printed bound or σ of each weight array: `$W^{1}$ & $60$ & $40$ & $a = \sqrt{\frac{6}{60}} = 0.316228$`. */
function printed(tex: string): Map<string, { fanIn: number; fanOut: number; formula: string; value: number }> {
  const rows = [...tex.matchAll(/^\$(W\^\{\d\})\$ & \$(\d+)\$ & \$(\d+)\$ & \$(?:a|\\sigma) = (.*) = ([0-9.]+)\$ \\\\\*?$/gm)];
  return new Map(rows.map((m) => [m[1], { fanIn: Number(m[2]), fanOut: Number(m[3]), formula: m[4], value: Number(m[5]) }]));
}

describe('the notes state the initialization with its numbers, per layer', () => {
  it.each([['he', 'uniform'], ['xavier', 'uniform'], ['he', 'normal'], ['xavier', 'normal']] as const)('%s %s', async (kind, distribution) => {
    const spec = net(kind, distribution);
    const tex = buildNotes([], FROM, [compileNetwork('Init', validateNetwork(spec))]).document;
    const law = distribution === 'uniform' ? 'U\\left(-a, a\\right)' : '\\mathcal{N}\\left(0, \\sigma^{2}\\right)';
    expect(tex).toContain(`Each weight is drawn independently from $${law}$`);
    const rows = printed(tex);
    expect([...rows.keys()]).toEqual(['W^{1}', 'W^{2}']);
    expect(rows.get('W^{1}')).toMatchObject({ fanIn: 60, fanOut: 40 });
    expect(rows.get('W^{2}')).toMatchObject({ fanIn: 40, fanOut: 3 });
    // recomputed here: Var w = 2/n_in (He) or 2/(n_in + n_out) (Xavier); uniform on ±√(3 Var)
    const { Trainer } = await loadTrainer(spec, 'Init');
    const trainer = new Trainer();
    ['W^{1}', 'W^{2}'].forEach((name, l) => {
      const row = rows.get(name);
      if (row === undefined) throw new Error(name);
      const variance = kind === 'he' ? 2 / row.fanIn : 2 / (row.fanIn + row.fanOut);
      const expected = distribution === 'uniform' ? Math.sqrt(3 * variance) : Math.sqrt(variance);
      expect(Math.abs(row.value - expected)).toBeLessThan(5e-6 * expected);
      expect(row.formula).toBe(`\\sqrt{\\frac{${distribution === 'uniform' ? 6 : 2}}{${kind === 'he' ? row.fanIn : `${row.fanIn} + ${row.fanOut}`}}}`);
      // the generated trainer draws from that law: within ±a (uniform), with about the printed σ (normal)
      const w = [...trainer.params[2 * l]];
      const largest = Math.max(...w.map(Math.abs));
      const sd = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
      if (distribution === 'uniform') {
        expect(largest).toBeLessThanOrEqual(expected);
        expect(largest).toBeGreaterThan(0.9 * expected);
      } else {
        expect(Math.abs(sd - expected)).toBeLessThan(0.2 * expected);
      }
    });
  });
});
