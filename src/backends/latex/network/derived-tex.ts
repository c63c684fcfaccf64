import type { Graph, NodeId } from '../../../ir/graph.js';
import { PREC, type Printed, printed, wrap } from '../../print/notation.js';
import { type PrintForms, printExpression } from '../../print/print-expression.js';
import { PRINT_FORMS } from '../../print/op-forms.js';

/**
 * How a derived formula reads in the network notes: for a layer's vector
 * (products entrywise, ⊙), for one entry (products by juxtaposition), or
 * for one entry with numbers in place of its symbols (products with ×, as
 * every product of numbers in the notes).
 */
export type Reading = 'vector' | 'entry' | 'numbers';

/** A power's base: a plain atom as is; a scripted symbol (a^{1}_{2}) or anything else in parentheses, never a double superscript. */
const powerBase = (p: Printed): string => (p.prec >= PREC.ATOM && !p.text.includes('^') ? p.text : `\\left(${p.text}\\right)`);

/** A number as formatNumber prints it: 0.5, 1 \times 10^{-7}. */
const isNumber = (p: Printed): boolean => /^[0-9.]+( \\times 10\^\{-?\d+\})?$/.test(p.text);

/** x y; 0.5\, w (a thin space between a number and a letter); x \cdot 2 where juxtaposition would run two numbers together. */
const juxtaposed = (a: Printed, b: Printed): Printed => {
  const right = wrap(b, PREC.MUL, 'tex');
  const space = /^[-0-9.]/.test(right) ? ' \\cdot ' : isNumber(a) && /^[a-zA-Z]/.test(right) ? '\\, ' : ' ';
  return printed(`${wrap(a, PREC.MUL, 'tex')}${space}${right}`, PREC.MUL);
};

/** A named function applied to a plain argument, as printed without parentheses: `\tanh t`. */
const PLAIN_CALL = /^(\\[a-zA-Z]+) ([a-zA-Z0-9]+)$/;

/** x^{n}; a function's power the textbook way, \tanh^{2} t for (\tanh t)². */
const power = (a: Printed, b: Printed): Printed => {
  const call = PLAIN_CALL.exec(a.text);
  if (call !== null && /^\d+$/.test(b.text)) return printed(`${call[1]}^{${b.text}} ${call[2]}`, PREC.POW);
  return printed(`${powerBase(a)}^{${b.text}}`, PREC.POW);
};

const FORMS: Readonly<Record<Reading, PrintForms>> = {
  entry: {
    mul: ([a, b]) => juxtaposed(a, b),
    pow: ([a, b]) => power(a, b),
  },
  numbers: {
    mul: ([a, b]) => printed(`${wrap(a, PREC.MUL, 'tex')} \\times ${wrap(b, PREC.MUL, 'tex')}`, PREC.MUL),
    pow: ([a, b]) => power(a, b),
  },
  vector: {
    // c x for a number times a vector, x ⊙ y for two vectors.
    mul: ([a, b]) => (isNumber(a) ? juxtaposed(a, b) : printed(`${wrap(a, PREC.MUL, 'tex')} \\odot ${wrap(b, PREC.MUL, 'tex')}`, PREC.MUL)),
    // x² entrywise: x ⊙ x (a bare x² of a vector could be read as xᵀx).
    pow: ([a, b]) => (b.text === '2' ? printed(`${wrap(a, PREC.POW, 'tex')} \\odot ${wrap(a, PREC.POW, 'tex')}`, PREC.MUL) : power(a, b)),
  },
};

/** The batch graph's products: ⊙ between two arrays (entrywise, as in the main text), the op's own form when a factor is a scalar. */
export const ENTRYWISE_FORMS: PrintForms = {
  mul: (args, notation, attrs, shapes) => (shapes.some((s) => s.length === 0)
    ? PRINT_FORMS.mul(args, notation, attrs, shapes)
    : printed(`${wrap(args[0], PREC.MUL, 'tex')} \\odot ${wrap(args[1], PREC.MUL, 'tex')}`, PREC.MUL)),
};

/**
 * A node of a derived formula (middle end: local-derivatives.ts) in TeX, with
 * the ops' own print forms except the products and powers of the reading,
 * and the given names for its leaves (z, a, y).
 */
export function derivedTex(g: Graph, root: NodeId, names: ReadonlyMap<NodeId, string>, reading: Reading): string {
  return names.get(root) ?? printExpression(g, root, 'tex', (id) => names.get(id), Infinity, FORMS[reading]) ?? '?';
}

/** The same as a factor of a product: parenthesized when it is a sum or difference (1 − a², 0.1 + 0.9 H(z)). */
export function derivedFactor(g: Graph, root: NodeId, names: ReadonlyMap<NodeId, string>, reading: Reading): string {
  const tex = derivedTex(g, root, names, reading);
  const op = g.node(root).op;
  const loose = names.get(root) === undefined && (op === 'add' || op === 'sub' || op === 'neg' || (g.constantValue(root) ?? 0) < 0);
  return loose ? `\\left(${tex}\\right)` : tex;
}
