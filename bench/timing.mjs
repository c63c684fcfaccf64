// Robust throughput timer: warm up, calibrate a fixed batch size per
// implementation, then run rounds interleaved across implementations (the
// order rotates every round) and report the median. Each implementation gets
// its own loop function, compiled from its own source text, so V8 keeps
// separate type feedback per implementation (a shared loop would see several
// call targets, go polymorphic and penalise the fastest one).

const now = () => performance.now();
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

/** Points are cycled through with `i & mask`, so the count must be a power of two. */
export const POINTS_MASK = 15;
export const POINT_COUNT = POINTS_MASK + 1;

/**
 * A loop `(n) => checksum` calling `fn` n times on `points[i & 15]`.
 * `call` is the call expression, written with `f` (the function), `p` (the
 * current point, a Float64Array) and `g` (the gradient output), e.g.
 * 'f(p[0], p[1], g)' or 'f(p, g)'. Every result and one gradient entry go
 * into the checksum, so no call can be dropped as dead code.
 */
let loopCount = 0;
export function specializedLoop(fn, points, grad, call) {
  if (points.length !== POINT_COUNT) throw new Error(`need exactly ${POINT_COUNT} points`);
  const last = grad.length - 1;
  // The unique name matters: V8 caches new Function() by source text, and two
  // loops with the same text would share one SharedFunctionInfo — and its
  // type feedback, which is exactly what a loop per implementation avoids.
  const source = `
    return function loop${++loopCount}(n) {
      let acc = 0;
      for (let i = 0; i < n; i++) {
        const p = points[i & ${POINTS_MASK}];
        acc += ${call} + g[${last}];
      }
      return acc;
    };`;
  // eslint-disable-next-line no-new-func
  return new Function('f', 'points', 'g', source)(fn, points, grad);
}

