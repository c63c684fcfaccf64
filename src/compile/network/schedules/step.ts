import { div, epoch, floor, hyper, lr0, mul, pow } from '../optimizers/rule.js';
import type { ScheduleModule } from './schedule.js';

/** Step decay: η_e = η₀ · factor^⌊e / every⌋. */
export const step: ScheduleModule<{ readonly every: number; readonly factor: number }> = {
  options: {
    every: { range: 'positiveInteger', missing: 'add every: the number of epochs between decays, e.g. every: 10',
      hint: "every is the number of epochs between decays, e.g. { kind: 'step', every: 10, factor: 0.5 }" },
    factor: { range: 'halfOpenUnit', missing: 'add factor: the decay per step, e.g. factor: 0.5',
      hint: 'the learning rate is multiplied by factor every `every` epochs, e.g. factor: 0.5' },
  },
  misplaced: { rate: "a step schedule takes every and factor; rate belongs to kind: 'exponential'" },
  description: 'decays in steps',
  comment: 'step decay: η₀ · factor^⌊epoch / every⌋',
  rate: ({ every, factor }) => mul(lr0, pow(hyper(factor, '\\gamma'), floor(div(epoch, hyper(every, 'k'))))),
};
