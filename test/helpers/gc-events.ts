import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { expect } from 'vitest';
import { isOptimized, optimizeNow, prepareForOptimization } from './v8-tiering.js';

export interface GcMeasurement {
  /** GC events (scavenges, mark-compacts) that started while the calls ran. */
  readonly events: number;
  /** Growth of the young generation over the calls (meaningful when events is 0). */
  readonly youngBytes: number;
  readonly ms: number;
  /** Whether the loop was still TurboFan code after the calls (false: it was deoptimized meanwhile). */
  readonly stayedOptimized: boolean;
}

const youngGenerationUsed = () =>
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? Number.NaN;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn(x + i·1e-9, ...rest)` `calls` times after a warm-up and counts
 * the GC events that start meanwhile. Zero means the function allocates
 * nothing once optimized.
 *
 * The loop is compiled with `new Function` for every measurement, so its call
 * site has seen only `fn` (monomorphic: V8 inlines it and keeps the returned
 * double unboxed; a shared, polymorphic call site would box every return
 * value and the count would measure the harness, not `fn`).
 */
export async function measureGc(
  fn: (...args: never[]) => number,
  args: readonly [number, ...(number | Float64Array)[]],
  { warmup = 1e5, calls = 1e6 } = {},
): Promise<GcMeasurement> {
  const rest = args.slice(1).map((_, i) => `a${i + 1}`);
  const loop = new Function(
    'fn', 'a0', ...rest,
    `return function measured(calls) {
       let s = 0;
       for (let i = 0; i < calls; i++) s += fn(a0 + i * 1e-9${rest.map((a) => `, ${a}`).join('')});
       return s;
     };`,
  )(fn, ...args) as (calls: number) => number;
  return countGcDuring(loop, { warmup, calls });
}

/**
 * Warms up `runLoop` (a loop that makes `calls` calls of the code under test
 * and returns a checksum), has TurboFan compile it, then counts the GC events
 * that start while it makes `calls` more calls. What is measured is the loop's
 * optimized code, whatever the machine's load: left to V8's background compiler,
 * the calls could run in the loop's on-stack-replacement code, which boxes a
 * double summed in the loop (16 bytes a call that the code under test does not make).
 */
export async function countGcDuring(
  runLoop: (calls: number) => number,
  { warmup = 1e5, calls = 1e6 } = {},
): Promise<GcMeasurement> {
  prepareForOptimization(runLoop);
  let sink = 0;
  for (let k = 0; k < 10; k++) sink += runLoop(warmup / 10);
  optimizeNow(runLoop, () => (sink += runLoop(warmup / 10)));
  if (!isOptimized(runLoop)) {
    throw new Error('the measuring loop is not TurboFan code after its warm-up (deoptimized on its last warm-up call?): the count would measure the interpreter');
  }

  const starts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) starts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const young = youngGenerationUsed();
  const start = performance.now();
  sink += runLoop(calls);
  const end = performance.now();
  const youngBytes = youngGenerationUsed() - young;
  const stayedOptimized = isOptimized(runLoop);
  await pause(100); // entries are delivered asynchronously
  observer.disconnect();
  if (Number.isNaN(sink)) throw new Error('the measured function returned NaN');
  // Only GCs that started during the calls count: the test runner may collect before or after.
  return { events: starts.filter((t) => t >= start && t <= end).length, youngBytes, ms: end - start, stayedOptimized };
}

/**
 * No GC starts while `runLoop` runs, and the young generation grows by less
 * than 64 KiB over the calls: zero GCs alone could hide a few bytes per call
 * (1e5 × 16 bytes fits in the young generation). The loop stays optimized
 * throughout (a deoptimization would come from the code under test).
 */
export async function expectNoGcDuring(runLoop: (calls: number) => number, options: { warmup?: number; calls?: number } = {}): Promise<void> {
  const gc = await countGcDuring(runLoop, options);
  expect(gc.events).toBe(0);
  expect(gc.youngBytes).toBeLessThan(64 * 1024);
  expect(gc.stayedOptimized).toBe(true);
}
