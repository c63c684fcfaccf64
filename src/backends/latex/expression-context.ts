import type { CompiledExpression } from '../../compile/expression.js';
import { ExpressionNames } from '../../compile/naming.js';
import type { NodeId } from '../../ir/graph.js';
import { type Derivation, deriveNotes } from './derivation.js';
import type { TexWriter } from './tex-writer.js';
import { texNumber } from './tex-print.js';
import type { TexSymbols } from './tex-symbols.js';

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

/** `symbols`: the TeX of the document's names (one-to-one over the whole document). */
export function expressionContext(e: CompiledExpression, out: TexWriter, symbols: TexSymbols): ExpressionContext {
  const names = new ExpressionNames(e, symbols);
  return { e, names, derivation: deriveNotes(e, names), symbol: symbols(e.name), out };
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

/** The point as `x = 0.5,\; y = 2` (full precision), or undefined without one. */
export function pointTex(c: ExpressionContext): string | undefined {
  const p = c.e.point;
  if (!p) return undefined;
  const xs = variablesTex(c);
  return c.e.variables.map((v, i) => `${xs[i]} = ${texNumber(p.values[v])}`).join(',\\; ');
}
