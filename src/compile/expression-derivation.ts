import type { Graph, NodeId } from '../ir/graph.js';
import { OPS } from '../ops/registry.js';
import type { CompiledExpression } from './expression.js';
import { forwardSteps } from '../passes/schedule.js';

/** ∂(step)/∂(arg) for one active argument of a forward step. */
export interface LocalDerivative {
  readonly step: NodeId;
  readonly arg: NodeId;
  /** The local derivative as a node of `Derivation.graph`. */
  readonly node: NodeId;
}

/** One term c̄ · ∂c/∂u of an adjoint: the consumer c's local derivative and the product. */
export interface AdjointTerm extends LocalDerivative {
  /** c̄ · ∂c/∂u as a node of `Derivation.graph`, with c̄ a named placeholder symbol. */
  readonly product: NodeId;
}

/** One line of the backward pass: ū = Σ_c c̄ · ∂c/∂u. */
export interface AdjointLine {
  readonly node: NodeId;
  /** Output seed (ū = 1), a sum over consumers, or zero (E does not depend on u). */
  readonly kind: 'seed' | 'sum' | 'zero';
  /** One term per consumer c of u, in creation order. */
  readonly terms: readonly AdjointTerm[];
}

/**
 * The symbolic content of an expression's notes (the middle end computes it; the LaTeX backend prints it), built in a clone of the gradient graph:
 * local derivatives from each op's own vjp rule, and the backward sums with
 * each upstream adjoint c̄ kept as a named symbol, so every line reads
 * "upstream × local" rather than being inlined.
 */
export interface Derivation {
  readonly graph: Graph;
  /** The adjoint symbols: a placeholder variable of `graph` → the node whose adjoint it stands for. */
  readonly adjointSymbols: ReadonlyMap<NodeId, NodeId>;
  /** Local derivatives, step by step in forward order, arguments in slot order. */
  readonly locals: readonly LocalDerivative[];
  /** Backward pass in order: the output's seed, the other steps in reverse, then the variables. */
  readonly backward: readonly AdjointLine[];
}

/** Placeholder variable names cannot clash with users' (identifiers never contain '#'). */
export const placeholder = (id: NodeId) => `#adjoint${id}`;

/**
 * Local derivatives and backward-pass lines of one expression. The consumers
 * of each node come from differentiate()'s contributions, so the notes sum
 * exactly the terms the gradient (and the generated code) sums.
 */
export function deriveNotes(e: CompiledExpression): Derivation {
  const d = e.gradient;
  const steps = forwardSteps(d.graph, d.output);
  const g = d.graph.clone();
  const active = new Set(d.active);
  const adjointSymbols = new Map<NodeId, NodeId>();

  const locals = steps.filter((s) => active.has(s)).flatMap((s) => localDerivatives(g, s, active));
  const byStep = new Map<NodeId, LocalDerivative[]>();
  for (const l of locals) byStep.set(l.step, [...(byStep.get(l.step) ?? []), l]);
  const localOf = (step: NodeId, arg: NodeId) => byStep.get(step)?.find((l) => l.arg === arg);

  /** c̄ as a symbol in the graph (a variable node that prints as \bar{v}_k). */
  const adjointSymbol = (id: NodeId): NodeId => {
    const symbol = g.variable(placeholder(id), g.shapeOf(id));
    adjointSymbols.set(symbol, id);
    return symbol;
  };

  const order = [...steps].reverse().filter((s) => active.has(s));
  const backward = [...order, ...e.variableNodes].map((u): AdjointLine => {
    if (u === d.output && active.has(u)) return { node: u, kind: 'seed', terms: [] };
    const consumers = [...new Set((d.contributions.get(u) ?? []).map((c) => c.consumer))].sort((a, b) => a - b);
    const used = consumers.map((c) => localOf(c, u)).filter((t): t is LocalDerivative => t !== undefined);
    // ū = Σ_c c̄ · ∂c/∂u, in consumer order (c̄ · 1 builds as c̄, c̄ · -1 as -c̄).
    const terms = used.map((l) => ({ ...l, product: g.mul(adjointSymbol(l.step), l.node) }));
    return { node: u, kind: terms.length === 0 ? 'zero' : 'sum', terms };
  });

  return { graph: g, adjointSymbols, locals, backward };
}

/**
 * ∂step/∂arg for each distinct active argument: the op's vjp rule applied to
 * the adjoint 1 (1 · x builds as x, so this is the bare local derivative).
 * An argument used in two slots (x · x) gets the sum of both slots' terms.
 */
function localDerivatives(g: Graph, step: NodeId, active: ReadonlySet<NodeId>): LocalDerivative[] {
  const node = g.node(step);
  if (node.op === 'const' || node.op === 'var') return [];
  const slots = OPS[node.op].vjp(g, node, g.constant(1));
  const byArg = new Map<NodeId, NodeId>();
  node.args.forEach((arg, i) => {
    const term = slots[i];
    if (term === null || term === undefined || !active.has(arg)) return;
    const previous = byArg.get(arg);
    byArg.set(arg, previous === undefined ? term : g.add(previous, term));
  });
  return [...byArg].map(([arg, local]) => ({ step, arg, node: local }));
}
