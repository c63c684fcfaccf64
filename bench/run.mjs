// nncompile benchmark: generated gradients vs hand-written JavaScript vs
// mathjs, side by side in one run, plus the compile time of a 100-variable
// expression. Writes the table to stdout and to bench/results.md.
//
//   npm run bench                      (builds dist/ first)
//   node --expose-gc bench/run.mjs     (uses the current dist/)
//   node --expose-gc bench/run.mjs --print-generated[=<item id>]
//                                      (also prints the generated TypeScript)
//   node --expose-gc bench/run.mjs --quick   (short smoke run; does not write results.md)
//   node --expose-gc bench/run.mjs --clock=cpu|wall
//                                      (what is timed: process CPU time, the default —
//                                      robust when other work shares the machine — or wall time)
import { writeFileSync } from 'node:fs';
import { items, compileTimeItem } from './suite.mjs';
import { generateTypeScript, loadGenerated } from './generated.mjs';
import { mathjsGradient } from './mathjs-gradient.mjs';
import { measure, pairedRatio, positionalArgs, specializedLoop, wallTime } from './timing.mjs';
import { compileLine, detailTable, machineInfo, resultsTable } from './report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const printArg = args.find((a) => a.startsWith('--print-generated'));
const printWhich = printArg?.includes('=') ? printArg.split('=')[1] : printArg ? 'all' : undefined;
const clock = args.find((a) => a.startsWith('--clock='))?.split('=')[1] ?? 'cpu';
if (clock !== 'cpu' && clock !== 'wall') throw new Error(`--clock must be cpu or wall, not ${clock}`);
const timing = quick
  ? { warmupMs: 100, batchMs: 40, rounds: 3, minRounds: 3, budgetMs: 3_000, clock }
  : { warmupMs: 300, batchMs: 100, rounds: 15, minRounds: 5, budgetMs: 15_000, clock };
