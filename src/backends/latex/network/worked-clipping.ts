import type { TrainingStep } from '../../../compile/network/training-step.js';
import type { TexWriter } from '../tex-writer.js';
import type { UpdateEntry } from './update-worked.js';

/** Squares per row of the norm's sum, so that a row fits the text width. */
const SQUARES_PER_ROW = 4;

/**
 * The clipping of the first step in numbers, as the generated step() does
 * it: by norm, ‖g‖₂ = √(Σ g²) over every trained entry written out, the
 * scale min(1, c / ‖g‖₂); then each entry's g = ∂L/∂θ · scale, clipped to
 * [−c_value, c_value] when clipping by value. `working`: every entry written
 * out (else the norm and scale only; the table lists the clipped g).
 */
export function writeClippingInNumbers(
  out: TexWriter, clip: { readonly norm?: number; readonly value?: number }, step: TrainingStep, entries: readonly UpdateEntry[], working: boolean,
): void {
  const trained = entries.filter((e) => !e.frozen);
  const gradientOf = (e: UpdateEntry) => step.gradient[e.array]?.[e.index] ?? NaN;
  const operand = (value: number, label: string) => {
    const s = out.number(value, label);
    return /^-|\\times/.test(s) ? `\\left(${s}\\right)` : s;
  };
  const rows: string[] = [];
  if (step.norm !== undefined && step.scale !== undefined && clip.norm !== undefined) {
    const norm = '\\lVert \\mathbf{g} \\rVert_{2}';
    if (working) {
      const squares = trained.map((e) => `${operand(gradientOf(e), `\\frac{\\partial L}{\\partial ${e.symbol}}`)}^{2}`);
      const lines = Array.from({ length: Math.ceil(squares.length / SQUARES_PER_ROW) }, (_v, k) => squares.slice(k * SQUARES_PER_ROW, (k + 1) * SQUARES_PER_ROW).join(' + '));
      const sum = out.number(step.norm * step.norm, `${norm}^{2}`);
      lines[lines.length - 1] += ` = ${sum}`;
      rows.push(`${norm}^{2} &= ${lines[0]}`, ...lines.slice(1).map((line) => `&\\quad {} + ${line}`));
      rows.push(`${norm} &= \\sqrt{${sum}} = ${out.number(step.norm, norm)}`);
    } else {
      rows.push(`${norm} &= ${out.number(step.norm, norm)}`);
    }
    rows.push(`\\text{scale} &= \\min\\left(1, \\frac{${out.given(clip.norm, 'c')}}{${out.number(step.norm, norm)}}\\right) = ${out.number(step.scale, '\\text{scale}')}`);
  }
  if (working && (step.scale !== undefined || clip.value !== undefined)) {
    const scale = step.scale === undefined ? undefined : out.number(step.scale, '\\text{scale}');
    for (const e of trained) {
      const g = operand(gradientOf(e), `\\frac{\\partial L}{\\partial ${e.symbol}}`);
      const scaled = scale === undefined ? g : `${g} \\times ${scale}`;
      const bounded = clip.value === undefined ? scaled
        : `\\max\\left(-${out.given(clip.value, 'c_{\\text{value}}')}, \\min\\left(${out.given(clip.value, 'c_{\\text{value}}')}, ${scaled}\\right)\\right)`;
      rows.push(`g_{${e.symbol}} &= ${bounded} = ${out.number(step.used[e.array]?.[e.index] ?? NaN, 'g')}`);
    }
  }
  if (rows.length > 0) out.align(rows);
}
