// nncompile network benchmark: one training step (forward, loss, backward,
// plain SGD update) of the generated trainer vs hand-written JavaScript vs
// TF.js (pure-JS 'cpu' backend and 'wasm' backend) vs numpy (float64, one
// OpenBLAS thread, in a child process that stays up: bench/numpy-peer.mjs,
// its rounds interleaved with the others', timed by its own clocks), in one run.
// Same initial weights (the generated model's), same batches, same math.
//
//   npm run build && node --expose-gc bench/run-networks.mjs
//   node --expose-gc bench/run-networks.mjs --quick          (short smoke run)
//   node --expose-gc bench/run-networks.mjs --only=mnist     (one workload: xor, mlp64, mnist, mnist32)
//   node --expose-gc bench/run-networks.mjs --time-anyway    (time a workload even if its check fails)
//   node --expose-gc bench/run-networks.mjs --clock=cpu      (rates on process CPU time; default wall)
//
// Workloads (specs in bench/networks/*.ts, compiled at start with compileModelFile):
//   (a) XOR 2-4-1 tanh/sigmoid, bce, full batch of 4        — steps/s
//   (b) 64-32-10 tanh/softmax, cce, mini-batch 32           — samples/s
//   (c) 784-128-10 relu/softmax, cce, mini-batch 64         — samples/s
//   (d) (c) in precision 'f32' (Float32Array, f32x4 kernels) — samples/s, beside
//       the f64 generated trainer of (c) (timed in the same rounds), numpy f64 and numpy f32
// Each workload first runs CHECK_STEPS identical steps in every implementation
// and compares the losses (and the parameters after them); a workload whose
// check fails is not timed. Then: warm-up, rounds interleaved across the
// implementations (bench/timing.mjs `measure`), median per implementation;
// generated / numpy as the median over rounds of the per-round ratio (paired),
// on process CPU time (each side its own process's) and on wall time.
// Writes the table to stdout and bench/networks-results.md. Exits 1 only when a
// correctness check failed (missed speed targets still exit 0).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, pairedRatio } from './timing.mjs';
import { benchArgs } from './bench-args.mjs';
import { checksAndDetails, markdownTable, ops } from './report.mjs';
import { HandwrittenMLP } from './networks/handwritten.mjs';
import { loadTf, minimizeStep } from './tfjs-setup.mjs';
import { arraysDiff as paramDiff, nativeLoop, ratioCell, relDiff, tfLoop } from './training-loops.mjs';
import { seededRandom } from '../dist/util/seeded-random.js';
import { compileTrainer, scratchFolder } from './compiler.mjs';
import { numpyUnavailable, startNumpyPeer } from './numpy-peer.mjs';
import { UnrolledXor } from './networks/xor-unrolled.mjs';
import { buildXorC, startXorC } from './c-peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// (TF.js needs the long warm-up: its per-step time keeps falling for ~1000 steps.)
const { quick, only, timeAnyway, timing, clock, started, loadAtStart, log } = benchArgs(
  { warmupMs: 800, batchMs: 200, rounds: 7, minRounds: 5, budgetMs: 15_000 },
  { takes: ['--clock'] },
);

const CHECK_STEPS = 20;
const TOL_HAND = 1e-6; // generated vs hand-written (both float64)
const TOL_TF = 1e-4; // generated vs TF.js (float32)
const BATCHES = 16; // distinct batches per workload, cycled (timing.mjs calls loops with multiples of 16)

