// What test/helpers/gc-child.mjs and wasm-args-child.mjs measure, shared: a loop
// warmed up until V8 has optimized what it calls, then run once more while the
// GC events that start and the growth of the young generation are recorded.
// Needs node --allow-natives-syntax (%FinalizeOptimization).
import { PerformanceObserver, performance } from 'node:perf_hooks';
import v8 from 'node:v8';

const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_used_size;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `run` (a fifth of the calls) five times. TurboFan compiles concurrently,
 * and a large straight-line method can take longer than any fixed pause on a
 * loaded machine, so each round waits for the background compilations and
 * installs them (%FinalizeOptimization).
 */
export async function warmUp(run) {
  for (let k = 0; k < 5; k++) {
    run();
    %FinalizeOptimization();
    await pause(20);
  }
}

/** { events, youngBytes }: the GC events that started while `run` ran, and how much the young generation grew. */
export async function gcDuring(run) {
  const starts = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => starts.push(e.startTime)));
  observer.observe({ entryTypes: ['gc'] });
  const before = young();
  const start = performance.now();
  run();
  const end = performance.now();
  const youngBytes = young() - before;
  await pause(50);
  observer.disconnect();
  return { events: starts.filter((t) => t >= start && t <= end).length, youngBytes };
}
