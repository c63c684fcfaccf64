import { lr0 } from '../optimizers/rule.js';
import type { ScheduleModule } from './schedule.js';

/** No schedule: η_e = η₀ in every epoch. */
export const constant: ScheduleModule<Record<never, number>> = {
  options: {},
  comment: '',
  rate: () => lr0,
};
