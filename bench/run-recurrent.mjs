// nncompile recurrent-network benchmark: one training step (forward through
// T steps, loss, backpropagation through time, plain SGD update) of the
// generated trainer vs hand-written JavaScript BPTT vs TF.js (pure-JS 'cpu'
// backend and 'wasm' backend), side by side in one run, in sequences/s.
//
//   npm run build && node --expose-gc bench/run-recurrent.mjs
//   node --expose-gc bench/run-recurrent.mjs --quick          (short smoke run)
//   node --expose-gc bench/run-recurrent.mjs --only=lstm      (one workload: elman, lstm)
//   node --expose-gc bench/run-recurrent.mjs --time-anyway    (time a workload even if its check fails)
//   node --expose-gc bench/run-recurrent.mjs --check-only     (the agreement checks, no timing)
//   node --expose-gc bench/run-recurrent.mjs --clock=cpu      (process CPU time: a machine busy with other work disturbs it less)
//
// Workloads (issue 9), many-to-one, read out by dense(1) on the last state, mse:
//   (a) Elman RNN 1 → 32 tanh units, T = 50, batch 32
//   (b) LSTM 8 → 64 units, T = 50, batch 32
// The reference is the hand-written float64 BPTT (bench/recurrent/handwritten-*.mjs,
// checked against finite differences by test/bench-recurrent.test.ts). Before
// timing, every implementation starts from the same weights and must agree
// with it: the gradients on the first batch, then the losses of CHECK_STEPS
// SGD steps and the weights after them. A workload whose check fails is not
// timed. Then: warm-up, rounds interleaved across the implementations
// (bench/timing.mjs `measure`), median per implementation.
// The generated trainer is compiled from bench/recurrent/<id>.ts (see
// bench/recurrent/generated.mjs) and runs its matrix products as WebAssembly
// SIMD kernels where they run; the same trainer with its TypeScript kernels
// forced ('ts') is timed beside it. When it does not compile, the workload
// runs without it and says why.
// Writes the table to stdout and bench/recurrent-results.md. Exits 1 only when a
// correctness check failed (missed speed targets still exit 0).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './timing.mjs';
import { benchArgs } from './bench-args.mjs';
import { checksAndDetails, ops } from './report.mjs';
import { loadTf } from './tfjs-setup.mjs';
import { arraysDiff, nativeLoop, ratioCell, relDiff, tfLoop } from './training-loops.mjs';
import { HandwrittenElman } from './recurrent/handwritten-elman.mjs';
import { HandwrittenLSTM } from './recurrent/handwritten-lstm.mjs';
import { TfRecurrent } from './recurrent/tfjs-recurrent.mjs';
import { loadGeneratedRecurrent } from './recurrent/generated.mjs';
import { seededRandom } from '../dist/util/seeded-random.js';
import { scratchFolder } from './compiler.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { quick, only, timeAnyway, checkOnly, clock, timing, started, loadAtStart, log } = benchArgs(
  { warmupMs: 800, batchMs: 250, rounds: 7, minRounds: 5, budgetMs: 20_000 },
  { takes: ['--check-only', '--clock'] },
);

const CHECK_STEPS = 10;
const TOL_FLOAT64 = 1e-9; // generated vs hand-written (both float64)
const TOL_TF = 1e-4; // TF.js (float32) vs hand-written
const BATCHES = 4; // distinct batches per workload, cycled (a step takes milliseconds: timed batches are multiples of 4 steps)

const WORKLOADS = [
  {
    id: 'elman',
    title: '(a) Elman RNN 1→32 tanh, T = 50, batch 32',
    Handwritten: HandwrittenElman,
    shape: { inputs: 1, units: 32, outputs: 1, steps: 50, batch: 32, lr: 0.01 },
    targets: { hand: 2, cpu: undefined, wasm: 3 },
  },
  {
    id: 'lstm',
    title: '(b) LSTM 8→64, T = 50, batch 32',
    Handwritten: HandwrittenLSTM,
    shape: { inputs: 8, units: 64, outputs: 1, steps: 50, batch: 32, lr: 0.01 },
    targets: { hand: 2, cpu: undefined, wasm: 3 },
  },
].filter((w) => !only || only.includes(w.id));

const tmp = scratchFolder('nncompile-recurrent-');
const tfEnv = await loadTf(tmp, log);
const { tf, backends: tfBackends, wasmFeatures, useBackend } = tfEnv;

// ---- data and weights ------------------------------------------------------------------
/** BATCHES batches of n sequences: inputs uniform in [−1, 1), targets uniform in [−1, 1). */
function makeBatches({ inputs, outputs, steps, batch }, seed) {
  const random = seededRandom(seed);
  return Array.from({ length: BATCHES }, () => {
    const X = Float64Array.from({ length: batch * steps * inputs }, () => 2 * random() - 1);
    const Y = Float64Array.from({ length: batch * outputs }, () => 2 * random() - 1);
    return { X, Y, n: batch };
  });
}