// ---- workloads ------------------------------------------------------------------
const WORKLOADS = [
  {
    id: 'xor',
    title: '(a) XOR 2-4-1 tanh/sigmoid bce, batch 4',
    file: 'xor.ts',
    className: 'XorBench',
    activations: ['tanh', 'sigmoid'],
    unit: 'steps/s',
    targets: { hand: 1, cpu: 100, wasm: 100, numpy: undefined, unrolled: 1.2, c: 0.5 },
  },
  {
    id: 'mlp64',
    title: '(b) 64-32-10 tanh/softmax cce, batch 32',
    file: 'mlp64.ts',
    className: 'Mlp64',
    activations: ['tanh', 'softmax'],
    unit: 'samples/s',
    targets: { hand: 2, cpu: undefined, wasm: 1, numpy: 1 },
  },
  {
    id: 'mnist',
    title: '(c) 784-128-10 relu/softmax cce, batch 64',
    file: 'mnist.ts',
    className: 'Mnist',
    activations: ['relu', 'softmax'],
    unit: 'samples/s',
    targets: { hand: 2, cpu: undefined, wasm: 1, numpy: 1 },
  },
  {
    id: 'mnist32',
    title: "(d) 784-128-10 relu/softmax cce, batch 64, precision 'f32'",
    file: 'mnist-f32.ts',
    className: 'MnistF32',
    activations: ['relu', 'softmax'],
    unit: 'samples/s',
    // the issue's target: f32 mode ≥ 2× numpy f64
    targets: { hand: 2, cpu: undefined, wasm: 1, numpy: 2 },
    precision: 'f32',
    // the same network in f64 (workload c), timed in the same rounds
    f64: { file: 'mnist.ts', className: 'Mnist' },
  },
].filter((w) => !only || only.includes(w.id));

// ---- the generated trainers ------------------------------------------------------
const tmp = scratchFolder('nncompile-networks-');

/** compileModel (in memory) → transpiled <tmp>/<id>.mjs → the exported class. */
const loadTrainer = (w) => compileTrainer(join(here, 'networks', w.file), w.className, tmp, 'node bench/run-networks.mjs');

// ---- TF.js --------------------------------------------------------------------
const { tf, backends: tfBackends, wasmFeatures, useBackend } = await loadTf(tmp, log);

/** The same network in TF.js: float32 variables, tf.train.sgd(lr).minimize, everything in tidy. */
class TfMLP {
  constructor(backend, { sizes, activations, loss, lr }, batches) {
    useBackend(backend);
    this.backend = backend;
    this.sizes = sizes;
    this.activations = activations;
    this.lossKind = loss;
    this.vars = [];
    for (let l = 1; l < sizes.length; l++) {
      this.vars.push(tf.variable(tf.zeros([sizes[l], sizes[l - 1]]), true, `W${l}_${backend}`));
      this.vars.push(tf.variable(tf.zeros([sizes[l]]), true, `b${l}_${backend}`));
    }
    this.X = batches.map((b) => tf.tensor2d(Float32Array.from(b.X), [b.n, sizes[0]]));
    this.Y = batches.map((b) => tf.tensor2d(Float32Array.from(b.Y), [b.n, sizes[sizes.length - 1]]));
    this.invN = batches.map((b) => tf.scalar(1 / b.n));
    this.optimizer = tf.train.sgd(lr);
    this.losses = batches.map((_, i) => () => this.loss(i));
  }

  /** Copies float64 params into the (float32) variables. */
  setParams(params) {
    useBackend(this.backend);
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(Float32Array.from(params[i]), v.shape))));
  }

  getParams() {
    useBackend(this.backend);
    return this.vars.map((v) => Float64Array.from(v.dataSync()));
  }

  /** Mean loss of batch i (a scalar tensor). */
  loss(i) {
    let a = this.X[i];
    const L = this.sizes.length - 1;
    for (let l = 1; l <= L; l++) {
      const z = tf.add(tf.matMul(a, this.vars[2 * l - 2], false, true), this.vars[2 * l - 1]);
      if (l === L) {
        a = z;
        break;
      }
      const f = this.activations[l - 1];
      a = f === 'tanh' ? tf.tanh(z) : f === 'relu' ? tf.relu(z) : f === 'sigmoid' ? tf.sigmoid(z) : z;
    }
    const y = this.Y[i];
    if (this.lossKind === 'cce') {
      // log Σ e^z − y·z per row, mean over rows
      return tf.mean(tf.sub(tf.logSumExp(a, 1), tf.sum(tf.mul(y, a), 1)));
    }
    // max(z, 0) − z y + log(1 + e^{−|z|}), summed, / n
    const perElement = tf.add(tf.sub(tf.relu(a), tf.mul(a, y)), tf.log1p(tf.exp(tf.neg(tf.abs(a)))));
    return tf.mul(tf.sum(perElement), this.invN[i]);
  }

  /** One SGD step on batch i; returns the loss (read back) when asked. */
  train(i, wantLoss) {
    return minimizeStep(this.optimizer, this.losses[i], this.vars, wantLoss);
  }
}

