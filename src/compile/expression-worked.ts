import type { NodeId } from '../ir/graph.js';
import { evaluateGraph } from '../ir/evaluate.js';
import { evaluateTaken } from '../ir/evaluate-taken.js';
import type { CompiledExpression } from './expression.js';
import { type AdjointTerm, type Derivation, type LocalDerivative, placeholder } from './expression-derivation.js';
import { evaluateGenerated, generatedForm } from './as-generated.js';

/**
 * The numbers of a worked solution at the expression's point, every one from
 * the IR interpreter: the value of each variable and step, its adjoint, each
 * local derivative, and each term c̄ · ∂c/∂u of the backward pass (the
 * upstream adjoint bound to its value, so the term is exactly the product the
 * notes write out). They follow the branches taken, as the generated code
 * does: a step on a side not taken is not computed (√x of `x >= 0 ? √x : −x`
 * at x = −4), its adjoint is 0 and so is every term through it.
 */
export interface WorkedNumbers {
  /** False for a step on a side not taken at the point (its value and local derivatives are not computed). */
  computed(id: NodeId): boolean;
  /** The value of a variable or computed forward step at the point. */
  value(id: NodeId): number;
  /** ū = ∂E/∂u at the point (0 for a node E does not depend on, or one not computed). */
  adjoint(id: NodeId): number;
  /** ∂c/∂u at the point (of a computed step c). */
  local(l: LocalDerivative): number;
  /** c̄ · ∂c/∂u at the point: 0 through a step c not computed. */
  term(t: AdjointTerm): number;
}

export function workedNumbers(e: CompiledExpression, derivation: Derivation, steps: readonly NodeId[]): WorkedNumbers | undefined {
  const p = e.point;
  if (!p) return undefined;
  const d = e.gradient;
  const forward = evaluateTaken(d.graph, [d.output, ...e.variableNodes], p.values);
  const computed = (id: NodeId) => forward.has(id);
  // the adjoints as the generated E_grad computes them (the side not taken contributes nothing)
  const adjointOf = new Map(steps.concat(e.variableNodes).flatMap((id) => {
    const a = d.adjoints.get(id);
    return a === undefined || !computed(id) ? [] : [[id, a] as const];
  }));
  const adjointNodes = [...new Set(adjointOf.values())];
  const form = generatedForm(d.graph, d.output, adjointNodes);
  const adjoints = evaluateGenerated(form, p.values).numbers;
  const adjointValue = new Map(adjointNodes.map((a, i) => [a, adjoints[i]]));
  const adjoint = (id: NodeId) => {
    const a = adjointOf.get(id);
    return a === undefined ? 0 : adjointValue.get(a) as number;
  };
  // The derivation's adjoint symbols c̄ are placeholder variables: bind each to c̄'s value.
  const inputs: Record<string, number> = { ...p.values };
  for (const [, of] of derivation.adjointSymbols) inputs[placeholder(of)] = adjoint(of);
  const roots = [...derivation.locals.map((l) => l.node), ...derivation.backward.flatMap((b) => b.terms.map((t) => t.product))];
  const worked = evaluateGraph(derivation.graph, roots, inputs);
  const number = (id: NodeId) => worked.get(id)?.data[0] ?? NaN;
  return {
    computed,
    value: (id) => forward.get(id) ?? NaN,
    adjoint,
    local: (l) => number(l.node),
    term: (t) => (computed(t.step) ? number(t.product) : 0),
  };
}
