import type { Attrs } from '../../ir/graph.js';
import type { Shape } from '../../ir/shape.js';
import { type Notation, PREC, type Printed, printed, wrap } from './notation.js';

/** How an op is printed: from its printed arguments (and their shapes), in plain text (mathjs syntax) or LaTeX. */
export type PrintForm = (args: readonly Printed[], notation: Notation, attrs: Attrs, shapes: readonly Shape[]) => Printed;

/** `\sin x` for a plain argument, `\sin\left(…\right)` otherwise; `sin(x)` in text. */
export function functionForm(textName: string, texName: string): PrintForm {
  return ([x], n) => {
    if (n === 'text') return printed(`${textName}(${x.text})`, PREC.ATOM);
    const plain = x.prec >= PREC.ATOM && !x.text.includes('\\frac');
    return printed(plain ? `${texName} ${x.text}` : `${texName}\\left(${x.text}\\right)`, PREC.POW);
  };
}

/** A function whose LaTeX form always takes parentheses: `\sigma\left(x\right)`; `sigmoid(x)` in text. */
export function parenthesizedForm(textName: string, texName: string): PrintForm {
  return ([x], n) =>
    n === 'text'
      ? printed(`${textName}(${x.text})`, PREC.ATOM)
      : printed(`${texName}\\left(${wrap(x, 0, n)}\\right)`, PREC.ATOM);
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
export function shapeAttrForm(textName: string, texName: string): PrintForm {
  return (args, notation, attrs) => {
    const shape = attrs.shape;
    if (shape === undefined) throw new Error(`${textName} has no target shape to print`);
    return callForm(args, notation, { text: textName, tex: texName }, {
      text: printShape(shape, 'text'),
      texSubscript: printShape(shape, 'tex'),
    });
  };
}