// ---- data ---------------------------------------------------------------------------
const prng = seededRandom;

/** BATCHES batches: XOR's 4 patterns each time, or uniform [0,1) inputs with one-hot labels. */
function makeBatches(w, inputs, outputs, batch, seed) {
  if (w.id === 'xor') {
    const X = Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1);
    const Y = Float64Array.of(0, 1, 1, 0);
    return Array.from({ length: BATCHES }, () => ({ X, Y, n: 4 }));
  }
  const random = prng(seed);
  return Array.from({ length: BATCHES }, () => {
    const X = new Float64Array(batch * inputs);
    const Y = new Float64Array(batch * outputs);
    for (let i = 0; i < X.length; i++) X[i] = random();
    for (let r = 0; r < batch; r++) Y[r * outputs + Math.floor(random() * outputs)] = 1;
    return { X, Y, n: batch };
  });
}

// ---- correctness ---------------------------------------------------------------------
const copyParams = (ps) => ps.map((p) => Float64Array.from(p));
function setParams(impl, params) {
  if (impl.tf) impl.tf.setParams(params);
  else impl.params.forEach((p, i) => p.set(params[i]));
}
const getParams = (impl) => (impl.tf ? impl.tf.getParams() : copyParams(impl.params));

/**
 * CHECK_STEPS steps from the same weights on the same batches in every
 * implementation; compares the per-step losses and the final parameters with
 * the generated trainer's. Returns { ok, lines }.
 */
function checkAgreement(w, impls, init, batches, external) {
  const f32 = w.precision === 'f32'; // the f32 trainer against float64 peers: f32 rounding
  const losses = new Map();
  const finals = new Map();
  for (const e of external) {
    losses.set(e.key, e.losses);
    finals.set(e.key, e.params);
  }
  for (const impl of impls) {
    setParams(impl, init);
    const ls = [];
    for (let s = 0; s < CHECK_STEPS; s++) ls.push(impl.trainOnce(s % BATCHES, true));
    losses.set(impl.key, ls);
    finals.set(impl.key, getParams(impl));
  }
  const ref = 'generated';
  const lines = [];
  let ok = true;
  for (const impl of [...impls, ...external]) {
    if (impl.key === ref) continue;
    const tol = impl.tf || f32 ? TOL_TF : TOL_HAND;
    const lossErr = Math.max(...losses.get(ref).map((l, s) => relDiff(l, losses.get(impl.key)[s])));
    const paramErr = paramDiff(finals.get(ref), finals.get(impl.key));
    const good = lossErr <= tol && paramErr <= tol && losses.get(impl.key).every(Number.isFinite);
    ok &&= good;
    let line = `  ${good ? '✓' : '✗'} generated vs ${impl.label}: ${CHECK_STEPS} steps, max rel. loss diff ${lossErr.toExponential(2)}, params after ${paramErr.toExponential(2)} (tol ${tol})`;
    if (!good && impl.key !== 'hand') {
      // Who is off? Compare with the hand-written reference too.
      const vsHand = Math.max(...losses.get('hand').map((l, s) => relDiff(l, losses.get(impl.key)[s])));
      line += `; vs hand-written: loss ${vsHand.toExponential(2)}`;
    }
    lines.push(line);
  }
  const fmt = (key) => losses.get(key).slice(0, 3).map((x) => x.toPrecision(10)).join(', ');
  lines.push(`    losses, first 3 steps: ${[...impls, ...external].map((i) => `${i.label} [${fmt(i.key)}]`).join('; ')}`);
  return { ok, lines };
}

// ---- run --------------------------------------------------------------------------------
const rows = [];
const details = [];
let numpyVersion = 'not run';
let cCompiler = 'not run';
const checkReport = [];
let checksFailed = false;

