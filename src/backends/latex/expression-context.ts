import type { CompiledExpression } from '../../compile/expression.js';
import { type Derivation, deriveNotes } from '../../compile/expression-derivation.js';
import { type WorkedNumbers, workedNumbers } from '../../compile/expression-worked.js';
import { ExpressionNames } from '../../compile/naming.js';
import type { NodeId } from '../../ir/graph.js';
import type { TexWriter } from './tex-writer.js';
import type { TexNames } from './tex-print.js';
import type { TexSymbols } from './tex-symbols.js';

/** What every section of one expression's notes needs. */
export interface ExpressionContext {
  readonly e: CompiledExpression;
  /** v_k and adjoint names, shared with the generated code (v3 in code is v_3 here). */
  readonly names: ExpressionNames;
  readonly derivation: Derivation;
  /** Names for the derivation graph's nodes: variables, v_k, and the adjoint symbols c̄. */
  readonly derivationNames: TexNames;
  /** The numbers at the point, when there is one. */
  readonly worked?: WorkedNumbers;
  /** The expression's name in formulas, e.g. J. */
  readonly symbol: string;
  readonly out: TexWriter;
}

/** `symbols`: the TeX of the document's names (one-to-one over the whole document). */
export function expressionContext(e: CompiledExpression, out: TexWriter, symbols: TexSymbols): ExpressionContext {
  const names = new ExpressionNames(e, symbols);
  const derivation = deriveNotes(e);
  const derivationNames: TexNames = (id) => {
    const of = derivation.adjointSymbols.get(id);
    return names.forwardName(id)?.tex ?? (of === undefined ? undefined : names.adjointName(of)?.tex);
  };
  const worked = workedNumbers(e, derivation, names.steps);
  return { e, names, derivation, derivationNames, worked, symbol: symbols(e.name), out };
}

/** The TeX name of a variable or forward step (`x`, `v_{3}`). */
export function nameOf(c: ExpressionContext, id: NodeId): string {
  return c.names.forwardName(id)?.tex ?? '?';
}

/** The TeX name of the adjoint of a variable or forward step (`\bar{x}`, `\bar{v}_{3}`). */
export function adjointOf(c: ExpressionContext, id: NodeId): string {
  return c.names.adjointName(id)?.tex ?? '?';
}

/** The TeX names of the variables, in `e.variables` order. */
export function variablesTex(c: ExpressionContext): string[] {
  return c.e.variableNodes.map((id) => nameOf(c, id));
}

/** `J(x, y)` */
export function signature(c: ExpressionContext): string {
  return `${c.symbol}(${variablesTex(c).join(', ')})`;
}

/**
 * A number as the notes show it in the working: rounded to the model's digits
 * (full precision is in the appendix and the JSON companion), and recorded
 * for the companion under `label` (what it is, in TeX).
 */
export function shown(c: ExpressionContext, value: number, label: string): string {
  return c.out.number(value, label);
}

/** A number as an operand: parenthesized when negative or written with ×10ᵏ, so `3 \cdot (-0.5)` reads right. */
export function shownOperand(c: ExpressionContext, value: number, label: string): string {
  const s = shown(c, value, label);
  return /^-|\\times|\^/.test(s) ? `\\left(${s}\\right)` : s;
}

/**
 * A local derivative's number as an operand: a constant one (the 1/3 of u/3) as a simple fraction,
 * `\\tfrac{1}{3}`, when it is one (TexWriter.constant); any other as shownOperand.
 */
export function localOperand(c: ExpressionContext, local: NodeId, value: number, label: string): string {
  if (c.derivation.graph.constantValue(local) === undefined) return shownOperand(c, value, label);
  const s = c.out.constant(value, label);
  return s.startsWith('-') ? `\\left(${s}\\right)` : s;
}
