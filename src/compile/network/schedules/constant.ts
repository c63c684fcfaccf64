import { lr0 } from '../optimizers/rule.js';
import type { ScheduleModule } from './schedule.js';

/** No schedule: η_e = η₀ in every epoch. */
export const constant: ScheduleModule<Record<never, number>> = {
  options: {},
  description: 'stays the same in every epoch',
  comment: '',
  rate: () => lr0,
};
