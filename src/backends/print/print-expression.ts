import type { Graph, NodeId } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import type { PrintForm } from './forms.js';
import { PRINT_FORMS } from './op-forms.js';
import { type Notation, PREC, type Printed, formatNumber, printed } from './notation.js';

/** Print forms that replace some ops' own (e.g. ⊙ for the entrywise product in vector notation). */
export type PrintForms = Partial<Readonly<Record<OpName, PrintForm>>>;

/**
 * Prints a node as one formula by inlining its arguments, in plain text
 * (mathjs syntax) or LaTeX, with each op's form from PRINT_FORMS. Nodes that
 * `nameOf` names are printed by name instead of being expanded; variables
 * must be named. Returns undefined when the formula would exceed `maxLength`
 * characters (a DAG can be exponentially larger as a tree). `forms`
 * overrides the print forms of some ops.
 */
export function printExpression(
  g: Graph,
  root: NodeId,
  notation: Notation,
  nameOf: (id: NodeId) => string | undefined,
  maxLength = Infinity,
  forms: PrintForms = {},
): string | undefined {
  const memo = new Map<NodeId, Printed>();
  const visit = (id: NodeId): Printed | undefined => {
    const cached = memo.get(id);
    if (cached) return cached;
    const n = g.node(id);
    const name = id === root ? undefined : nameOf(id);
    let result: Printed | undefined;
    if (name !== undefined) result = printed(name, PREC.ATOM);
    else if (n.op === 'const') result = formatNumber(n.attrs.value ?? NaN, notation);
    else if (n.op === 'var') result = printed(nameOf(id) ?? n.attrs.name ?? '?', PREC.ATOM);
    else {
      const args: Printed[] = [];
      for (const a of n.args) {
        const p = visit(a);
        if (!p) return undefined;
        args.push(p);
      }
      result = (forms[n.op] ?? PRINT_FORMS[n.op])(args, notation, n.attrs, n.args.map((a) => g.node(a).shape));
    }
    if (result.text.length > maxLength) return undefined;
    memo.set(id, result);
    return result;
  };
  return visit(root)?.text;
}
