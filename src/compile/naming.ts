import type { NodeId } from '../ir/graph.js';
import { forwardSteps } from '../passes/schedule.js';
import type { CompiledExpression } from './expression.js';

/** A node's name in the generated code and in the notes (the same symbol in both). */
export interface NodeName {
  readonly code: string;
  readonly tex: string;
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]);

/**
 * A user variable in LaTeX, pretty: x1 and x_1 → x_{1}, alpha → \alpha, rate → \mathit{rate}.
 * Not one-to-one (x1 and x_1 print alike): the notes make it so per document (latex/tex-symbols.ts).
 */
export function texVariable(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  const [base, sub] = m ? [m[1], m[2]] : [name, undefined];
  const body = GREEK.has(base) ? `\\${base}` : base.length === 1 ? base : texSpelled(base);
  return sub === undefined ? body : `${body}_{${sub}}`;
}

/** A name exactly as spelled, in math italics: x1 → \mathit{x1}, x_1 → \mathit{x\_1}. */
export function texSpelled(name: string): string {
  return `\\mathit{${name.replace(/_/g, '\\_')}}`;
}

/**
 * The names of an expression's nodes: variables keep theirs, the forward steps
 * are v₁…v_k in order, and the adjoint ∂E/∂v is `dE_dv` in code and v̄ in the notes.
 */
export class ExpressionNames {
  /** Forward op nodes in order: steps[k-1] is v_k. */
  readonly steps: readonly NodeId[];
  private readonly forward = new Map<NodeId, NodeName>();

  /** `texOf`: a variable's TeX (the notes pass one that is one-to-one over their document). */
  constructor(
    readonly expression: CompiledExpression,
    texOf: (name: string) => string = texVariable,
  ) {
    const { gradient, variables, variableNodes } = expression;
    this.steps = forwardSteps(gradient.graph, gradient.output);
    variableNodes.forEach((id, i) => this.forward.set(id, { code: variables[i], tex: texOf(variables[i]) }));
    this.steps.forEach((id, i) => this.forward.set(id, { code: `v${i + 1}`, tex: `v_{${i + 1}}` }));
  }

  /** The name of a variable or forward step, or undefined for other nodes. */
  forwardName(id: NodeId): NodeName | undefined {
    return this.forward.get(id);
  }

  /** The name of ∂E/∂(node) for a variable or forward step. */
  adjointName(id: NodeId): NodeName | undefined {
    const f = this.forward.get(id);
    if (!f) return undefined;
    return { code: `d${this.expression.name}_d${f.code}`, tex: `\\bar{${f.tex.replace(/_\{.*$/, '')}}${f.tex.match(/_\{.*$/)?.[0] ?? ''}` };
  }

  /** The names the generated code introduces (steps and adjoints, not the user's variables). */
  generatedCodeNames(): string[] {
    const steps = this.steps.map((id) => this.forward.get(id)?.code ?? '');
    const adjoints = [...this.forward.keys()].map((id) => this.adjointName(id)?.code ?? '');
    return [...steps, ...adjoints];
  }
}
