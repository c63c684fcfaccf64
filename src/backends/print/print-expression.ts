import type { Graph, NodeId } from '../../ir/graph.js';
import { readArguments } from '../../ir/guarded-log.js';
import type { OpName } from '../../ops/registry.js';
import type { PrintForm } from './forms.js';
import { PRINT_FORMS } from './op-forms.js';
import { textbookForm } from './textbook-forms.js';
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
  return expressionPrinter(g, root, notation, nameOf, maxLength, forms)(root)?.text;
}

/**
 * The printed length of `root` and of every node below it printed expanded
 * (not by name), each what `printExpression` gives that node alone (Infinity
 * where it gives undefined; `forms` as for it), from one traversal: each node printed once,
 * where asking `printExpression` node by node prints every subtree again for
 * each of its ancestors.
 */
export function printedLengths(
  g: Graph,
  root: NodeId,
  notation: Notation,
  nameOf: (id: NodeId) => string | undefined,
  maxLength = Infinity,
  forms: PrintForms = {},
): Map<NodeId, number> {
  const print = expressionPrinter(g, root, notation, nameOf, maxLength, forms);
  const lengths = new Map<NodeId, number>();
  const visit = (id: NodeId) => {
    if (lengths.has(id)) return;
    const n = g.node(id);
    // arguments first (as printed): every one gets its length
    if (id === root || nameOf(id) === undefined) for (const a of notation === 'tex' ? readArguments(g, id) : n.args) visit(a);
    lengths.set(id, print(id)?.text.length ?? Infinity);
  };
  visit(root);
  return lengths;
}

/** Prints nodes of one formula (the root expanded, the others by name where `nameOf` names them), memoized; undefined: too long. */
function expressionPrinter(
  g: Graph,
  root: NodeId,
  notation: Notation,
  nameOf: (id: NodeId) => string | undefined,
  maxLength: number,
  forms: PrintForms,
): (id: NodeId) => Printed | undefined {
  const memo = new Map<NodeId, Printed>();
  const tooLong = new Set<NodeId>();
  let depth = 0;
  // the nodes printed by name (nameOf is asked once a node: a caller's nameOf may record what it prints)
  const named = new Set<NodeId>();
  const isNamed = (id: NodeId) => {
    step(id);
    return named.has(id);
  };
  // a node one level down (its depth counted), for the textbook forms
  const step = (id: NodeId): Printed | undefined => {
    depth++;
    const p = visit(id);
    depth--;
    return p;
  };
  const visit = (id: NodeId): Printed | undefined => {
    const cached = memo.get(id);
    if (cached) return cached;
    if (tooLong.has(id)) return undefined;
    // a formula nested deeper than maxLength (and than any formula worth a line) is too long: each level of
    // nesting prints a character or more, and the recursion would overflow the stack first (a 2000-step recurrence)
    if (depth > Math.max(maxLength, 1000)) return undefined;
    const n = g.node(id);
    const name = id === root ? undefined : nameOf(id);
    let result: Printed | undefined;
    if (name !== undefined) {
      named.add(id);
      result = printed(name, PREC.ATOM);
    }
    else if (n.op === 'const') result = formatNumber(n.attrs.value ?? NaN, notation);
    else if (n.op === 'var') result = printed(nameOf(id) ?? n.attrs.name ?? '?', PREC.ATOM);
    else {
      // (1/d)^k as 1/d^k, w^k · w as w^{k+1} in LaTeX, printed from the parts (textbook-forms.ts)
      const textbook = notation === 'tex' && forms[n.op] === undefined ? textbookForm(g, id, step, isNamed) : undefined;
      // ln of x^y's guard (ln x taken as 0 at x = 0) reads as ln x in the notes; the notes state the convention once
      const shownArgs = notation === 'tex' ? readArguments(g, id) : n.args;
      const args = textbook ? [] : shownArgs.map(step);
      if (args.some((p) => p === undefined)) {
        tooLong.add(id);
        return undefined;
      }
      result = textbook ?? (forms[n.op] ?? PRINT_FORMS[n.op])(args as Printed[], notation, n.attrs, shownArgs.map((a) => g.node(a).shape));
    }
    if (result.text.length > maxLength) {
      tooLong.add(id);
      return undefined;
    }
    memo.set(id, result);
    return result;
  };
  return visit;
}