/** Xavier-uniform weights (limit √(6 / (fan-in + fan-out)); the LSTM's four gates alike), zero biases. */
function initialWeights(hand, seed) {
  const random = seededRandom(seed);
  return hand.params.map((p, index) => {
    const w = new Float64Array(p.length);
    const { role, fanIn, fanOut } = hand.layout[index];
    if (role === 'bias') return w;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < w.length; i++) w[i] = (2 * random() - 1) * limit;
    return w;
  });
}

// ---- correctness ---------------------------------------------------------------------
const copyArrays = (ps) => ps.map((p) => Float64Array.from(p));

/**
 * The gradients on batch 0 from the same weights, then CHECK_STEPS SGD steps
 * in every implementation, compared with the hand-written reference.
 */
function checkAgreement(impls, init, batches) {
  const reference = impls.find((i) => i.key === 'hand');
  const gradients = new Map();
  const losses = new Map();
  const finals = new Map();
  for (const impl of impls) {
    impl.setParams(init);
    gradients.set(impl.key, impl.gradients(0));
    impl.setParams(init);
    const ls = [];
    for (let s = 0; s < CHECK_STEPS; s++) ls.push(impl.trainOnce(s % BATCHES));
    losses.set(impl.key, ls);
    finals.set(impl.key, impl.getParams());
  }
  const lines = [];
  let ok = true;
  for (const impl of impls) {
    if (impl === reference) continue;
    const tol = impl.tol;
    const gradErr = arraysDiff(gradients.get('hand'), gradients.get(impl.key));
    const lossErr = Math.max(...losses.get('hand').map((l, s) => relDiff(l, losses.get(impl.key)[s])));
    const paramErr = arraysDiff(finals.get('hand'), finals.get(impl.key));
    const good = gradErr <= tol && lossErr <= tol && paramErr <= tol && losses.get(impl.key).every(Number.isFinite);
    ok &&= good;
    lines.push(
      `  ${good ? '✓' : '✗'} ${impl.label} vs hand-written: gradients ${gradErr.toExponential(2)}, ` +
        `${CHECK_STEPS} steps' losses ${lossErr.toExponential(2)}, weights after ${paramErr.toExponential(2)} (tol ${tol})`,
    );
  }
  const fmt = (key) => losses.get(key).slice(0, 3).map((x) => x.toPrecision(10)).join(', ');
  lines.push(`    losses, first 3 steps: ${impls.map((i) => `${i.label} [${fmt(i.key)}]`).join('; ')}`);
  return { ok, lines };
}

// ---- the implementations of one workload -----------------------------------------------
function handwrittenImpl(hand, batches) {
  const run = (b) => hand.lossAndGradient(batches[b].X, batches[b].Y, batches[b].n);
  return {
    key: 'hand',
    label: 'hand-written',
    tol: 0,
    setParams: (ps) => hand.params.forEach((p, i) => p.set(ps[i])),
    getParams: () => copyArrays(hand.params),
    gradients: (b) => (run(b), copyArrays(hand.grads)),
    trainOnce: (b) => {
      const loss = run(b);
      hand.step();
      return loss;
    },
    loop: nativeLoop(hand, batches, 'acc += t.lossAndGradient(X, Y, n); t.step();'),
  };
}

function tfImpl(backend, w, batches) {
  const model = new TfRecurrent(tfEnv, backend, { kind: w.id, ...w.shape }, batches);
  return {
    key: backend,
    label: `TF.js ${backend}`,
    tol: TOL_TF,
    model,
    setParams: (ps) => model.setParams(ps),
    getParams: () => model.getParams(),
    gradients: (b) => model.gradients(b),
    trainOnce: (b) => {
      useBackend(backend);
      return model.train(b, true);
    },
    loop: tfLoop(model, useBackend, BATCHES),
  };
}

// ---- run --------------------------------------------------------------------------------
const rows = [];
const details = [];
const checkReport = [];
let checksFailed = false;

