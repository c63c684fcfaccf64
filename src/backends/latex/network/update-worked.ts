import { type UpdateRule, namedQuantities } from '../../../compile/network/optimizers/rule.js';
import type { TrainingStep } from '../../../compile/network/training-step.js';
import type { TexWriter } from '../tex-writer.js';
import { numberTable, operand } from './number-table.js';
import { type TexStyle, scalarTex } from './scalar-tex.js';
import { tidyParentheses } from './context.js';
import { writeClippingInNumbers } from './worked-clipping.js';

/** Gradient clipping as the spec gives it: by global norm, by value, or neither. */
type Clip = { readonly norm?: number; readonly value?: number };

/** One parameter entry as the worked update shows it: where it is (array, index), its symbol, its role. */
export interface UpdateEntry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  readonly isWeight: boolean;
  /** Not trained: no gradient, left as it is. */
  readonly frozen: boolean;
}

/**
 * The worked update's opening: the first step's learning rate (η, or η₀ under
 * a schedule, with the epoch), and for an optimizer with state its initial
 * state (and t, when the rule reads the step count: Adam's bias corrections).
 */
export function writeUpdateOpening(out: TexWriter, rule: UpdateRule, scheduled: boolean, lr: number, clip: Clip = {}): void {
  const eta = scheduled ? '\\eta_{0}' : '\\eta';
  const rate = `${out.inline(`${eta} = ${out.given(lr, eta)}`)}${scheduled ? ', epoch 0' : ''}`;
  // the clipping's numbers come first (writeClippingInNumbers): the opening says so, and that g is the clipped gradient
  const clipped = clip.norm !== undefined || clip.value !== undefined;
  const first = clipped ? 'First the gradient is clipped, then ' : '';
  if (rule.state.length === 0) {
    out.paragraph(`\\emph{Update.} ${first}${clipped ? 'each' : 'Each'} entry moves against its ${clipped ? 'clipped ' : ''}gradient ${clipped ? `${out.inline('g')} ` : ''}(${rate}):`);
    return;
  }
  const counts = rule.constants.length > 0 ? `${out.inline('t = 1')}, ` : '';
  out.paragraph(`\\emph{Update.} ${first}${clipped ? 'one' : 'One'} step of the update from its initial state (${counts}`
    + `${rule.state.map((s) => out.inline(`${s.symbol} = 0`)).join(', ')} before the step; ${rate}):`);
}

/**
 * The first optimizer step on every entry, in numbers, as the generated
 * step() computes it (shared by feedforward and sequence networks): the
 * clipping (worked-clipping.ts), then either each entry's update line with its
 * numbers when `working` (the rule's lines with θ, g and the state
 * substituted: every value before and after is on its line), or, for a network
 * too large for that, the table before / gradient / after and the optimizer
 * state after the step — never both, so the update is shown once.
 * `params`: the values before the step, per array of the layout.
 */
export function writeUpdateInNumbers(
  out: TexWriter, rule: UpdateRule, clip: { readonly norm?: number; readonly value?: number }, step: TrainingStep,
  params: readonly (readonly number[])[], entries: readonly UpdateEntry[], working: boolean,
): void {
  const states = rule.state.map((s) => s.symbol);
  writeClippingInNumbers(out, clip, step, entries, working);
  if (working) {
    writeUpdateRows(out, rule, step, params, entries);
    return;
  }
  const cell = (values: readonly number[] | undefined, index: number, label: string) =>
    (values === undefined ? '---' : out.numberCell(values[index], label));
  const clipped = step.norm !== undefined || clip.value !== undefined;
  const trained = entries.filter((e) => !e.frozen); // a frozen entry is given and fixed: no gradient, no update, no row
  const rows = trained.map((e) => [
    out.inline(e.symbol),
    out.numberCell(params[e.array][e.index], e.symbol),
    cell(step.used[e.array], e.index, 'g'),
    out.numberCell(step.updated[e.array][e.index], `${e.symbol}^{+}`),
  ]);
  numberTable(out, 'llll', [out.inline('\\theta'), 'before', `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`, 'after'], rows);
  if (states.length > 0) {
    out.paragraph(`The optimizer state after the step (the next step starts from it):`);
    const stateRows = trained.map((e) => [out.inline(e.symbol), ...states.map((s, k) => cell(step.state[e.array][k], e.index, s))]);
    numberTable(out, `l${'l'.repeat(states.length)}`, [out.inline('\\theta'), ...states.map((s) => out.inline(s))], stateRows);
  }
}

