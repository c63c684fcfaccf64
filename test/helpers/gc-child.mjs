// Run by test/backends/hot-paths-gc.test.ts in its own process:
//   node --allow-natives-syntax --no-turbo-inlining gc-child.mjs <module.mjs> <calls> <Name>...
// (SEQUENCE_LENGTH=T in the environment: sequence trainers run sequences of T steps.)
// For every trainer class named, drives its hot entry points — lossAndGradient,
// step, predictBatch, predict — from a loop V8 never optimizes, so every call
// is a real call: a double returned by any of them (or by a call inside them,
// since inlining is off) is boxed, a heap allocation per call. Prints one JSON
// line per class: the GC events that started during the calls, the growth
// of the young generation, and whether its WebAssembly kernels ran.
import { pathToFileURL } from 'node:url';
import { gcDuring, warmUp } from './gc-window.mjs';

const [file, callsText, ...names] = process.argv.slice(2);
const calls = Number(callsText);
const mod = await import(pathToFileURL(file).href);

function drive(trainer, X, Y, n, x, out, one, count) {
  for (let i = 0; i < count; i++) {
    trainer.lossAndGradient(X, Y, n);
    trainer.step();
    trainer.predictBatch(X, n, out);
    trainer.predict(x, one);
  }
}
%NeverOptimizeFunction(drive);

for (const name of names) {
  const trainer = new mod[name]();
  if ('sequenceLength' in trainer) trainer.sequenceLength = Number(process.env.SEQUENCE_LENGTH ?? 1);
  const n = 4;
  const X = Float64Array.from({ length: n * trainer.inputSize }, (_, i) => Math.sin(i + 1));
  const Y = new Float64Array(n * trainer.outputSize);
  for (let r = 0; r < n; r++) Y[r * trainer.outputSize + (r % trainer.outputSize)] = 1; // one-hot rows (bce: 0/1)
  const out = new Float64Array(n * trainer.outputSize);
  const x = X.subarray(0, trainer.inputSize);
  const one = new Float64Array(trainer.outputSize);
  // A model that standardizes fits its standardization first, so predict and predictBatch run that path too.
  if (trainer.standardizeInputs || trainer.standardizeTargets) trainer.fit({ X, Y, n }, { epochs: 1 });
  trainer.epoch = 3; // a scheduled rate below η₀
  await warmUp(() => drive(trainer, X, Y, n, x, out, one, calls / 5));
  const { events, youngBytes } = await gcDuring(() => drive(trainer, X, Y, n, x, out, one, calls));
  if (!Number.isFinite(trainer.lastLoss)) throw new Error(`${name}: loss ${trainer.lastLoss}`);
  console.log(JSON.stringify({ name, events, youngBytes, calls, usesWasm: trainer.usesWasm === true }));
}
