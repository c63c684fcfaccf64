// nncompile benchmark for plain TypeScript functions (issue 10): the generated
// gradient (differentiable(fn) compiled from its source) vs hand-written
// gradient code vs TensorFlow.js tf.valueAndGrads ('cpu' backend), side by
// side in one run, plus the compile time of each function.
//
//   npm run bench:functions                      (builds dist/ first)
//   node --expose-gc bench/run-functions.mjs     (uses the current dist/)
//   node --expose-gc bench/run-functions.mjs --quick   (smoke run; does not write the results file)
//
// Functions (model files in bench/functions/*.ts):
//   (a) CS231n's staged f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²)
//   (b) Rosenbrock over a 100-long vector (a loop)
//   (c) a Huber-loss line fit over 32 points (branches in a loop)
//   (d) an exponential moving average over 100 values (a recurrence: a loop and a reverse loop)
// Value and gradient of every implementation are checked to agree first; a
// function whose check fails is not timed and the script exits 1.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { POINT_COUNT, measure, pairedRatio, pairedSpread, specializedLoop, wallTime } from './timing.mjs';
import { machineInfo, ops } from './report.mjs';
import { registerTfGradients } from './tfjs-gradients.mjs';
import { emaGrad, huberGrad, rosenbrockGrad, stagedGrad } from './functions/handwritten.mjs';
import { emaTf, huberTf, rosenbrockTf, stagedTf } from './functions/tfjs.mjs';
import { seededRandom } from '../dist/util/seeded-random.js';
import { loadCompiler, scratchFolder } from './compiler.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
// Generated vs hand-written: many short rounds (~2 ms batches: most run without being preempted on a
// busy machine), the two alternated (the order rotates), process CPU time; the ratio is the median of
// the per-round ratios (load that changes between rounds cancels). Both are allocation-free: no GC
// between batches. TF.js is a thousand times slower: a few long rounds of its own.
const pairTiming = quick
  ? { warmupMs: 100, batchMs: 2, rounds: 100, minRounds: 50, budgetMs: 1_000, clock: 'cpu', collect: false }
  : { warmupMs: 500, batchMs: 2, rounds: 1500, minRounds: 300, budgetMs: 8_000, clock: 'cpu', collect: false };
const tfTiming = quick
  ? { warmupMs: 100, batchMs: 40, rounds: 3, minRounds: 3, budgetMs: 2_000, clock: 'cpu' }
  : { warmupMs: 300, batchMs: 100, rounds: 5, minRounds: 3, budgetMs: 3_000, clock: 'cpu' };
const COMPILE_RUNS = quick ? 3 : 6;
/** Cold CLI runs per function (a new process each); the median is reported. */
const CLI_RUNS = quick ? 3 : 5;
const TARGETS = { genOverHand: 0.9, compileMs: 1000 };
const started = performance.now();
const log = (...xs) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s]`, ...xs);

const ITEMS = [
  { id: 'staged', title: '(a) CS231n staged f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²)', n: 2, positional: true, domain: [-3, 3], hand: stagedGrad, tf: stagedTf },
  { id: 'rosenbrock', title: '(b) Rosenbrock, a loop over a 100-long vector', n: 100, positional: false, domain: [-1.5, 1.5], hand: rosenbrockGrad, tf: rosenbrockTf },
  { id: 'huber', title: '(c) Huber line fit, if/else if/else in a 32-step loop', n: 2, positional: true, domain: [-1, 1], hand: huberGrad, tf: huberTf },
  { id: 'ema', title: '(d) EMA m = a·m + (1 − a)·x_i over 100 values, a recurrence', n: 101, positional: false, domain: [0.1, 0.95], hand: emaGrad, tf: emaTf },
];

const tmp = scratchFolder('nncompile-functions-');
const { compileModel } = await loadCompiler();

/** compileModel on bench/functions/<id>.ts: compile time (COMPILE_RUNS runs, the first cold) and the generated module. */
async function compileItem(item) {
  const path = join(here, 'functions', `${item.id}.ts`);
  const input = { text: readFileSync(path, 'utf8'), fileName: `bench/functions/${item.id}.ts`, path, command: 'npm run bench:functions' };
  let result;
  const time = await wallTime(async () => { result = await compileModel(input); }, COMPILE_RUNS);
  const source = result.files[0].content;
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(tmp, `${item.id}.mjs`);
  writeFileSync(file, outputText);
  const module = await import(pathToFileURL(file).href);
  return { grad: module[`${item.id}_grad`], time, lines: source.split('\n').length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** compileModel after warm-up: the median of every run but the first, wall and CPU. */
const warm = (time) => ({ wallMs: median(time.samplesMs.slice(1)), cpuMs: median(time.cpuSamplesMs.slice(1)) });

/**
 * The CLI from a cold start, as a user runs it: a new node process on dist/cli/main.js (what
 * `npx nncompile` starts, less npx's own start-up), writing into the scratch folder, CLI_RUNS
 * times. Wall time, and the child's CPU time (user + system of all its threads, printed by an
 * --import hook at exit); the median of each. The first run of this build writes the code cache
 * (src/cli/code-cache.ts) that the others read, as a user's second and later runs do.
 */
const CPU_AT_EXIT = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\ncpu-ms '+(c.user+c.system)/1000)})`;
function coldCli(item) {
  const runs = Array.from({ length: CLI_RUNS }, () => {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, join(here, '../dist/cli/main.js'), join(here, 'functions', `${item.id}.ts`), '--out', tmp], { encoding: 'utf8' });
    const wallMs = performance.now() - t0;
    const cpu = /cpu-ms ([\d.]+)/.exec(run.stderr);
    if (run.status !== 0 || !cpu) throw new Error(`nncompile ${item.id}.ts failed: ${run.stderr}`);
    return { wallMs, cpuMs: Number(cpu[1]) };
  });
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), cpuSamplesMs: runs.map((r) => r.cpuMs) };
}

