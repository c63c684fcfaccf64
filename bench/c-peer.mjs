// The C reference row of workload (a) in bench/run-networks.mjs:
// bench/networks/xor.c (the hand-unrolled XOR step in C), built with gcc -O3
// into the scratch folder and run in a child process on the same initial
// parameters; its own warm-up and rounds, like the numpy peer. Bench only.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, 'networks', 'xor.c');
const CC = process.env.CC ?? 'gcc';
export const C_FLAGS = ['-O3'];

/** Builds the C step: { binary } or { reason } when there is no compiler (or it fails). */
export function buildXorC(folder) {
  const binary = join(folder, 'xor-c');
  const build = spawnSync(CC, [...C_FLAGS, '-o', binary, SOURCE, '-lm'], { encoding: 'utf8' });
  if (build.error) return { reason: `${CC} not found (${build.error.code ?? build.error.message})` };
  if (build.status !== 0) return { reason: `${CC} failed: ${build.stderr.trim().split('\n')[0]}` };
  const version = spawnSync(CC, ['-dumpfullversion'], { encoding: 'utf8' }).stdout.trim();
  return { binary, compiler: `${CC} ${version} ${C_FLAGS.join(' ')}` };
}

/** Runs it: checkSteps steps from init (losses, params after), then the timing from init (on timing.clock: wall or cpu). */
export function runXorC(binary, { lr, init, checkSteps, timing }) {
  const cpuClock = timing.clock === 'cpu' ? 1 : 0; // process CPU time, as the peers timed in node with --clock=cpu
  const input = [lr, checkSteps, timing.warmupMs, timing.batchMs, timing.rounds, cpuClock, ...init.flatMap((p) => [...p])].join(' ');
  const run = spawnSync(binary, [], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`C peer failed (exit ${run.status}): ${run.stderr}`);
  const out = JSON.parse(run.stdout);
  // the parameters come back flat: W1[8], b1[4], W2[4], b2[1]
  let at = 0;
  const params = init.map((p) => Float64Array.from(out.params.slice(at, (at += p.length))));
  return { ...out, params };
}
