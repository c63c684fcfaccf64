// Timing loops and agreement measures shared by the training benchmarks
// (bench/run-networks.mjs, bench/run-recurrent.mjs). One loop function per
// implementation, compiled from its own source text with a unique name, so
// every call site in it stays monomorphic (V8 caches new Function() by source
// text: two loops with the same text would share their type feedback).

let loopCount = 0;

/**
 * A loop `(count) => acc` over batches cycled with `& mask` (batches.length a
 * power of two). `body` is the statement of one step, written with `t` (the
 * target object), `X`, `Y` (the current batch) and `n`, adding to `acc`.
 */
export function nativeLoop(target, batches, body) {
  const mask = batches.length - 1;
  if ((batches.length & mask) !== 0) throw new Error('nativeLoop: the number of batches must be a power of two');
  const source = `
    let b = 0;
    return function nativeLoop${++loopCount}(count) {
      let acc = 0;
      for (let i = 0; i < count; i++) {
        const X = Xs[b], Y = Ys[b];
        ${body}
        b = (b + 1) & ${mask};
      }
      return acc;
    };`;
  // eslint-disable-next-line no-new-func
  return new Function('t', 'Xs', 'Ys', 'n', source)(
    target,
    batches.map((x) => x.X),
    batches.map((x) => x.Y),
    batches[0].n,
  );
}

/** A loop of TF.js training steps (`model.train(b, false)` on `model.backend`), batches cycled with `& mask`. */
export function tfLoop(model, useBackend, batchCount) {
  const mask = batchCount - 1;
  const source = `
    let b = 0;
    return function tfLoop${++loopCount}(count) {
      useBackend(backend);
      for (let i = 0; i < count; i++) {
        model.train(b, false);
        b = (b + 1) & ${mask};
      }
      return model.vars[model.vars.length - 1].dataSync()[0];
    };`;
  // eslint-disable-next-line no-new-func
  return new Function('model', 'useBackend', 'backend', source)(model, useBackend, model.backend);
}

/** |a − b| relative to the larger of the two. */
export const relDiff = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

/** max |a − b| / max |a| over all arrays of two lists of parameter (or gradient) arrays. */
export function arraysDiff(pa, pb) {
  let diff = 0;
  let scale = 1e-12;
  for (let p = 0; p < pa.length; p++) {
    for (let i = 0; i < pa[p].length; i++) {
      diff = Math.max(diff, Math.abs(pa[p][i] - pb[p][i]));
      scale = Math.max(scale, Math.abs(pa[p][i]));
    }
  }
  return diff / scale;
}

/** A speed ratio as the tables print it: n/a, 3 significant digits, whole numbers from 100. */
export const fmtRatio = (x) =>
  !Number.isFinite(x) ? 'n/a' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);

/** A ratio cell with ✓ / ✗ against its target (none: the bare ratio). */
export function ratioCell(x, target) {
  if (!Number.isFinite(x)) return 'n/a';
  return target === undefined ? `${fmtRatio(x)}×` : `${fmtRatio(x)}× ${x >= target ? '✓' : '✗'}`;
}