// ---- TF.js ------------------------------------------------------------------
const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
await registerTfGradients(tmp);
console.warn = () => {}; // the "install tfjs-node" banner, printed at the first op
await tf.setBackend('cpu');

// ---- per function: compile, check, time --------------------------------------
const call = (item) => (item.positional ? `f(${Array.from({ length: item.n }, (_, i) => `p[${i}]`).join(', ')}, g)` : 'f(p, g)');
const invoke = (item, f, p, g) => (item.positional ? f(...p, g) : f(p, g));
const close = (a, b, rtol, atol) => Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;

const rows = [];
let failed = false;
let checksum = 0;
for (const item of ITEMS) {
  const generated = await compileItem(item);
  log(`${item.id}: compiled in ${generated.time.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms (${generated.lines} lines)`);
  const cli = coldCli(item);
  log(`${item.id}: cold CLI, median of ${CLI_RUNS}: ${cli.cpuMs.toFixed(0)} ms CPU (${cli.cpuSamplesMs.map((x) => x.toFixed(0)).join(', ')}), ${cli.wallMs.toFixed(0)} ms wall`);
  const random = seededRandom(item.n * 7919 + 17);
  const points = Array.from({ length: POINT_COUNT }, () =>
    Float64Array.from({ length: item.n }, () => item.domain[0] + (item.domain[1] - item.domain[0]) * random()));
  const tfGrad = item.tf(tf);
  const impls = [
    { key: 'gen', label: 'generated', fn: generated.grad, rtol: 1e-9 },
    { key: 'hand', label: 'hand-written', fn: item.hand, rtol: 1e-9 },
    { key: 'tf', label: 'TF.js cpu (float32)', fn: tfGrad, rtol: 2e-3 },
  ];
  // Agreement first: timings of implementations that compute different things mean nothing.
  for (const p of points.slice(0, 4)) {
    const reference = new Float64Array(item.n);
    const value = invoke(item, generated.grad, p, reference);
    const scale = Math.max(...reference.map(Math.abs));
    for (const impl of impls.slice(1)) {
      const g = new Float64Array(item.n);
      const v = invoke(item, impl.fn, p, g);
      const bad = !close(v, value, impl.rtol, 1e-12) || g.some((x, i) => !close(x, reference[i], impl.rtol, impl.rtol * scale));
      if (bad) {
        console.error(`✗ ${item.title}: ${impl.label} disagrees with the generated gradient (value ${v} vs ${value})`);
        failed = true;
      }
    }
  }
  if (failed) continue;
  log(`${item.id}: implementations agree; timing …`);
  const loops = impls.map((impl) => ({ key: impl.key, loop: specializedLoop(impl.fn, points, new Float64Array(item.n), call(item)) }));
  const pair = measure(loops.slice(0, 2), pairTiming);
  // TF.js against the generated code again, in rounds of its own (its ratio is paired too)
  const withTf = measure([loops[0], loops[2]], tfTiming);
  checksum += pair.checksum + withTf.checksum;
  const results = { ...pair.results, tf: withTf.results.tf };
  rows.push({
    item,
    results,
    genOverHand: pairedSpread(results.gen, results.hand),
    genOverTf: pairedRatio(withTf.results.gen, results.tf),
    compile: generated.time,
    warm: warm(generated.time),
    cli,
    lines: generated.lines,
  });
}

