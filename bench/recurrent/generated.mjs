// The generated trainer of a recurrent workload of bench/run-recurrent.mjs:
// bench/recurrent/<id>.ts compiled in memory (bench/compiler.mjs) and wrapped
// in the interface the runner checks and times, its parameters mapped to the
// hand-written layout [W, U, b, V, c] by name (the LSTM's four gates, stacked
// i, f, g, o in the hand-written W, U, b, are the generated Wi1, Wf1, Wc1, Wo1, …).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileTrainer } from '../compiler.mjs';
import { nativeLoop } from '../training-loops.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Per workload: its model's exported class, and for each hand-written array the generated arrays that make it up, in order. */
const MODELS = {
  elman: { className: 'ElmanBench', arrays: [['W1'], ['U1'], ['b1'], ['W2'], ['b2']] },
  lstm: {
    className: 'LstmBench',
    arrays: [...['W', 'U', 'b'].map((p) => ['i', 'f', 'c', 'o'].map((gate) => `${p}${gate}1`)), ['W2'], ['b2']],
  },
};

/**
 * The generated implementations of workload `w` ([{ key, label, setParams, getParams,
 * gradients, trainOnce, loop }]: the trainer as constructed by default, with its
 * WebAssembly kernels where they run, and then with the TypeScript kernels forced),
 * or undefined with the reason logged when bench/recurrent/<id>.ts does not compile.
 */
export async function loadGeneratedRecurrent(w, batches, tmp, log) {
  const { className, arrays } = MODELS[w.id];
  let compiled;
  try {
    compiled = await compileTrainer(join(here, `${w.id}.ts`), className, tmp, 'node bench/run-recurrent.mjs');
  } catch (error) {
    log(`  ✗ generated trainer: bench/recurrent/${w.id}.ts does not compile: ${error.message.split('\n')[0]}`);
    return undefined;
  }
  const trainers = [new compiled.Trainer(undefined, 'auto')];
  const kernels = trainers[0].usesWasm ? 'WebAssembly SIMD kernels' : 'TypeScript kernels';
  // where the WebAssembly kernels run, the TypeScript kernels too: what the kernels gain, in the same run
  if (trainers[0].usesWasm) trainers.push(new compiled.Trainer(undefined, 'ts'));
  log(`  generated ${className}: compiled in ${compiled.compileMs.toFixed(0)} ms (${compiled.lines} lines), ${kernels}`);
  return trainers.map((gen, k) => generatedImpl(gen, w, batches, arrays, k === 0 ? undefined : 'ts'));
}

/** The runner's interface to one generated trainer (`backend` 'ts': the TypeScript kernels forced, a row of its own). */
function generatedImpl(gen, w, batches, arrays, backend) {
  const { className } = MODELS[w.id];
  const { steps, lr } = w.shape;
  gen.sequenceLength = steps;
  const generatedLr = gen.baseLearningRate(0);
  if (generatedLr !== lr) throw new Error(`bench/recurrent/${w.id}.ts: learning rate ${generatedLr}, the workload's is ${lr}`);
  const slots = arrays.map((names) => names.map((name) => {
    const k = gen.paramNames.indexOf(name);
    if (k < 0) throw new Error(`bench/recurrent/${w.id}.ts: the generated ${className} has no parameter ${name} (it has ${gen.paramNames.join(', ')})`);
    return k;
  }));
  /** The hand-written array made of the generated arrays `ks` (gen.params or gen.grads), concatenated. */
  const gather = (source, ks) => {
    const out = new Float64Array(ks.reduce((s, k) => s + source[k].length, 0));
    let offset = 0;
    for (const k of ks) {
      out.set(source[k], offset);
      offset += source[k].length;
    }
    return out;
  };
  // lossAndGradient returns nothing: the loss is left in lastLoss (no boxed double per call)
  const run = (b) => {
    gen.lossAndGradient(batches[b].X, batches[b].Y, batches[b].n);
    return gen.lastLoss;
  };
  return {
    key: backend === undefined ? 'generated' : `generated-${backend}`,
    label: backend === undefined ? 'generated' : `generated (${backend === 'ts' ? 'TypeScript kernels' : backend})`,
    setParams: (params) =>
      slots.forEach((ks, p) => {
        let offset = 0;
        for (const k of ks) {
          gen.params[k].set(params[p].subarray(offset, offset + gen.params[k].length));
          offset += gen.params[k].length;
        }
      }),
    getParams: () => slots.map((ks) => gather(gen.params, ks)),
    gradients: (b) => (run(b), slots.map((ks) => gather(gen.grads, ks))),
    trainOnce: (b) => {
      const loss = run(b);
      gen.step();
      return loss;
    },
    loop: nativeLoop(gen, batches, 't.lossAndGradient(X, Y, n); acc += t.lastLoss; t.step();'),
  };
}
