// TF.js for the training benchmarks: tfjs-core with its gradient functions
// registered (bench/tfjs-gradients.mjs), the pure-JS 'cpu' backend and the
// 'wasm' backend (its .wasm files from the installed package), both
// initialized once so switching between them is synchronous.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerTfGradients } from './tfjs-gradients.mjs';

const require = createRequire(import.meta.url);

/**
 * Loads TF.js; `tmp` is a scratch folder for the bundled gradient registrations.
 * Returns { tf, backends: { cpu, wasm } (false when unavailable), wasmFeatures, useBackend }.
 */
export async function loadTf(tmp, log = console.error) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  await registerTfGradients(tmp);

  // TF.js's warnings off: the cpu backend prints an "install tfjs-node" banner at its first tensor, not at
  // setBackend, so silencing console.warn around setBackend let it through (PROD only mutes warnings here)
  tf.env().set('PROD', true);
  const backends = {};
  for (const name of ['cpu', 'wasm']) {
    try {
      backends[name] = await tf.setBackend(name);
    } catch (error) {
      log(`TF.js backend ${name} unavailable: ${error.message}`);
      backends[name] = false;
    }
  }
  const wasmFeatures = backends.wasm
    ? `SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'on' : 'off'}`
    : 'unavailable';

  /** Switches the TF.js backend; synchronous once the backend is initialized (it is, above). */
  function useBackend(name) {
    void tf.setBackend(name);
    if (tf.getBackend() !== name) throw new Error(`could not switch TF.js to ${name}`);
  }
  return { tf, backends, wasmFeatures, useBackend };
}

/**
 * One optimizer step of a TF.js peer: `optimizer` minimizes the scalar loss
 * tensor `loss()` over `vars`; returns the loss read back when `wantLoss`
 * (a synchronous read, so only where it is compared), else 0.
 */
export function minimizeStep(optimizer, loss, vars, wantLoss) {
  const cost = optimizer.minimize(loss, wantLoss, vars);
  if (!wantLoss) return 0;
  const value = cost.dataSync()[0];
  cost.dispose();
  return value;
}
