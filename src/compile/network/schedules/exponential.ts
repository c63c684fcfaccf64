import { epoch, hyper, lr0, mul, pow } from '../optimizers/rule.js';
import type { ScheduleModule } from './schedule.js';

/** Exponential decay: η_e = η₀ · rate^e. */
export const exponential: ScheduleModule<{ readonly rate: number }> = {
  options: {
    rate: { range: 'halfOpenUnit', missing: 'add rate: the decay per epoch, e.g. rate: 0.95',
      hint: 'the learning rate is multiplied by rate every epoch, e.g. rate: 0.95' },
  },
  misplaced: { every: "an exponential schedule decays every epoch; it takes rate (every belongs to kind: 'step')" },
  aliases: { gamma: 'rate', decay: 'rate', decayrate: 'rate', factor: 'rate' },
  description: 'decays exponentially',
  comment: 'exponential decay: η₀ · rate^epoch',
  rate: ({ rate }) => mul(lr0, pow(hyper(rate, '\\gamma'), epoch)),
};
