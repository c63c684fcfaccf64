import type { NodeId } from '../ir/graph.js';
import { forwardSteps } from '../passes/schedule.js';
import type { CompiledExpression } from './expression.js';

/** A node's name in the generated code and in the notes (the same symbol in both). */
export interface NodeName {
  readonly code: string;
  readonly tex: string;
}

/**
 * The names of an expression's nodes: variables keep theirs, the forward steps
 * are v₁…v_k in order, and the adjoint ∂E/∂v is `dE_dv` in code and v̄ in the notes.
 */
export class ExpressionNames {
  /** Forward op nodes in order: steps[k-1] is v_k. */
  readonly steps: readonly NodeId[];
  private readonly forward = new Map<NodeId, NodeName>();

  /**
   * `texOf`: a variable's TeX. The notes pass theirs (one-to-one over their
   * document, latex/tex-symbols.ts); code-only callers leave the name as it is.
   */
  constructor(
    readonly expression: CompiledExpression,
    texOf: (name: string) => string = (name) => name,
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