/** Every trained entry's update with its numbers (`entryUpdateRows`), as one display. */
export function writeUpdateRows(
  out: TexWriter, rule: UpdateRule, step: TrainingStep, params: readonly (readonly number[])[], entries: readonly UpdateEntry[],
): void {
  const eta = out.given(step.lr, '\\eta');
  out.align(entries.filter((e) => !e.frozen).flatMap((e) => entryUpdateRows(out, rule, step, params, e, eta)).map(tidyParentheses));
}

/**
 * One entry's update with its numbers, line by line as the rule computes it:
 * each state's new value from its value before the step (v_{w} ← 0.9 × 0.0007 + 0.0013 = …),
 * the named quantities (m̂_{w} = m_{w} / (1 − β₁ᵗ) with t substituted), then θ's
 * update(s) — AdamW's decay first, the Adam step from the decayed value.
 */
function entryUpdateRows(
  out: TexWriter, rule: UpdateRule, step: TrainingStep, params: readonly (readonly number[])[], e: UpdateEntry, eta: string,
): string[] {
  const sub = (symbol: string) => `${symbol}_{${e.symbol}}`;
  const named = namedQuantities(rule);
  const thetas = step.thetas[e.array];
  // θ before each θ update: the given value, then the value the previous update left
  const thetaBefore = (n: number) => (n === 0 ? params[e.array][e.index] : thetas[n - 1][e.index]);
  const entry = (n: number): NonNullable<TexStyle['entry']> => ({
    g: operand(out, step.used[e.array]?.[e.index] ?? NaN, 'g'),
    theta: operand(out, thetaBefore(n), e.symbol),
    state: rule.state.map((s, k) => operand(out, step.stateBefore[e.array][k][e.index], sub(s.symbol))),
    updated: rule.state.map((s, k) => operand(out, step.state[e.array][k][e.index], sub(s.symbol))),
    // t only where the rule reads it (through the step constants: Adam's 1 − β₁ᵗ): every number recorded is one printed
    ...(rule.constants.length > 0 ? { t: out.given(step.t, 't') } : {}),
    named: new Map(named.map((q, m) => [q.tex, operand(out, step.named[e.array][m][e.index], sub(q.tex))])),
  });
  const style = (n: number): TexStyle => ({ numbers: (value, label) => out.given(value, label), eta, eta0: eta, times: 'numbers', rule, entry: entry(n) });
  // the state of this entry (v_{w^{1}_{11}}: one per entry), its new value as a result (not an operand)
  const stateRows = rule.stateUpdates.map((u, k) =>
    `${sub(rule.state[k].symbol)} &\\leftarrow ${scalarTex(u, style(0))} = ${out.number(step.state[e.array][k][e.index], sub(rule.state[k].symbol))}`);
  const namedRows = named.map((q, m) => `${sub(q.tex)} &= ${scalarTex(q.value, style(0))} = ${out.number(step.named[e.array][m][e.index], sub(q.tex))}`);
  const thetaRows = rule.thetaUpdates.flatMap((u, n) => (u.weightsOnly && !e.isWeight ? [] : [
    `${e.symbol} &\\leftarrow ${operand(out, thetaBefore(n), e.symbol)} - ${scalarTex(u.amount, style(n))} = ${out.number(thetas[n][e.index], `${e.symbol}^{+}`)}`,
  ]));
  return [...stateRows, ...namedRows, ...thetaRows];
}