for (const w of WORKLOADS) {
  log(`\n== ${w.title}`);
  const { batch } = w.shape;
  const hand = new w.Handwritten({ ...w.shape, maxBatch: batch });
  const batches = makeBatches(w.shape, 0x9e3779b9 ^ w.shape.units);
  const init = initialWeights(hand, 7 + w.shape.units);
  const impls = [];
  const generated = await loadGeneratedRecurrent(w, batches, tmp, log);
  for (const impl of generated ?? []) impls.push({ ...impl, tol: TOL_FLOAT64 });
  impls.push(handwrittenImpl(hand, batches));
  for (const backend of ['cpu', 'wasm']) if (tfBackends[backend]) impls.push(tfImpl(backend, w, batches));

  const tCheck = performance.now();
  const check = checkAgreement(impls, init, batches);
  log(`  check: ${(performance.now() - tCheck).toFixed(0)} ms`);
  for (const line of check.lines) log(line);
  checkReport.push(`- ${w.title}: ${check.ok ? '✓' : '✗'}`, ...check.lines.map((l) => `    ${l.trim()}`));
  const dispose = () => impls.forEach((impl) => impl.model?.dispose());
  if (!check.ok) {
    checksFailed = true;
    if (!timeAnyway) {
      log(`✗ ${w.title}: implementations disagree — not timed (--time-anyway to override)`);
      rows.push({ w, failed: true, generated: Boolean(generated) });
      dispose();
      continue;
    }
    log('  (--time-anyway: timing it regardless)');
  }

  if (checkOnly) {
    dispose();
    continue;
  }
  for (const impl of impls) impl.setParams(init);
  const tTiming = performance.now();
  const tensorsBefore = tf.memory().numTensors;
  const { results } = measure(impls.map(({ key, loop }) => ({ key, loop })), { ...timing, cycle: BATCHES });
  const tensorsAfter = tf.memory().numTensors;
  log(`  timing: ${((performance.now() - tTiming) / 1000).toFixed(1)} s`);
  if (tensorsAfter !== tensorsBefore) log(`  ! TF.js tensors: ${tensorsBefore} before timing, ${tensorsAfter} after (leak)`);

  const sequencesPerSec = (key) => (results[key]?.opsPerSec ?? NaN) * batch;
  const row = {
    w,
    failed: !check.ok,
    generated: Boolean(generated),
    gen: sequencesPerSec('generated'),
    genTs: sequencesPerSec('generated-ts'),
    hand: sequencesPerSec('hand'),
    cpu: sequencesPerSec('cpu'),
    wasm: sequencesPerSec('wasm'),
  };
  rows.push(row);
  for (const impl of impls) {
    const r = results[impl.key];
    details.push(
      `| ${w.title} | ${impl.label} | ${ops(r.opsPerSec * batch)} | ${(r.perCallNs / 1e6).toFixed(2)} | ${(100 * r.spread).toFixed(1)} % | ${r.batch} × ${r.rounds} |`,
    );
  }
  log(
    `  sequences/s: generated ${ops(row.gen)} (TS kernels ${ops(row.genTs)}), hand-written ${ops(row.hand)}, TF.js cpu ${ops(row.cpu)}, wasm ${ops(row.wasm)}`,
  );
  dispose();
}

// ---- report -----------------------------------------------------------------------------
const table = [
  '| workload | generated | generated, TS kernels | hand-written | TF.js cpu | TF.js wasm | generated / hand-written | generated / TF.js wasm | generated, TS kernels / TF.js wasm | hand-written / TF.js wasm |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const r of rows) {
  const t = r.w.targets;
  if (r.failed && r.hand === undefined) {
    table.push(`| ${r.w.title} | check ✗ | — | — | — | — | not timed | — | — | — |`);
    continue;
  }
  const gen = r.generated ? ops(r.gen) : 'not compiled';
  table.push(
    `| ${r.w.title}${r.failed ? ' (check ✗)' : ''} | ${gen} | ${ops(r.genTs)} | ${ops(r.hand)} | ${ops(r.cpu)} | ${ops(r.wasm)} ` +
      `| ${ratioCell(r.gen / r.hand, t.hand)} | ${ratioCell(r.gen / r.wasm, t.wasm)} | ${ratioCell(r.genTs / r.wasm)} | ${ratioCell(r.hand / r.wasm)} |`,
  );
}
const targetsLine =
  'Sequences/s (one training step of a batch of 32 sequences = 32 sequences). Targets (issue 9): generated / hand-written ≥ 2 and generated / TF.js wasm ≥ 3 on both.';
const elapsed = (performance.now() - started) / 1000;
const md = [
  '# nncompile recurrent-network benchmark',
  '',
  `Generated by \`node --expose-gc bench/run-recurrent.mjs${process.argv.slice(2).map((a) => ` ${a}`).join('')}\` on ${new Date().toISOString()}${quick ? ' — **quick mode, not representative**' : ''}.`,
  'One training step = forward through all T steps, mse loss on the last state read out by dense(1), backpropagation through time, plain SGD update;',
  `identical math and starting weights in every implementation; median of interleaved rounds (≥ ${timing.batchMs} ms each, ${clock === 'cpu' ? 'process CPU time' : 'wall-clock time'}). TF.js is float32, the others float64.`,
  '',
  ...table,
  '',
  targetsLine,
  '',
  ...checksAndDetails({
    checks: checkReport,
    columns: ['sequences/s', 'ms/step'],
    details,
    clock,
    extra: [`TF.js ${tf.version_core}, wasm backend: ${wasmFeatures}`],
    loadAtStart,
    elapsedSeconds: elapsed,
  }),
].join('\n');
if (checkOnly) process.exit(checksFailed ? 1 : 0);
console.log(['', ...table, '', targetsLine, ''].join('\n'));
writeFileSync(join(here, 'recurrent-results.md'), md);
log(`wrote bench/recurrent-results.md (${elapsed.toFixed(0)} s)`);
process.exit(checksFailed ? 1 : 0);
