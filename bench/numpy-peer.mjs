// The numpy peer of bench/run-networks.mjs: runs bench/networks/numpy_mlp.py
// (vectorized hand-written backprop, float64, one OpenBLAS thread) on the same
// initial weights and batches, in a child process. It cannot share timing
// rounds with the JavaScript implementations (another process), so it runs
// its own warm-up and rounds right after theirs, while this process waits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
 * Trains with numpy: checkSteps steps from `init` (losses and the parameters
 * after them, for the agreement check), then the timing from `init` again.
 * Returns { losses, params, timing: { opsPerSec, perCallNs, spread, batch, rounds }, numpy, blas }.
 */
export function runNumpyPeer({ parent, sizes, activations, loss, lr, init, batches, checkSteps, timing }) {
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
  const job = { sizes, activations, loss, lr, batch: n, batches: batches.length, check_steps: checkSteps, timing };
  writeFileSync(join(folder, 'job.json'), JSON.stringify(job));
  const run = spawnSync(PYTHON, [SCRIPT, folder], {
    encoding: 'utf8',
    env: { ...process.env, ...ONE_THREAD },
    maxBuffer: 256 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`numpy peer failed (exit ${run.status}): ${run.stderr || run.error?.message}`);
  const out = JSON.parse(run.stdout);
  return { ...out, params: out.params.map((p) => Float64Array.from(p)) };
}
