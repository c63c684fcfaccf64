import type { CompiledExpression } from '../../compile/expression.js';
import { ExpressionNames, texVariable } from '../../compile/naming.js';
import type { NodeId } from '../../ir/graph.js';
import { type Derivation, deriveNotes } from './derivation.js';
import type { TexWriter } from './tex-writer.js';
import { texNumber } from './tex-print.js';

/** What every section of one expression's notes needs. */
export interface ExpressionContext {
  readonly e: CompiledExpression;
  /** v_k and adjoint names, shared with the generated code (v3 in code is v_3 here). */
  readonly names: ExpressionNames;
  readonly derivation: Derivation;
  /** The expression's name in formulas, e.g. J. */
  readonly symbol: string;
  readonly out: TexWriter;
}

export function expressionContext(e: CompiledExpression, out: TexWriter): ExpressionContext {
  const names = new ExpressionNames(e);
  return { e, names, derivation: deriveNotes(e, names), symbol: texVariable(e.name), out };
}

/** The TeX name of a variable or forward step (`x`, `v_{3}`). */
export function nameOf(c: ExpressionContext, id: NodeId): string {
  return c.names.forwardName(id)?.tex ?? '?';
}

/** The TeX name of the adjoint of a variable or forward step (`\bar{x}`, `\bar{v}_{3}`). */
export function adjointOf(c: ExpressionContext, id: NodeId): string {
  return c.names.adjointName(id)?.tex ?? '?';
}

/** `J(x, y)` */
export function signature(c: ExpressionContext): string {
  return `${c.symbol}(${c.e.variables.map(texVariable).join(', ')})`;
}

/** The point as `x = 0.5,\; y = 2` (full precision), or undefined without one. */
export function pointTex(c: ExpressionContext): string | undefined {
  const p = c.e.point;
  if (!p) return undefined;
  return c.e.variables.map((v) => `${texVariable(v)} = ${texNumber(p.values[v])}`).join(',\\; ');
}
