// The C reference row of workload (a) in bench/run-networks.mjs:
// bench/networks/xor.c (the hand-unrolled XOR step in C), built with gcc -O3
// into the scratch folder and run in a child process that stays up
// (bench/peer-process.mjs) on the same initial parameters: the agreement
// check, then one timed round per command, interleaved with the JavaScript
// implementations' rounds and timed by its own clocks, like the numpy peer.
// Bench only.
import { spawnSync } from 'node:child_process';
import { startPeer } from './peer-process.mjs';
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

/**
 * Starts it and runs the check: checkSteps steps from init (the losses, the
 * params after them; then back to init). Returns { losses, params, timed,
 * close } (timed(k): k steps, the peer's { acc, cpuMs, wallMs }).
 */
export function startXorC(binary, { lr, init, checkSteps }) {
  const peer = startPeer(binary, [lr, checkSteps, ...init.flatMap((p) => [...p])].map(String), process.env);
  const out = peer.request({ cmd: 'check' });
  // the parameters come back flat: W1[8], b1[4], W2[4], b2[1]
  let at = 0;
  const params = init.map((p) => Float64Array.from(out.params.slice(at, (at += p.length))));
  return { losses: out.losses, params, timed: (steps) => peer.request({ cmd: 'round', steps }), close: () => peer.close() };
}
