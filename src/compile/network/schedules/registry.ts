import { constant } from './constant.js';
import { exponential } from './exponential.js';
import type { ScheduleModule } from './schedule.js';
import { step } from './step.js';

/** Every learning-rate schedule, by its `kind`. Adding one: its module, and a line here. */
export const SCHEDULES = { constant, step, exponential } as const;

export type ScheduleName = keyof typeof SCHEDULES;
export const SCHEDULE_NAMES = Object.keys(SCHEDULES) as readonly ScheduleName[];

export type ScheduleOptionsOf<K extends ScheduleName> = (typeof SCHEDULES)[K] extends ScheduleModule<infer O> ? O : never;

/** A schedule as the user writes it (no schedule: constant). */
export type ScheduleInput = { readonly [K in ScheduleName]: { readonly kind: K } & ScheduleOptionsOf<K> }[ScheduleName];
/** Resolved, the same: a spec without a schedule resolves to { kind: 'constant' }. */
export type ResolvedSchedule = ScheduleInput;

/** η_e as an expression of η₀ and e. */
export function learningRateExpression(s: ResolvedSchedule) {
  return (SCHEDULES[s.kind] as ScheduleModule<ScheduleOptionsOf<typeof s.kind>>).rate(s as never);
}
