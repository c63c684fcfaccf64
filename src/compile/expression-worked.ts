import type { NodeId } from '../ir/graph.js';
import { evaluateGraph } from '../ir/evaluate.js';
import type { CompiledExpression } from './expression.js';
import { type AdjointTerm, type Derivation, type LocalDerivative, placeholder } from './expression-derivation.js';

/**
 * The numbers of a worked solution at the expression's point, every one from
 * the IR interpreter: the value of each variable and step, its adjoint, each
 * local derivative, and each term c̄ · ∂c/∂u of the backward pass (the
 * upstream adjoint bound to its value, so the term is exactly the product the
 * notes write out).
 */
export interface WorkedNumbers {
  /** The value of a variable or forward step at the point. */
  value(id: NodeId): number;
  /** ū = ∂E/∂u at the point (0 for a node E does not depend on). */
  adjoint(id: NodeId): number;
  /** ∂c/∂u at the point. */
  local(l: LocalDerivative): number;
  /** c̄ · ∂c/∂u at the point. */
  term(t: AdjointTerm): number;
}

export function workedNumbers(e: CompiledExpression, derivation: Derivation, steps: readonly NodeId[]): WorkedNumbers | undefined {
  const p = e.point;
  if (!p) return undefined;
  const d = e.gradient;
  const nodes = [...e.variableNodes, ...steps];
  const adjointNodes = nodes.map((id) => d.adjoints.get(id)).filter((a): a is NodeId => a !== undefined);
  const forward = evaluateGraph(d.graph, [...nodes, ...adjointNodes], p.values);
  const number = (values: ReadonlyMap<NodeId, { readonly data: ArrayLike<number> }>, id: NodeId) => values.get(id)?.data[0] ?? NaN;
  const adjoint = (id: NodeId) => {
    const a = d.adjoints.get(id);
    return a === undefined ? 0 : number(forward, a);
  };
  // The derivation's adjoint symbols c̄ are placeholder variables: bind each to c̄'s value.
  const inputs: Record<string, number> = { ...p.values };
  for (const [, of] of derivation.adjointSymbols) inputs[placeholder(of)] = adjoint(of);
  const roots = [...derivation.locals.map((l) => l.node), ...derivation.backward.flatMap((b) => b.terms.map((t) => t.product))];
  const worked = evaluateGraph(derivation.graph, roots, inputs);
  return {
    value: (id) => number(forward, id),
    adjoint,
    local: (l) => number(worked, l.node),
    term: (t) => number(worked, t.product),
  };
}