for (const w of WORKLOADS) {
  log(`\n== ${w.title}`);
  const { Trainer, compileMs, lines } = await loadTrainer(w);
  const gen = new Trainer();
  const sizes = [...gen.layerSizes];
  const lr = gen.baseLearningRate(0);
  const loss = w.id === 'xor' ? 'bce' : 'cce';
  const batch = w.id === 'xor' ? 4 : gen.defaultBatchSize;
  const batches = makeBatches(w, sizes[0], sizes[sizes.length - 1], batch, 0x9e3779b9 ^ sizes[0]);
  const init = copyParams(gen.params);
  log(`compiled ${w.file} in ${compileMs.toFixed(0)} ms (${lines} lines); layers ${sizes.join('-')}, lr ${lr}, batch ${batch}`);

  const hand = new HandwrittenMLP({ sizes, activations: w.activations, loss, lr, maxBatch: batch });
  const impls = [
    {
      key: 'generated',
      label: 'generated',
      params: gen.params,
      // trainStep: lossAndGradient then step, fused into one straight-line step for small networks
      trainOnce: (b, _) => {
        gen.trainStep(batches[b].X, batches[b].Y, batches[b].n);
        return gen.lastLoss;
      },
      loop: nativeLoop(gen, batches, 't.trainStep(X, Y, n); acc += t.lastLoss;'),
    },
    {
      key: 'hand',
      label: 'hand-written',
      params: hand.params,
      trainOnce: (b, _) => {
        const l = hand.lossAndGradient(batches[b].X, batches[b].Y, batches[b].n);
        hand.step();
        return l;
      },
      loop: nativeLoop(hand, batches, 'acc += t.lossAndGradient(X, Y, n); t.step();'),
    },
  ];
  if (w.f64 !== undefined) {
    // the f64 generated trainer of the same network, from the same weights
    const { Trainer: F64 } = await compileTrainer(join(here, 'networks', w.f64.file), w.f64.className, tmp, 'node bench/run-networks.mjs');
    const gen64 = new F64();
    impls.push({
      key: 'gen64',
      label: 'generated f64',
      params: gen64.params,
      trainOnce: (b, _) => {
        gen64.trainStep(batches[b].X, batches[b].Y, batches[b].n);
        return gen64.lastLoss;
      },
      loop: nativeLoop(gen64, batches, 't.trainStep(X, Y, n); acc += t.lastLoss;'),
    });
  }
  if (w.id === 'xor') {
    // the same step unrolled by hand (XOR sizes only)
    const unrolled = new UnrolledXor(lr);
    impls.push({
      key: 'unrolled',
      label: 'hand-unrolled JS',
      params: unrolled.params,
      trainOnce: (b, _) => unrolled.trainStep(batches[b].X, batches[b].Y, batches[b].n),
      loop: nativeLoop(unrolled, batches, 'acc += t.trainStep(X, Y, n);'),
    });
  }
  const tfModels = [];
  for (const backend of ['cpu', 'wasm']) {
    if (!tfBackends[backend]) continue;
    const model = new TfMLP(backend, { sizes, activations: w.activations, loss, lr }, batches);
    tfModels.push(model);
    impls.push({
      key: backend,
      label: `TF.js ${backend}`,
      tf: model,
      trainOnce: (b, wantLoss) => {
        useBackend(backend);
        return model.train(b, wantLoss);
      },
      loop: tfLoop(model, useBackend, BATCHES),
    });
  }

  // numpy: its check steps now, its rounds in the timing below, in its own process (or the reason it is skipped)
  const external = [];
  let numpy;
  let numpy32;
  const numpyMissing = numpyUnavailable();
  if (numpyMissing === undefined) {
    const tNumpy = performance.now();
    const job = { parent: tmp, sizes, activations: w.activations, loss, lr, init, batches, checkSteps: CHECK_STEPS };
    numpy = startNumpyPeer(job);
    numpyVersion = `numpy ${numpy.numpy} (${numpy.blas}), OPENBLAS_NUM_THREADS=1`;
    external.push({ key: 'numpy', label: 'numpy f64', losses: numpy.losses, params: numpy.params });
    if (w.precision === 'f32') {
      numpy32 = startNumpyPeer({ ...job, dtype: 'float32' });
      external.push({ key: 'numpy32', label: 'numpy f32', losses: numpy32.losses, params: numpy32.params });
    }
    log(`  numpy check: ${((performance.now() - tNumpy) / 1000).toFixed(1)} s`);
  } else {
    numpyVersion = `skipped: ${numpyMissing}`;
    log(`  numpy peer skipped: ${numpyMissing}`);
  }

  // C -O3 (XOR only): the hand-unrolled step in C, a reference row
  let cPeer;
  if (w.id === 'xor') {
    const built = buildXorC(tmp);
    if (built.reason === undefined) {
      cPeer = startXorC(built.binary, { lr, init, checkSteps: CHECK_STEPS });
      cCompiler = built.compiler;
      external.push({ key: 'c', label: 'C -O3', losses: cPeer.losses, params: cPeer.params });
    } else {
      cCompiler = `skipped: ${built.reason}`;
      log(`  C peer skipped: ${built.reason}`);
    }
  }

  const tCheck = performance.now();
  const check = checkAgreement(w, impls, init, batches, external);
  log(`  check: ${(performance.now() - tCheck).toFixed(0)} ms`);
  for (const line of check.lines) log(line);
  checkReport.push(`- ${w.title}: ${check.ok ? '✓' : '✗'}`, ...check.lines.map((l) => `    ${l.trim()}`));
  if (!check.ok) {
    checksFailed = true;
    if (!timeAnyway) {
      log(`✗ ${w.title}: implementations disagree — not timed (timings of different computations mean nothing; --time-anyway to override)`);
      rows.push({ w, failed: true });
      for (const m of tfModels) disposeModel(m);
      numpy?.close();
      cPeer?.close();
      numpy32?.close();
      continue;
    }
    log('  (--time-anyway: timing it regardless)');
  }

  // Timing: from the same starting weights; extra rows split the generated step.
  for (const impl of impls) setParams(impl, init);
  const extra = [
    {
      key: 'gen-lag',
      label: 'generated lossAndGradient only',
      loop: nativeLoop(gen, batches, 't.lossAndGradient(X, Y, n); acc += t.lastLoss;'),
    },
    { key: 'gen-step', label: 'generated step only', loop: nativeLoop(gen, batches, 't.step(); acc += 1;') },
  ];
  const tTiming = performance.now();
  const memBefore = tf.memory().numTensors;
  // the peers' rounds interleaved with the others', from the initial weights (their checks put them back)
  const peers = [[numpy, 'numpy'], [numpy32, 'numpy32'], [cPeer, 'c']].filter(([peer]) => peer !== undefined).map(([peer, key]) => ({ key, timed: peer.timed }));
  const { results } = measure([...impls.map(({ key, loop }) => ({ key, loop })), ...peers], timing);
  numpy?.close();
  numpy32?.close();
  cPeer?.close();
  // The split of the generated step (already warm): a shorter run of its own.
  Object.assign(results, measure(extra, { ...timing, warmupMs: timing.warmupMs / 4, rounds: 5, minRounds: 3 }).results);
  const memAfter = tf.memory().numTensors;
  log(`  timing: ${((performance.now() - tTiming) / 1000).toFixed(1)} s`);
  if (memAfter !== memBefore) log(`  ! TF.js tensors: ${memBefore} before timing, ${memAfter} after (leak)`);

  const perStep = (key) => results[key]?.opsPerSec ?? NaN;
  const scale = w.unit === 'samples/s' ? batch : 1;
  const row = {
    w,
    failed: !check.ok,
    gen: perStep('generated') * scale,
    hand: perStep('hand') * scale,
    cpu: perStep('cpu') * scale,
    wasm: perStep('wasm') * scale,
    numpy: perStep('numpy') * scale,
    numpy32: perStep('numpy32') * scale,
    gen64: perStep('gen64') * scale,
    unrolled: perStep('unrolled') * scale,
    c: perStep('c') * scale,
  };
  row.genHand = row.gen / row.hand;
  row.genCpu = row.gen / row.cpu;
  row.genWasm = row.gen / row.wasm;
  // paired: the median over rounds of the per-round ratio, on each process's CPU time, and on wall time
  row.genNumpy = results.numpy === undefined ? NaN : pairedRatio(results.generated, results.numpy, 'cpu');
  row.genNumpyWall = results.numpy === undefined ? NaN : pairedRatio(results.generated, results.numpy, 'wall');
  row.genNumpy32 = results.numpy32 === undefined ? NaN : pairedRatio(results.generated, results.numpy32, 'cpu');
  row.genGen64 = results.gen64 === undefined ? NaN : pairedRatio(results.generated, results.gen64, clock);
  row.genUnrolled = row.gen / row.unrolled;
  // the same ratio as the median of the per-round ratios (both timed in each round, close in time: load that changes between rounds cancels)
  row.genUnrolledPaired = results.unrolled ? pairedRatio(results.generated, results.unrolled) : NaN;
  row.genC = results.c === undefined ? NaN : pairedRatio(results.generated, results.c, 'cpu');
  rows.push(row);
  const lag = 1e6 / perStep('gen-lag');
  const stp = 1e6 / perStep('gen-step');
  const peerImpls = [[numpy, 'numpy', 'numpy f64'], [numpy32, 'numpy32', 'numpy f32'], [cPeer, 'c', 'C -O3']].filter(([peer]) => peer !== undefined)
    .map(([, key, label]) => ({ key, label: `${label} (own process, interleaved rounds, its clocks)` }));
  for (const impl of [...impls, ...peerImpls, ...extra]) {
    const r = results[impl.key];
    details.push(
      `| ${w.title} | ${impl.label} | ${ops(r.opsPerSec)} | ${(r.perCallNs / 1000).toFixed(2)} | ${(r.cpuPerCallNs / 1000).toFixed(2)} | ${(r.wallPerCallNs / 1000).toFixed(2)} | ${(100 * r.spread).toFixed(1)} % | ${r.batch} × ${r.rounds} |`,
    );
  }
  log(
    `  generated ${ops(row.gen)} ${w.unit}, hand-written ${ops(row.hand)}, TF.js cpu ${ops(row.cpu)}, wasm ${ops(row.wasm)}, numpy ${ops(row.numpy)}; ` +
      `generated step split: lossAndGradient ${lag.toFixed(1)} µs + step ${stp.toFixed(1)} µs (${((100 * stp) / (lag + stp)).toFixed(0)} % in step)`,
  );
  for (const m of tfModels) disposeModel(m);
}

