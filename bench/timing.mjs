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
export function specializedLoop(fn, points, grad, call) {
  if (points.length !== POINT_COUNT) throw new Error(`need exactly ${POINT_COUNT} points`);
  const last = grad.length - 1;
  const source = `
    return function loop(n) {
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

/**
 * Times implementations side by side.
 *   impls: [{ key, loop }]  (loop from specializedLoop)
 * Options: warmupMs per implementation, batchMs (minimum time of one batch),
 * rounds (wanted), minRounds, budgetMs (cap on the timed part: fewer rounds
 * when the batches are long, never fewer than minRounds).
 * Returns { results: { [key]: { opsPerSec, perCallNs, spread, batch, rounds, checksumPerCall } }, checksum }.
 */
export function measure(impls, options = {}) {
  const { warmupMs = 250, batchMs = 200, rounds = 9, minRounds = 3, budgetMs = 25_000 } = options;
  let checksum = 0;

  // Warm-up (reaches the optimising tier) and calibration of the batch size.
  const batch = new Map();
  for (const { key, loop } of impls) {
    let n = 1;
    let calls = 0;
    let elapsed = 0;
    const start = now();
    while (now() - start < warmupMs) {
      const t0 = now();
      checksum += loop(n);
      elapsed = now() - t0;
      calls = n;
      if (elapsed < batchMs / 4) n *= 2;
    }
    const perCall = Math.max(elapsed / calls, 1e-7);
    // A multiple of the point count: every batch sees every point equally often.
    const size = Math.max(POINT_COUNT, Math.ceil(batchMs / perCall / POINT_COUNT) * POINT_COUNT);
    batch.set(key, { size, estimateMs: size * perCall });
  }

  const roundMs = [...batch.values()].reduce((s, b) => s + b.estimateMs, 0);
  const roundCount = Math.max(minRounds, Math.min(rounds, Math.floor(budgetMs / roundMs)));

  const samples = new Map(impls.map(({ key }) => [key, []]));
  const sums = new Map(impls.map(({ key }) => [key, 0]));
  for (let r = 0; r < roundCount; r++) {
    for (let j = 0; j < impls.length; j++) {
      const { key, loop } = impls[(j + r) % impls.length];
      const { size } = batch.get(key);
      gc();
      const t0 = now();
      const acc = loop(size);
      const ms = now() - t0;
      samples.get(key).push(ms / size);
      sums.set(key, acc / size);
      checksum += acc;
    }
  }

  const results = {};
  for (const { key } of impls) {
    const perCall = samples.get(key);
    const med = median(perCall);
    results[key] = {
      opsPerSec: 1000 / med,
      perCallNs: med * 1e6,
      spread: (Math.max(...perCall) - Math.min(...perCall)) / med,
      batch: batch.get(key).size,
      rounds: roundCount,
      checksumPerCall: sums.get(key),
    };
  }
  return { results, checksum };
}

/** Median wall time (ms) of `runs` calls of an async function, plus every sample. */
export async function wallTime(fn, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await fn();
    times.push(now() - t0);
  }
  return { medianMs: median(times), samplesMs: times };
}