/** Positional arguments p[0], …, p[n-1] for a call expression. */
export function positionalArgs(n) {
  return Array.from({ length: n }, (_, i) => `p[${i}]`).join(', ');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Process CPU time (user + system) in ms: does not advance while the process waits for a core. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * One batch of n calls of an implementation: { acc, wallMs, cpuMs }. A loop
 * runs here, timed by this process's clocks; a peer in another process
 * (`timed`, bench/peer-process.mjs) times its own batch and reports its own
 * process CPU time and wall time, while this process waits.
 */
function runBatch(impl, n) {
  if (impl.timed !== undefined) {
    const { acc, wallMs, cpuMs } = impl.timed(n);
    return { acc, wallMs, cpuMs };
  }
  const c0 = cpuNow();
  const t0 = now();
  const acc = impl.loop(n);
  const t1 = now();
  const c1 = cpuNow();
  return { acc, wallMs: t1 - t0, cpuMs: c1 - c0 };
}

/**
 * Times implementations side by side.
 *   impls: [{ key, loop }]  (loop from specializedLoop), or [{ key, timed }] for a peer
 *   process that times its own batches (timed(n) → { acc, wallMs, cpuMs }: its clocks)
 * Options: warmupMs per implementation, batchMs (minimum time of one batch),
 * rounds (wanted), minRounds, budgetMs (cap on the timed part: fewer rounds
 * when batches are long or the machine is slow, never fewer than minRounds),
 * clock: 'wall' (performance.now) or 'cpu' (process CPU time; robust on a
 * machine shared with other work, includes GC helper threads),
 * statistic: 'median' (default) or 'min' (best round: for A/B experiments on a noisy machine),
 * cycle: how many distinct inputs a loop cycles through (default POINT_COUNT; every
 * batch is a multiple of it, so a slow step, e.g. a recurrent network's, can use fewer),
 * collect: false skips the full GC before every batch (for allocation-free code timed in many
 * short batches, where a collection per batch would cost more than the batch).
 * Returns { results: { [key]: { opsPerSec, perCallNs, wallPerCallNs, cpuPerCallNs, spread, batch,
 * rounds, checksumPerCall, samples, wallSamples, cpuSamples } }, checksum } where samples[r] is the
 * per-call time (ms, chosen clock) in round r, wallSamples and cpuSamples the same on each clock
 * (for paired ratios, see pairedRatio).
 */
export function measure(impls, options = {}) {
  const { warmupMs = 250, batchMs = 200, rounds = 9, minRounds = 3, budgetMs = 25_000, clock = 'wall' } = options;
  const cycle = options.cycle ?? POINT_COUNT;
  const collect = options.collect === false ? () => {} : gc;
  const statistic = options.statistic === 'min' ? (xs) => Math.min(...xs) : median;
  let checksum = 0;

  // Warm-up (reaches the optimising tier) and calibration of the batch size.
  const batch = new Map();
  for (const impl of impls) {
    const { key } = impl;
    // At least warmupMs; then on (up to 4 × warmupMs) until two successive
    // batches agree within 10 %: a large function's optimised code can take
    // a few hundred ms to arrive from the concurrent compiler on a busy machine.
    let n = 1;
    let perCall = Infinity;
    let previous = Infinity;
    const start = now();
    for (;;) {
      const { acc, wallMs: elapsed } = runBatch(impl, n);
      checksum += acc;
      previous = perCall;
      perCall = Math.max(elapsed / n, 1e-7);
      if (elapsed < batchMs / 4) n *= 2;
      const spent = now() - start;
      if (spent >= 4 * warmupMs) break;
      if (spent >= warmupMs && elapsed >= batchMs / 8 && Math.abs(perCall - previous) <= 0.1 * previous) break;
    }
    // A multiple of the point count: every batch sees every point equally often.
    const size = Math.max(cycle, Math.ceil(batchMs / perCall / cycle) * cycle);
    batch.set(key, { size, estimateMs: size * perCall });
  }

  const roundMs = [...batch.values()].reduce((s, b) => s + b.estimateMs, 0);
  const roundCount = Math.max(minRounds, Math.min(rounds, Math.floor(budgetMs / roundMs)));

  const wall = new Map(impls.map(({ key }) => [key, []]));
  const cpu = new Map(impls.map(({ key }) => [key, []]));
  const sums = new Map(impls.map(({ key }) => [key, 0]));
  const timedStart = now();
  let done = 0;
  for (let r = 0; r < roundCount; r++) {
    // A slow (loaded) machine: stop once over budget, keeping at least minRounds.
    if (r >= minRounds && now() - timedStart > 1.5 * budgetMs) break;
    for (let j = 0; j < impls.length; j++) {
      const impl = impls[(j + r) % impls.length];
      const { key } = impl;
      const { size } = batch.get(key);
      collect();
      const { acc, wallMs, cpuMs } = runBatch(impl, size);
      wall.get(key).push(wallMs / size);
      cpu.get(key).push(cpuMs / size);
      sums.set(key, acc / size);
      checksum += acc;
    }
    done++;
  }

  const results = {};
  for (const { key } of impls) {
    const perCall = (clock === 'cpu' ? cpu : wall).get(key);
    const med = statistic(perCall);
    results[key] = {
      opsPerSec: 1000 / med,
      perCallNs: med * 1e6,
      wallPerCallNs: median(wall.get(key)) * 1e6,
      cpuPerCallNs: median(cpu.get(key)) * 1e6,
      spread: (Math.max(...perCall) - Math.min(...perCall)) / med,
      batch: batch.get(key).size,
      rounds: done,
      checksumPerCall: sums.get(key),
      samples: perCall,
      wallSamples: wall.get(key),
      cpuSamples: cpu.get(key),
    };
  }
  return { results, checksum };
}

/**
 * Speed ratio a/b (ops/s of a over ops/s of b) as the median over rounds of
 * the per-round ratio: both ran in the same round, close in time, so load
 * that changes from round to round largely cancels. `clock` ('cpu' or
 * 'wall') picks the samples; by default those of the clock measure used.
 */
export function pairedRatio(a, b, clock) {
  const [sa, sb] = clock === undefined ? [a.samples, b.samples] : clock === 'cpu' ? [a.cpuSamples, b.cpuSamples] : [a.wallSamples, b.wallSamples];
  return median(sa.map((ta, r) => sb[r] / ta));
}

/** Median wall time (ms) of `runs` calls of an async function, plus every sample. */
export async function wallTime(fn, runs = 3) {
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const c0 = process.cpuUsage();
    await fn();
    times.push(now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  // cpu: process CPU time (all threads: a worker's too), which a busy machine disturbs less than wall time
  return { medianMs: median(times), samplesMs: times, cpuMedianMs: median(cpuTimes), cpuSamplesMs: cpuTimes };
}

/**
 * The paired ratios a/b of every round (b's time over a's), summarised:
 * median, quartiles, and the ratio of the two best rounds (min statistic: each
 * implementation's least disturbed round, a second view on a noisy machine).
 */
export function pairedSpread(a, b) {
  const ratios = a.samples.map((ta, r) => b.samples[r] / ta).sort((x, y) => x - y);
  const at = (q) => {
    const i = q * (ratios.length - 1);
    const lo = Math.floor(i);
    return ratios[lo] + (ratios[Math.min(lo + 1, ratios.length - 1)] - ratios[lo]) * (i - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), best: Math.min(...b.samples) / Math.min(...a.samples), rounds: ratios.length };
}