function disposeModel(m) {
  useBackend(m.backend);
  tf.dispose([...m.vars, ...m.X, ...m.Y, ...m.invN]);
  m.optimizer.dispose();
}

// ---- report -----------------------------------------------------------------------------
// workload and unit, then numbers
const workloadTable = (headers, rows) => markdownTable(['workload', 'unit', ...headers], rows, 2);
const table = workloadTable(
  ['generated', 'hand-written', 'TF.js cpu', 'TF.js wasm', 'numpy f64', 'generated / hand-written', 'generated / TF.js cpu', 'generated / TF.js wasm',
    'generated / numpy (paired, CPU)', 'generated / numpy (paired, wall)'],
  rows.map((r) => {
    const t = r.w.targets;
    if (r.failed && r.gen === undefined) return [r.w.title, r.w.unit, 'check ✗', '—', '—', '—', '—', 'not timed', '—', '—', '—', '—'];
    return [`${r.w.title}${r.failed ? ' (check ✗)' : ''}`, r.w.unit, ops(r.gen), ops(r.hand), ops(r.cpu), ops(r.wasm), ops(r.numpy),
      ratioCell(r.genHand, t.hand), ratioCell(r.genCpu, t.cpu), ratioCell(r.genWasm, t.wasm), ratioCell(r.genNumpy, t.numpy), ratioCell(r.genNumpyWall, undefined)];
  }),
);
// precision 'f32': the f32 trainer beside the f64 one (same rounds) and numpy in both precisions (its own process).
const f32Rows = rows.filter((r) => r.w.precision === 'f32' && r.gen !== undefined);
const f32Table = workloadTable(
  ['generated f32', 'generated f64', 'numpy f64', 'numpy f32', 'f32 / numpy f64 (paired, CPU; target ≥ 2)', 'f32 / numpy f32 (paired, CPU)', 'f32 / generated f64 (paired)'],
  f32Rows.map((r) => [r.w.title, r.w.unit, ops(r.gen), ops(r.gen64), ops(r.numpy), ops(r.numpy32),
    ratioCell(r.genNumpy, r.w.targets.numpy), ratioCell(r.genNumpy32, undefined), ratioCell(r.genGen64, undefined)]),
);
// The small-network peers: the same XOR step unrolled by hand, in JavaScript and in C.
const unrolledTable = workloadTable(
  ['generated', 'hand-unrolled JS', 'C -O3', 'generated / hand-unrolled JS', 'the same, paired per round', 'generated / C -O3 (paired, CPU)'],
  rows.filter((r) => Number.isFinite(r.unrolled)).map((r) => [r.w.title, r.w.unit, ops(r.gen), ops(r.unrolled), ops(r.c),
    ratioCell(r.genUnrolled, r.w.targets.unrolled), ratioCell(r.genUnrolledPaired, r.w.targets.unrolled), ratioCell(r.genC, r.w.targets.c)]),
);
// each table followed by a blank line; the f32 table only when (d) ran
const tables = [table, unrolledTable, ...(f32Rows.length > 0 ? [f32Table] : [])].flatMap((t) => [...t, '']);
const targetsLine =
  'Targets: generated / hand-written ≥ 1 on (a), ≥ 2 on (b), (c); generated / TF.js ≥ 100 on (a) (both backends); generated / TF.js wasm ≥ 1 on (b), (c); generated / numpy f64 ≥ 1 on (b), (c); ' +
  'generated / hand-unrolled JS ≥ 1.2 on (a), generated / C -O3 ≥ 0.5 on (a) (the moonshot); on (d), precision \'f32\', generated / numpy f64 ≥ 2.';
