import type { UpdateRule } from '../../../compile/network/optimizers/rule.js';
import type { TrainingStep } from '../../../compile/network/training-step.js';
import type { TexWriter } from '../tex-writer.js';
import { numberTable } from './number-table.js';
import { isSubstitutable, scalarTex } from './scalar-tex.js';

/** One parameter entry as the worked update shows it: where it is (array, index), its symbol, its role. */
export interface UpdateEntry {
  readonly array: number;
  readonly index: number;
  readonly symbol: string;
  readonly isWeight: boolean;
  /** Not trained: no gradient, left as it is. */
  readonly frozen: boolean;
}

/** What the tables say of a frozen parameter entry in place of its gradient. */
export const FROZEN = 'frozen, not updated';

/** The worked update's opening: the optimizer's initial state and the first step's learning rate (η, or η₀ under a schedule). */
export function writeUpdateOpening(out: TexWriter, rule: UpdateRule, scheduled: boolean, lr: number): void {
  const states = rule.state.map((s) => s.symbol);
  const eta = scheduled ? '\\eta_{0}' : '\\eta';
  out.paragraph(`\\emph{Update.} One step of the update from its initial state (${out.inline('t = 1')}, epoch 0, `
    + `${out.inline(`${eta} = ${out.given(lr, eta)}`)}${states.length > 0 ? `, ${states.map((s) => out.inline(`${s} = 0`)).join(', ')} before the step` : ''}):`);
}

/**
 * The first optimizer step on every entry, in numbers, as the generated
 * step() computes it (shared by feedforward and sequence networks): the
 * clipping norm and scale, each entry's update line with its numbers when
 * `working` (the rule's lines with θ, g and the state substituted), the
 * table before / gradient / after, and the optimizer state after the step.
 * `params`: the values before the step, per array of the layout.
 */
export function writeUpdateInNumbers(
  out: TexWriter, rule: UpdateRule, clipsByValue: boolean, step: TrainingStep,
  params: readonly (readonly number[])[], entries: readonly UpdateEntry[], working: boolean,
): void {
  const states = rule.state.map((s) => s.symbol);
  const operand = (x: number, label: string) => {
    const s = out.number(x, label);
    return /^-|\\times/.test(s) ? `\\left(${s}\\right)` : s;
  };
  if (step.norm !== undefined && step.scale !== undefined) {
    out.align([`\\lVert \\mathbf{g} \\rVert_{2} &= ${out.number(step.norm, '\\lVert \\mathbf{g} \\rVert_{2}')}, & \\text{scale} &= ${out.number(step.scale, '\\text{scale}')}`]);
  }
  if (working && isSubstitutable(rule)) {
    out.align(entries.filter((e) => !e.frozen).flatMap((e) => {
      const g = step.used[e.array]?.[e.index] ?? NaN;
      const entry = {
        g: operand(g, 'g'),
        theta: operand(params[e.array][e.index], e.symbol),
        state: states.map(() => '0'),
        updated: states.map((s, k) => operand(step.state[e.array][k][e.index], s)),
      };
      const eta = out.given(step.lr, '\\eta');
      const style = { numbers: (value: number, label: string) => out.given(value, label), eta, eta0: eta, times: 'numbers' as const, rule, entry };
      // the state of this entry (v_{w^{1}_{11}}: one per entry), its new value as a result (not an operand)
      const stateRows = rule.stateUpdates.map((u, k) => {
        const symbol = `${states[k]}_{${e.symbol}}`;
        return `${symbol} &\\leftarrow ${scalarTex(u, style)} = ${out.number(step.state[e.array][k][e.index], symbol)}`;
      });
      const thetaRows = rule.thetaUpdates.filter((u) => !u.weightsOnly || e.isWeight)
        .map((u) => `${e.symbol} &\\leftarrow ${entry.theta} - ${scalarTex(u.amount, style)} = ${out.number(step.updated[e.array][e.index], `${e.symbol}^{+}`)}`);
      return [...stateRows, ...thetaRows];
    }));
  }
  const cell = (values: readonly number[] | undefined, index: number, label: string) =>
    (values === undefined ? '---' : out.numberCell(values[index], label));
  const clipped = step.norm !== undefined || clipsByValue;
  const rows = entries.map((e) => [
    out.inline(e.symbol),
    out.numberCell(params[e.array][e.index], e.symbol),
    e.frozen ? FROZEN : cell(step.used[e.array], e.index, 'g'),
    out.numberCell(step.updated[e.array][e.index], `${e.symbol}^{+}`),
  ]);
  numberTable(out, 'llll', [out.inline('\\theta'), 'before', `${clipped ? 'clipped ' : ''}gradient ${out.inline('g')}`, 'after'], rows);
  if (states.length > 0) {
    out.paragraph(`The optimizer state after the step (the next step starts from it):`);
    const stateRows = entries.map((e) => [out.inline(e.symbol), ...states.map((s, k) => cell(step.state[e.array][k], e.index, s))]);
    numberTable(out, `l${'l'.repeat(states.length)}`, [out.inline('\\theta'), ...states.map((s) => out.inline(s))], stateRows);
  }
}