const started = performance.now();
const log = (...xs) => console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s]`, ...xs);

// ---- compile time first, while the compiler is still cold ----------------
const compileTime = await wallTime(() => generateTypeScript(compileTimeItem), 3);
log(`compile time (${compileTimeItem.id}): ${compileTime.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms`);

// ---- agreement check --------------------------------------------------------
const REL = 1e-9;
function close(a, b) {
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}

/** Compares value and gradient of every implementation at a few points; exits on disagreement. */
function checkAgreement(item, impls) {
  const n = item.variables.length;
  for (const p of item.points.slice(0, 4)) {
    const results = impls.map(({ label, value, valueOnly }) => {
      const g = new Float64Array(n);
      const v = value(p, g);
      return { label, v, g: valueOnly ? undefined : g };
    });
    const [ref, ...others] = results;
    for (const o of others) {
      const bad = [];
      if (!close(ref.v, o.v)) bad.push(`value: ${ref.label} ${ref.v} vs ${o.label} ${o.v}`);
      for (let i = 0; o.g && i < n; i++) {
        if (!close(ref.g[i], o.g[i])) bad.push(`∂/∂${item.variables[i]}: ${ref.label} ${ref.g[i]} vs ${o.label} ${o.g[i]}`);
      }
      if (bad.length > 0) {
        console.error(`✗ ${item.title}: implementations disagree at x = [${[...p].slice(0, 6).join(', ')}${n > 6 ? ', …' : ''}]`);
        for (const line of bad.slice(0, 10)) console.error(`    ${line}`);
        console.error('Aborting: timings of implementations that compute different things mean nothing.');
        process.exit(1);
      }
    }
  }
}

// ---- per item: build, check, time ---------------------------------------------
const rows = [];
const details = [];
let checksum = 0;

for (const item of items) {
  const n = item.variables.length;
  const generated = await loadGenerated(item);
  if (printWhich === 'all' || printWhich === item.id) {
    console.log(`\n===== generated code: ${item.id} =====\n${generated.typescript}`);
  }
  log(`${item.id}: generated module loaded`);
  const mathjs = mathjsGradient(item.source, item.variables, item.mathjs);
  log(`${item.id}: mathjs derivatives built (${mathjs.setupMs.toFixed(0)} ms)`);
  const positional = positionalArgs(n);
  const genCall = generated.vector ? 'f(p, g)' : `f(${positional}, g)`;
  const genValueCall = generated.vector ? 'f(p)' : `f(${positional})`;
  const hand = item.hand.fn;
  const handCall = item.hand.call === 'positional' ? `f(${positional}, g)` : 'f(p, g)';

  checkAgreement(item, [
    { label: 'generated', value: generated.vector ? (p, g) => generated.grad(p, g) : (p, g) => generated.grad(...p, g) },
    { label: 'generated E', value: generated.vector ? (p) => generated.value(p) : (p) => generated.value(...p), valueOnly: true },
    { label: 'hand-written', value: item.hand.call === 'positional' ? (p, g) => hand(...p, g) : (p, g) => hand(p, g) },
    { label: 'mathjs', value: (p, g) => mathjs.grad(p, g) },
  ]);

  const g = () => new Float64Array(n);
  const impls = [
    { key: 'gen', impl: 'generated E_grad', loop: specializedLoop(generated.grad, item.points, g(), genCall) },
    { key: 'hand', impl: 'hand-written', loop: specializedLoop(hand, item.points, g(), handCall) },
    { key: 'mathjs', impl: 'mathjs', loop: specializedLoop(mathjs.grad, item.points, g(), 'f(p, g)') },
    { key: 'genValue', impl: 'generated E (value only)', loop: specializedLoop(generated.value, item.points, g(), genValueCall) },
  ];
  log(`timing ${item.title} …`);
  const { results, checksum: c } = measure(impls, timing);
  checksum += c;

  // Same inputs, same work: the per-call checksums of the gradient
  // implementations must agree (a second, cheap consistency check).
  for (const key of ['hand', 'mathjs']) {
    if (!close(results.gen.checksumPerCall, results[key].checksumPerCall)) {
      log(`  warning: checksum per call differs: generated ${results.gen.checksumPerCall} vs ${key} ${results[key].checksumPerCall}`);
    }
  }
  rows.push({
    title: item.title,
    gen: results.gen.opsPerSec,
    hand: results.hand.opsPerSec,
    mathjs: results.mathjs.opsPerSec,
    genValue: results.genValue.opsPerSec,
    genOverHand: pairedRatio(results.gen, results.hand),
    genOverMathjs: pairedRatio(results.gen, results.mathjs),
    gradOverValue: pairedRatio(results.genValue, results.gen),
  });
  for (const { key, impl } of impls) {
    details.push({
      title: item.title,
      impl,
      ...results[key],
      setup: key === 'mathjs' ? `${mathjs.setupMs.toFixed(0)} ms (${n} derivative${n > 1 ? 's' : ''})` : undefined,
    });
  }
}

// ---- report -------------------------------------------------------------------
const table = resultsTable(rows);
const compile = compileLine(`${compileTimeItem.title}`, compileTime);
const machine = machineInfo(clock);
const elapsed = (performance.now() - started) / 1000;

console.log(`\n${table}\n\n${compile}\n\n${machine.join('\n')}\n`);
console.log(`(checksum ${checksum.toPrecision(6)}, ${elapsed.toFixed(0)} s)`);

const md = `# nncompile benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString()}${quick ? ' — **quick mode, not representative**' : ''}.

${table}

${compile}

Machine:
${machine.map((l) => `- ${l}`).join('\n')}

## Details

${detailTable(details)}

## Method

- ops/s = full evaluations per second: value **and** complete gradient (for "generated E", the value only).
- Each implementation is warmed up (${timing.warmupMs} ms), then timed in batches of a fixed number of calls
  (calibrated to ≥ ${timing.batchMs} ms), ${timing.rounds} rounds (fewer, never below ${timing.minRounds}, when
  batches are long); the rounds are interleaved across implementations with a rotating order, a GC runs
  before each batch, and the median per-call time is reported. Clock of this run: **${clock === 'cpu'
    ? 'process CPU time** (user + system, all threads: it does not advance while the process waits for a core, so other work on the machine disturbs it far less than wall time; both clocks are in the details)'
    : 'wall time** (performance.now)'}. The ratio columns are paired: the median
  over rounds of the per-round ratio (implementations of one round ran seconds apart, so load that varies
  between rounds cancels); they can differ slightly from the quotient of the ops/s columns. Every implementation has its own loop
  function (separate V8 type feedback); inputs cycle through 16 fixed random points; results and a gradient
  entry go into a checksum.
- Before timing, value and gradient of all implementations are checked to agree (relative 1e-9) at 4 points.
- Generated: \`compileExpression\` + \`emitExpressionModule\`, transpiled with \`ts.transpileModule\` and imported;
  called with positional arguments \`E_grad(x1, …, xn, grad)\`.
- Hand-written (bench/handwritten.mjs): forward values, then adjoints, no allocation per call; loops for the
  swell suite (prefix/suffix products, a tape for the sin chain, a fused loop for the pair sum).
- mathjs: the expression and \`derivative(expr, v)\` for every variable, each compiled once, then per call
  \`.evaluate(scope)\` on a reused Map scope. For the chain-rule example the derivative uses mathjs's default
  simplification; for the swell suite \`derivative(..., { simplify: false })\` + \`simplifyConstant\`, because
  mathjs's \`simplify\` does not finish on these expressions in reasonable time.
- To see *why* a generated function is slower than the hand-written one, \`node --expose-gc
  --max-semi-space-size=256 --min-semi-space-size=256 bench/variants.mjs\` times rewritten variants of the
  generated code (array input instead of positional arguments, early gradient writes, ASAP schedule) and
  prints heap bytes allocated per call; \`--print-generated[=<id>]\` prints the generated TypeScript.
`;
if (quick) {
  log('quick mode: bench/results.md left as it was');
} else {
  writeFileSync(new URL('./results.md', import.meta.url), md);
  log('wrote bench/results.md');
}
