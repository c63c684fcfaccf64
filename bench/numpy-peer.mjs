// The numpy peer of bench/run-networks.mjs: bench/networks/numpy_mlp.py
// (vectorized hand-written backprop, float64, one OpenBLAS thread) on the same
// initial weights and batches, in a child process that stays up
// (bench/peer-process.mjs): it runs the agreement check, then one timed
// round per command, interleaved with the JavaScript implementations' rounds
// (bench/timing.mjs), reporting its own process CPU time and wall time while
// this process waits — so its ratio is paired round by round like the rest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { startPeer } from './peer-process.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, 'networks', 'numpy_mlp.py');
const PYTHON = process.env.PYTHON ?? 'python3';
/** One thread everywhere: the JavaScript peers have one. */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

let availability;
/** undefined when python3 with numpy runs here, else why not. */
export function numpyUnavailable() {
  if (availability === undefined) {
    const probe = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
    availability = probe.error
      ? `${PYTHON} not found (${probe.error.code ?? probe.error.message})`
      : probe.status !== 0
        ? `numpy is not installed for ${PYTHON} (apt-get install python3-numpy)`
        : '';
  }
  return availability === '' ? undefined : availability;
}

/**
 * Starts the numpy peer (float64, or float32 with dtype 'float32': the same data cast) and runs its agreement check: checkSteps steps from
 * `init` (the losses and the parameters after them; then back to `init`).
 * Returns { losses, params, numpy, blas, timed, close }: `timed(k)` runs k
 * steps (the batches cycled) and returns the peer's { acc, cpuMs, wallMs }
 * (bench/timing.mjs measures such an implementation by its own clocks);
 * close() stops it.
 */
export function startNumpyPeer({ parent, sizes, activations, loss, lr, init, batches, checkSteps, dtype = 'float64' }) {
  const folder = mkdtempSync(join(parent, 'numpy-'));
  const n = batches[0].n;
  if (batches.some((b) => b.n !== n)) throw new Error('the numpy peer takes batches of one size');
  const parts = [...init, ...batches.map((b) => b.X), ...batches.map((b) => b.Y)];
  const data = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  writeFileSync(join(folder, 'data.bin'), Buffer.from(data.buffer));
  const job = { sizes, activations, loss, lr, batch: n, batches: batches.length, check_steps: checkSteps, dtype };
  writeFileSync(join(folder, 'job.json'), JSON.stringify(job));
  const peer = startPeer(PYTHON, [SCRIPT, folder], { ...process.env, ...ONE_THREAD });
  const check = peer.request({ cmd: 'check' });
  return {
    losses: check.losses,
    params: check.params.map((p) => Float64Array.from(p)),
    numpy: check.numpy,
    blas: check.blas,
    timed: (steps) => peer.request({ cmd: 'round', steps }),
    close: () => peer.close(),
  };
}
