import type { Graph, NodeId } from '../../ir/graph.js';
import { PRINT_FORMS } from './op-forms.js';
import { type Printed, formatNumber } from './notation.js';

/** Prints a node of the same formula (by name where it is named), or undefined when too long. */
type Visit = (id: NodeId) => Printed | undefined;

/**
 * Two shapes a graph leaves that a textbook never prints, in LaTeX: a power
 * of a reciprocal written out, (1/d)^k, printed 1/d^k; and a power times its base,
 * w^k · w (s₅ · s₄ where s₅ = s₄², even named), printed w^{k+1}. The value is the same;
 * undefined when the node is neither (it is printed by its op's form).
 */
export function textbookForm(g: Graph, id: NodeId, visit: Visit, named: (id: NodeId) => boolean): Printed | undefined {
  const n = g.node(id);
  if (n.op === 'pow') {
    const [base, exponent] = n.args;
    const k = g.constantValue(exponent);
    const b = g.node(base);
    // (1/d)^k = 1/d^k; a reciprocal named s₅ keeps its name: s₅²
    if (k === undefined || named(base) || b.op !== 'div' || g.constantValue(b.args[0]) !== 1) return undefined;
    const [one, d] = [visit(b.args[0]), visit(b.args[1])];
    return one && d ? PRINT_FORMS.div([one, PRINT_FORMS.pow([d, formatNumber(k, 'tex')], 'tex', {}, [])], 'tex', {}, []) : undefined;
  }
  if (n.op === 'mul') {
    // w^k · w = w^{k+1}, the power on either side
    for (const [power, other] of [n.args, [...n.args].reverse()]) {
      const p = g.node(power);
      const k = p.op === 'pow' ? g.constantValue(p.args[1]) : undefined;
      if (k === undefined || p.args[0] !== other) continue;
      const w = visit(other);
      return w ? PRINT_FORMS.pow([w, formatNumber(k + 1, 'tex')], 'tex', {}, []) : undefined;
    }
  }
  return undefined;
}
