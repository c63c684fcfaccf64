// How small must a network be for straight-line rows to beat tensor loops?
// Times one training step (trainStep: forward, loss, backward, SGD update) of
// the same network printed both ways (emitModule's unrollScalars option), for
// a range of sizes, side by side in one run; prints the scalars per row of
// each (what UNROLL_SCALARS in src/backends/ts/network/trainer-class.ts is
// compared with) and the speed ratio.
//
//   npm run build && node --expose-gc bench/unroll-threshold.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { measure } from './timing.mjs';
import { scratchFolder } from './compiler.mjs';
import { compileNetwork } from '../dist/compile/network/compile-network.js';
import { validateNetwork } from '../dist/compile/network/validate.js';
import { emitModule } from '../dist/backends/ts/module.js';
import { lowerRowProgram } from '../dist/lower/row-program.js';
import { dense, network } from '../dist/dsl/network.js';
import { seededRandom } from '../dist/util/seeded-random.js';

const SIZES = [[2, 4, 2], [4, 8, 3], [8, 8, 4], [8, 16, 4], [16, 16, 4], [16, 32, 4], [32, 32, 10], [64, 32, 10]];
const BATCH = 32;
const tmp = scratchFolder('nncompile-unroll-');
const from = { source: 'bench', command: 'node bench/unroll-threshold.mjs', notes: 'bench.tex', version: '0' };

async function trainer(c, unrollScalars, file) {
  const source = await emitModule({ expressions: [], networks: [c] }, from, { unrollScalars });
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  writeFileSync(join(tmp, file), outputText);
  return (await import(pathToFileURL(join(tmp, file)).href)).Net;
}

const loopOf = (t, X, Y) => new Function('t', 'X', 'Y', `return function step${Math.random().toString(36).slice(2)}(count) {
  let acc = 0;
  for (let i = 0; i < count; i++) { t.trainStep(X, Y, ${BATCH}); acc += t.lastLoss; }
  return acc;
};`)(t, X, Y);

console.log('| sizes | scalars per row | loops µs/step | straight-line µs/step | straight-line / loops speed |');
console.log('|---|---:|---:|---:|---:|');
for (const [inputs, hidden, outputs] of SIZES) {
  const spec = network({ inputs, layers: [dense(hidden, 'tanh'), dense(outputs, 'softmax')], loss: 'cce', optimizer: { kind: 'sgd', lr: 0.01, batchSize: BATCH } });
  const c = compileNetwork('Net', validateNetwork(spec));
  const rows = lowerRowProgram(c.gradient.graph, [c.train.loss, ...c.gradient.gradient]);
  const name = `${inputs}-${hidden}-${outputs}`;
  const Loops = await trainer(c, 0, `${name}-loops.mjs`);
  const Rows = await trainer(c, Infinity, `${name}-rows.mjs`);
  const random = seededRandom(inputs);
  const X = Float64Array.from({ length: BATCH * inputs }, random);
  const Y = new Float64Array(BATCH * outputs);
  for (let r = 0; r < BATCH; r++) Y[r * outputs + (r % outputs)] = 1;
  const [a, b] = [new Loops(), new Rows()];
  const { results } = measure([{ key: 'loops', loop: loopOf(a, X, Y) }, { key: 'rows', loop: loopOf(b, X, Y) }], { warmupMs: 300, batchMs: 100, rounds: 7, clock: 'cpu' });
  const us = (k) => (results[k].perCallNs / 1000).toFixed(2);
  console.log(`| ${name} | ${rows.scalars} | ${us('loops')} | ${us('rows')} | ${(results.loops.perCallNs / results.rows.perCallNs).toFixed(2)}× |`);
}
