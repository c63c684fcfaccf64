// The hot entry points allocate nothing for every optimizer and every
// learning-rate schedule (issue 12, item 5): lossAndGradient, step,
// predictBatch and predict, called from a loop V8 never optimizes and with
// inlining off (a child process: test/helpers/gc-child.mjs), so a double
// returned anywhere on the way — the loss, the scheduled learning rate, a
// dropout draw — would be boxed on every call and show up as young-generation
// growth and scavenges.
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_NAMES, type OptimizerInput, type OptimizerName } from '../../src/compile/network/optimizers/registry.js';
import { SCHEDULE_NAMES, type ScheduleInput, type ScheduleName } from '../../src/compile/network/schedules/registry.js';
import { dense, networkModuleSource, testNetwork } from '../helpers/network-module.js';
import { childGcResults } from '../helpers/gc-child-run.js';

const OPTIMIZERS: Record<OptimizerName, OptimizerInput> = {
  sgd: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
  rmsprop: { kind: 'rmsprop', lr: 0.001 },
  adam: { kind: 'adam', lr: 0.001 },
  adamw: { kind: 'adamw', lr: 0.001, weightDecay: 0.01 },
};
const SCHEDULES: Record<ScheduleName, ScheduleInput> = {
  constant: { kind: 'constant' },
  step: { kind: 'step', every: 2, factor: 0.5 },
  exponential: { kind: 'exponential', rate: 0.97 },
};

describe('hot entry points: no allocation from a call site V8 does not optimize, inlining off', () => {
  it('every optimizer × every schedule (with dropout and a softmax output), and standardized inputs and targets', async () => {
    const specs = Object.fromEntries(OPTIMIZER_NAMES.flatMap((o) => SCHEDULE_NAMES.map((s) => [
      `Net_${o}_${s}`,
      testNetwork({
        inputs: 3,
        layers: [dense(8, 'tanh', { dropout: 0.1 }), dense(3, 'softmax')],
        loss: 'cce',
        optimizer: OPTIMIZERS[o],
        schedule: SCHEDULES[s],
      }),
    ])));
    // and a regression that standardizes its inputs and targets (predict maps the outputs back)
    specs.Net_standardized = testNetwork({
      inputs: 3,
      layers: [dense(8, 'tanh'), dense(2, 'linear')],
      loss: 'mse',
      optimizer: OPTIMIZERS.adam,
      schedule: SCHEDULES.step,
      standardize: { inputs: true, targets: true },
    });
    const { code } = await networkModuleSource(specs);
    const results = childGcResults(code, Object.keys(specs), 20_000);
    expect(results.map((r) => r.name)).toEqual(Object.keys(specs));
    // 20 000 × 4 calls: one boxed double per call would be ≥ 1 MB; a constant overhead stays far below 64 KiB.
    expect(results.filter((r) => r.events > 0 || r.youngBytes > 64 * 1024)).toEqual([]);
  }, 120_000);
});