// ---- report -------------------------------------------------------------------
const mark = (ok) => (ok ? '✓' : '✗');
const ratio = (x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
const spread = (q) => `${q.q1.toFixed(2)}–${q.q3.toFixed(2)}`;
const table = [
  `| function | generated ops/s | hand-written ops/s | TF.js cpu ops/s | generated / hand-written (≥ ${TARGETS.genOverHand}): median of paired rounds | quartiles of the paired ratios | best round / best round | generated / TF.js | compile, in process after warm-up (< 1 s): wall / CPU | first compile in the process: wall / CPU | cold CLI (new process), median of ${CLI_RUNS}: CPU (< 1 s) / wall | generated lines |`,
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.item.title} | ${ops(r.results.gen.opsPerSec)} | ${ops(r.results.hand.opsPerSec)} | ${ops(r.results.tf.opsPerSec)} `
    + `| ${ratio(r.genOverHand.median)} ${mark(r.genOverHand.median >= TARGETS.genOverHand)} (${r.genOverHand.rounds} rounds) | ${spread(r.genOverHand)} | ${ratio(r.genOverHand.best)} | ${ratio(r.genOverTf)}× `
    + `| ${r.warm.wallMs.toFixed(0)} ms ${mark(r.warm.wallMs < TARGETS.compileMs)} / ${r.warm.cpuMs.toFixed(0)} ms `
    + `| ${r.compile.samplesMs[0].toFixed(0)} / ${r.compile.cpuSamplesMs[0].toFixed(0)} ms `
    + `| ${r.cli.cpuMs.toFixed(0)} ms ${mark(r.cli.cpuMs < TARGETS.compileMs)} / ${r.cli.wallMs.toFixed(0)} ms | ${r.lines} |`),
].join('\n');
const machine = machineInfo(pairTiming.clock);
console.log(`\n${table}\n\n${machine.join('\n')}\n(checksum ${checksum.toPrecision(6)})`);

const md = `# nncompile benchmark results: TypeScript functions

Generated by \`npm run bench:functions\` (bench/run-functions.mjs) on ${new Date().toISOString()}${quick ? ' — **quick mode, not representative**' : ''}.

${table}

Machine:
${machine.map((l) => `- ${l}`).join('\n')}

## Method

- ops/s = calls per second of a function computing the value **and** the whole gradient, on 16 fixed
  random points (cycled); process CPU time (bench/timing.mjs), median over rounds.
- Generated vs hand-written: ${pairTiming.rounds} rounds at most (at least ${pairTiming.minRounds}) of ~${pairTiming.batchMs} ms batches, the
  two alternated in one process (the order rotates each round); the ratio is the median of the per-round
  ratios (hand-written time / generated time of the same round: load that changes between rounds
  cancels), with their quartiles, and \`best round / best round\`: the ratio of each one's fastest round
  (the min statistic, a second view on a busy machine). TF.js is timed against the generated code in
  ${tfTiming.rounds} rounds of its own.
- Generated: \`compileModel\` on bench/functions/<id>.ts (the \`differentiable\` function read from its
  source), the module transpiled and imported; \`E_grad(x, y, grad)\` or \`E_grad(x, grad)\`.
- Hand-written (bench/functions/handwritten.mjs): (a) CS231n's own backward pass, (b) the textbook
  Rosenbrock gradient in one loop, (c) the Huber gradient with the clamp dL/dr ∈ [−δ, δ], (d) the EMA's
  backpropagation through time: a forward loop keeping m on a tape, a reverse loop.
- TF.js (bench/functions/tfjs.mjs): the same math with tensors, \`tf.valueAndGrads\`, inside \`tf.tidy\`,
  results read back with \`dataSync\` (float32, 'cpu' backend): per-call overhead dominates at these sizes.
- Before timing, value and gradient are checked against the generated ones (relative 1e-9; TF.js 2e-3).
- Compile time in process: \`compileModel\` (model run in its worker, function translated,
  differentiated, notes, HTML, formatted module), ${COMPILE_RUNS} runs in this process: the first (cold: V8 has compiled
  nothing of the compiler yet, prettier's and KaTeX's parts load) and the median of the others (after
  warm-up); wall and process CPU time (all threads).
- Cold CLI: \`node dist/cli/main.js bench/functions/<id>.ts --out <tmp>\` in a new process, what
  \`npx nncompile\` runs (npx adds its own start-up), ${CLI_RUNS} times: the median of the child's CPU time
  (user + system, all its threads; esbuild's service, a separate process, not included) and of its wall
  time. The first run of a build writes the code cache the later ones read (\`src/cli/code-cache.ts\`).
  On a machine shared with other work, wall time is CPU time plus waiting for a core.
`;
if (failed) {
  console.error('a correctness check failed: results not written');
  process.exit(1);
}
if (quick) log('quick mode: bench/functions-results.md left as it was');
else {
  writeFileSync(new URL('./functions-results.md', import.meta.url), md);
  log('wrote bench/functions-results.md');
}