const elapsed = (performance.now() - started) / 1000;
const md = [
  '# nncompile network benchmark',
  '',
  `Generated by \`node --expose-gc bench/run-networks.mjs${clock === 'cpu' ? ' --clock=cpu' : ''}\` on ${new Date().toISOString()}${quick ? ' — **quick mode, not representative**' : ''}.`,
  'One training step = forward, loss, backward, plain SGD update, identical math and starting weights in every implementation;',
  `median of interleaved rounds (≥ ${timing.batchMs} ms each; rates on ${clock === 'cpu' ? 'process CPU time' : 'wall time'}). TF.js is float32, the others float64 except the generated trainer of (d), precision \'f32\', and numpy f32.`,
  'numpy runs in a child process that stays up: its rounds are interleaved with the others\' and timed by its own clocks (its process CPU time, its wall time);',
  'generated / numpy is the median over rounds of the per-round ratio (paired), on each side\'s process CPU time, and on wall time.',
  'The C peer (XOR) runs the same way; generated / C -O3 is paired on CPU time too.',
  '',
  ...tables,
  targetsLine,
  '',
  ...checksAndDetails({
    checks: checkReport,
    columns: ['steps/s', 'µs/step', 'µs/step CPU', 'µs/step wall'],
    clock,
    details,
    extra: [`TF.js ${tf.version_core}, wasm backend: ${wasmFeatures}`, `numpy peer: ${numpyVersion}`, `C peer (XOR): ${cCompiler}`],
    loadAtStart,
    elapsedSeconds: elapsed,
  }),
].join('\n');
console.log(['', ...tables, targetsLine, ''].join('\n'));
writeFileSync(join(here, 'networks-results.md'), md);
log(`wrote bench/networks-results.md (${elapsed.toFixed(0)} s)`);
process.exit(checksFailed ? 1 : 0);
