import { type Attrs, IrError } from '../../ir/graph.js';
import { type Dim, type Shape, formatShape } from '../../ir/shape.js';
import { type Notation, PREC, type Printed, printed } from '../notation.js';

/**
 * The `ts` form of an op that is not element-wise: there is no scalar
 * expression for it, the TS backend emits a loop kernel instead.
 */
export function kernelOnly(op: string): (args: readonly string[], attrs: Attrs) => never {
  return () => {
    throw new IrError(`${op} is not element-wise: the TS backend emits a kernel for it, not an expression`);
  };
}

/** `attrs.shape` of a shape-moving op (sum_to, broadcast_to, reshape). */
export function targetShape(op: string, attrs: Attrs): Shape {
  if (attrs.shape === undefined) throw new IrError(`${op} needs its target shape in attrs.shape`);
  return attrs.shape;
}

/** Throws unless `shape` is a matrix (rank 2). */
export function requireMatrix(op: string, shape: Shape, which: string): readonly [Dim, Dim] {
  if (shape.length !== 2) throw new IrError(`${op}: ${which} must be a matrix, got ${formatShape(shape)}`);
  return [shape[0], shape[1]];
}

/** Throws unless `shape` has a last axis (rank ≥ 1). */
export function requireAxis(op: string, shape: Shape): void {
  if (shape.length === 0) throw new IrError(`${op} works over the last axis and needs rank ≥ 1, got a scalar`);
}

/** The shape with its last axis kept as 1: a per-row value that broadcasts back over the row. */
export function rowShape(shape: Shape): Shape {
  return [...shape.slice(0, -1), 1];
}

/** A shape in formulas: `[4, 3]` in text, `4 \times 3` in LaTeX (`()` for a scalar). */
export function printShape(shape: Shape, notation: Notation): string {
  if (notation === 'text') return `[${shape.join(', ')}]`;
  return shape.length === 0 ? '()' : shape.join(' \\times ');
}

/**
 * A call form: `name(a, b, extra)` in text; `\name_{sub}\left(a, b\right)` in LaTeX.
 */
export function callForm(
  args: readonly Printed[],
  notation: Notation,
  names: { text: string; tex: string },
  extra: { text?: string; texSubscript?: string } = {},
): Printed {
  if (notation === 'text') {
    const all = [...args.map((a) => a.text), ...(extra.text === undefined ? [] : [extra.text])];
    return printed(`${names.text}(${all.join(', ')})`, PREC.ATOM);
  }
  const sub = extra.texSubscript === undefined ? '' : `_{${extra.texSubscript}}`;
  return printed(`${names.tex}${sub}\\left(${args.map((a) => a.text).join(', ')}\\right)`, PREC.ATOM);
}

/** The print form of an op whose attribute is a target shape: `sum_to(x, [3])`, `\operatorname{sum\_to}_{3}\left(x\right)`. */
export function shapeAttrForm(textName: string, texName: string) {
  return (args: readonly Printed[], notation: Notation, attrs: Attrs): Printed => {
    const shape = targetShape(textName, attrs);
    return callForm(args, notation, { text: textName, tex: texName }, {
      text: printShape(shape, 'text'),
      texSubscript: printShape(shape, 'tex'),
    });
  };
}
