import type { NodeId } from '../ir/graph.js';
import { forwardSteps } from '../passes/schedule.js';
import type { CompiledExpression } from './expression.js';

/** A node's name in the generated code and in the notes (the same symbol in both). */
export interface NodeName {
  readonly code: string;
  readonly tex: string;
}

/** Letters for the forward steps (v1, v2, …), the first a user's names leave free. */
const STEP_PREFIXES = ['v', 'u', 's', 'q', 'z'];
/** Letters for the generated code's temporaries (w1, w2, …), likewise. */
const TEMP_PREFIXES = ['w', 't', 'r', 'p', 'k'];
/** Letters for the shared subexpressions the notes name in results (s₁ = sin x² + 3x²), likewise. */
const SHARED_PREFIXES = ['s', 'q', 'h', 'g', 'm'];

/**
 * The first of `candidates` that no user name looks like when numbered: a
 * name matching `p1`, `p_1` (which prints as p_{1} in the notes) rules `p` out.
 * If every letter is taken, underscores are appended to the first (v_1, v__1, …).
 */
function freePrefix(candidates: readonly string[], userNames: readonly string[], taken: ReadonlySet<string> = new Set()): string {
  const free = (p: string) => !taken.has(p) && !userNames.some((n) => new RegExp(`^${p}_?\\d+$`).test(n));
  const letter = candidates.find(free);
  if (letter !== undefined) return letter;
  let p = `${candidates[0]}_`;
  while (!free(p)) p += '_';
  return p;
}

/** A user's name as it appears in code (`x`, or `x[3]` for an element of the vector parameter x) without the index. */
function baseName(code: string): string {
  return code.replace(/\[\d+\]$/, '');
}

/**
 * The names of an expression's nodes: variables keep theirs (an element of a
 * vector parameter is `x[3]` in code, x_{3} in the notes), the forward steps
 * are v₁…v_k in order, and the adjoint ∂E/∂v is `dE_dv` in code and v̄ in the
 * notes. The generated names adapt to the user's: if a variable is called v1
 * (or v_1), the steps are u1, u2, …; if one is called w1, the code's
 * temporaries are t1, t2, …; if one starts with `dE_d`, adjoints are `dE_d_x`.
 */
export class ExpressionNames {
  /** Forward op nodes in order: steps[k-1] is v_k. */
  readonly steps: readonly NodeId[];
  /** The letter of the forward steps (`v` unless a user name is v1, v2, …). */
  readonly stepPrefix: string;
  /** The letter of the generated code's temporaries (`w` unless a user name is w1, …). */
  readonly tempPrefix: string;
  /** The letter of the notes' shared subexpressions in results (`s` unless taken). */
  readonly sharedPrefix: string;
  private readonly adjointPrefix: string;
  private readonly forward = new Map<NodeId, NodeName>();
  private readonly adjointCodes = new Map<NodeId, string>();

  /**
   * `texOf`: a variable's TeX. The notes pass theirs (one-to-one over their
   * document, latex/tex-symbols.ts); code-only callers leave the name as it is.
   */
  constructor(
    readonly expression: CompiledExpression,
    texOf: (name: string) => string = (name) => name,
  ) {
    const { gradient, variables, variableNodes, name } = expression;
    const userNames = [name, ...new Set(variables.map(baseName))];
    this.stepPrefix = freePrefix(STEP_PREFIXES, userNames);
    this.tempPrefix = freePrefix(TEMP_PREFIXES, userNames, new Set([this.stepPrefix]));
    this.sharedPrefix = freePrefix(SHARED_PREFIXES, userNames, new Set([this.stepPrefix, this.tempPrefix]));
    let adjointPrefix = `d${name}_d`;
    while (userNames.some((n) => n.startsWith(adjointPrefix))) adjointPrefix += '_';
    this.adjointPrefix = adjointPrefix;
    this.steps = forwardSteps(gradient.graph, gradient.output);
    variableNodes.forEach((id, i) => this.forward.set(id, { code: variables[i], tex: texOf(variables[i]) }));
    this.steps.forEach((id, i) => this.forward.set(id, { code: `${this.stepPrefix}${i + 1}`, tex: `${this.stepPrefix}_{${i + 1}}` }));
    this.nameAdjoints();
  }

  /** The name of a variable or forward step, or undefined for other nodes. */
  forwardName(id: NodeId): NodeName | undefined {
    return this.forward.get(id);
  }

  /** The name of ∂E/∂(node) for a variable or forward step. */
  adjointName(id: NodeId): NodeName | undefined {
    const f = this.forward.get(id);
    const code = this.adjointCodes.get(id);
    if (!f || code === undefined) return undefined;
    return { code, tex: `\\bar{${f.tex.replace(/_\{.*$/, '')}}${f.tex.match(/_\{.*$/)?.[0] ?? ''}` };
  }

  /** The names the generated code introduces (steps and adjoints, not the user's variables). */
  generatedCodeNames(): string[] {
    const steps = this.steps.map((id) => this.forward.get(id)?.code ?? '');
    return [...steps, ...this.adjointCodes.values()];
  }

  /**
   * `dE_dx`, `dE_dv3`; an element x[3] of a vector parameter gives `dE_dx_3`
   * (`dE_dx_3_` if that is taken, e.g. by a parameter x_3), so every name is an identifier and unique.
   */
  private nameAdjoints(): void {
    const used = new Set<string>();
    for (const [id, f] of this.forward) {
      let code = `${this.adjointPrefix}${f.code.replace(/\[(\d+)\]$/, '_$1')}`;
      while (used.has(code)) code += '_';
      used.add(code);
      this.adjointCodes.set(id, code);
    }
  }
}
