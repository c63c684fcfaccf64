// The command line shared by the training benchmarks (bench/run-networks.mjs,
// bench/run-recurrent.mjs): --quick, --only=<ids>, --time-anyway, and where a
// runner takes them --check-only and --clock=wall|cpu (a runner whose peers
// are all timed by bench/timing.mjs); the timing of a quick or full run; the
// start time and load.
import os from 'node:os';

const QUICK = { warmupMs: 100, batchMs: 50, rounds: 3, minRounds: 3, budgetMs: 3_000 };

/**
 * The parsed arguments; an argument the runner does not take is an error.
 * `full` is the runner's timing for a full run (the quick one is shared);
 * `takes` lists the optional flags it takes ('--check-only', '--clock').
 * Returns { quick, only (ids, or undefined for all), timeAnyway, checkOnly,
 * clock, timing (bench/timing.mjs measure's options; with the clock when
 * the runner takes --clock), started, loadAtStart, log }.
 */
export function benchArgs(full, { takes = [] } = {}) {
  const args = process.argv.slice(2);
  const value = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const known = ['--quick', '--time-anyway', '--only=', ...takes.map((t) => (t === '--clock' ? '--clock=' : t))];
  const unknown = args.filter((a) => !known.some((k) => (k.endsWith('=') ? a.startsWith(k) : a === k)));
  if (unknown.length > 0) {
    throw new Error(`unknown argument ${unknown.join(' ')} (this runner takes ${known.map((k) => (k.endsWith('=') ? `${k}…` : k)).join(', ')})`);
  }
  const clock = value('clock') ?? 'wall';
  if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock must be wall or cpu, not ${clock}`);
  const quick = args.includes('--quick');
  const timing = quick ? QUICK : full;
  return {
    quick,
    only: value('only')?.split(','),
    timeAnyway: args.includes('--time-anyway'),
    checkOnly: args.includes('--check-only'),
    clock,
    timing: takes.includes('--clock') ? { ...timing, clock } : timing,
    started: performance.now(),
    loadAtStart: os.loadavg(),
    log: (...xs) => console.error(...xs),
  };
}
