import type { Attrs } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import { type Notation, PREC, type Printed, formatNumber, printed, wrap } from './notation.js';
import { type PrintForm, callForm, functionForm, parenthesizedForm, shapeAttrForm } from './forms.js';

/**
 * How each op is printed in formulas, as plain text (mathjs syntax; op-name
 * calls for tensor ops) and as LaTeX. Complete by type: a new op without a
 * line here does not compile.
 */
export const PRINT_FORMS = {
  add: binary((a, b, n) => printed(`${wrap(a, PREC.ADD, n)} + ${wrap(b, PREC.ADD, n)}`, PREC.ADD)),
  sub: binary((a, b, n) => printed(`${wrap(a, PREC.ADD, n)} - ${wrap(b, PREC.MUL, n)}`, PREC.ADD)),
  mul: binary((a, b, n) => {
    const left = wrap(a, PREC.MUL, n);
    const right = wrap(b, PREC.POW, n);
    // 3x and ½ (…) rather than 3 · x: a number (or a fraction of numbers) before a symbol reads as a coefficient.
    const juxtapose = n === 'tex' && /^([0-9.]+|\\frac\{[0-9.]+\}\{[0-9.]+\})$/.test(left) && /^[a-zA-Z\\]/.test(right);
    return printed(juxtapose ? `${left} ${right}` : `${left} ${n === 'tex' ? '\\cdot' : '*'} ${right}`, PREC.MUL);
  }),
  div: binary((a, b, n) =>
    n === 'tex'
      ? printed(`\\frac{${a.text}}{${b.text}}`, PREC.ATOM)
      : printed(`${wrap(a, PREC.MUL, n)} / ${wrap(b, PREC.POW, n)}`, PREC.MUL)),
  pow: binary((a, b, n) =>
    n === 'tex'
      // a fraction as the base takes parentheses: \left(\frac{1}{s}\right)^{2}, not \frac{1}{s}^{2} (the power on the denominator)
      ? printed(`${a.text.startsWith('\\frac') ? `\\left(${a.text}\\right)` : wrap(a, PREC.ATOM, n)}^{${b.text}}`, PREC.POW)
      : printed(`${wrap(a, PREC.ATOM, n)} ^ ${wrap(b, PREC.ATOM, n)}`, PREC.POW)),
  neg: ([x], n) => printed(`-${wrap(x, PREC.MUL, n)}`, PREC.ADD),

  sin: functionForm('sin', '\\sin'),
  cos: functionForm('cos', '\\cos'),
  tan: functionForm('tan', '\\tan'),
  exp: ([x], n) => (n === 'tex' ? printed(`e^{${x.text}}`, PREC.POW) : printed(`exp(${x.text})`, PREC.ATOM)),
  log: functionForm('log', '\\ln'),
  sqrt: ([x], n) => (n === 'tex' ? printed(`\\sqrt{${x.text}}`, PREC.ATOM) : printed(`sqrt(${x.text})`, PREC.ATOM)),
  abs: ([x], n) => (n === 'tex' ? printed(`\\left|${x.text}\\right|`, PREC.ATOM) : printed(`abs(${x.text})`, PREC.ATOM)),
  tanh: functionForm('tanh', '\\tanh'),
  sign: functionForm('sign', '\\operatorname{sgn}'),

  sigmoid: parenthesizedForm('sigmoid', '\\sigma'),
  softplus: parenthesizedForm('softplus', '\\operatorname{softplus}'),
  relu: parenthesizedForm('relu', '\\operatorname{ReLU}'),
  step: parenthesizedForm('step', 'H'),
  log_sigmoid: ([x], n) =>
    (n === 'tex' ? printed(`\\ln \\sigma\\left(${wrap(x, 0, n)}\\right)`, PREC.POW) : printed(`log(sigmoid(${x.text}))`, PREC.ATOM)),

  asin: functionForm('asin', '\\arcsin'),
  acos: functionForm('acos', '\\arccos'),
  atan: functionForm('atan', '\\arctan'),
  atan2: (args, n) => callForm(args, n, { text: 'atan2', tex: '\\operatorname{atan2}' }),
  sinh: functionForm('sinh', '\\sinh'),
  cosh: functionForm('cosh', '\\cosh'),
  // the inverse hyperbolic functions by their ISO 80000-2 names (arsinh: area, not arc), upright like \\arcsin
  asinh: functionForm('asinh', '\\operatorname{arsinh}'),
  acosh: functionForm('acosh', '\\operatorname{arcosh}'),
  atanh: functionForm('atanh', '\\operatorname{artanh}'),
  expm1: ([x], n) => (n === 'tex' ? printed(`e^{${x.text}} - 1`, PREC.ADD) : printed(`expm1(${x.text})`, PREC.ATOM)),
  log1p: ([x], n) =>
    (n === 'tex' ? printed(`\\ln\\left(1 + ${wrap(x, PREC.ADD, n)}\\right)`, PREC.POW) : printed(`log1p(${x.text})`, PREC.ATOM)),
  log2: functionForm('log2', '\\log_2'),
  log10: functionForm('log10', '\\log_{10}'),
  cbrt: ([x], n) => (n === 'tex' ? printed(`\\sqrt[3]{${x.text}}`, PREC.ATOM) : printed(`cbrt(${x.text})`, PREC.ATOM)),
  hypot: (args, n) => callForm(args, n, { text: 'hypot', tex: '\\operatorname{hypot}' }),
  floor: ([x], n) =>
    (n === 'tex' ? printed(`\\left\\lfloor ${x.text} \\right\\rfloor`, PREC.ATOM) : printed(`floor(${x.text})`, PREC.ATOM)),
  ceil: ([x], n) =>
    (n === 'tex' ? printed(`\\left\\lceil ${x.text} \\right\\rceil`, PREC.ATOM) : printed(`ceil(${x.text})`, PREC.ATOM)),
  round: parenthesizedForm('round', '\\operatorname{round}'),
  trunc: parenthesizedForm('trunc', '\\operatorname{trunc}'),
  max: (args, n) => callForm(args, n, { text: 'max', tex: '\\max' }),
  min: (args, n) => callForm(args, n, { text: 'min', tex: '\\min' }),
  select_lt: casesForm('<', '<'),
  select_le: casesForm('<=', '\\le'),
  select_eq: casesForm('==', '='),

  matmul: product('matmul', (a, b, n) => `${wrap(a, PREC.MUL, n)} ${wrap(b, PREC.POW, n)}`),
  matmul_nt: product('matmul_nt', (a, b, n) => `${wrap(a, PREC.MUL, n)} ${wrap(b, PREC.ATOM, n)}${T}`),
  matmul_tn: product('matmul_tn', (a, b, n) => `${wrap(a, PREC.ATOM, n)}${T} ${wrap(b, PREC.POW, n)}`),

  sum_to: shapeAttrForm('sum_to', '\\operatorname{sum\\_to}'),
  broadcast_to: shapeAttrForm('broadcast_to', '\\operatorname{broadcast}'),
  reshape: shapeAttrForm('reshape', '\\operatorname{reshape}'),
  sum: functionForm('sum', '\\sum'),
  mean: parenthesizedForm('mean', '\\operatorname{mean}'),

  softmax: parenthesizedForm('softmax', '\\operatorname{softmax}'),
  leaky_relu: (args, n, attrs) => {
    const alpha = slopeOf(attrs);
    return callForm(args, n, { text: 'leaky_relu', tex: '\\operatorname{LeakyReLU}' },
      { text: formatNumber(alpha, 'text').text, texSubscript: formatNumber(alpha, 'tex').text });
  },
  // LaTeX: BCE(σ(z), y), the loss of the probability the logits stand for.
  bce_logits: ([z, y], n) => callForm([n === 'tex' ? applied('\\sigma', z) : z, y], n, { text: 'bce_logits', tex: '\\operatorname{BCE}' }),
  // LaTeX: CE(softmax(z), y).
  softmax_ce: ([z, y], n) =>
    callForm([n === 'tex' ? applied('\\operatorname{softmax}', z) : z, y], n, { text: 'softmax_ce', tex: '\\operatorname{CE}' }),
  slice: ([x], n, attrs) => printed(`${wrap(x, PREC.ATOM, n)}${indexRange(attrs, n)}`, PREC.ATOM),
  pad: ([x], n, attrs) => callForm([x], n, { text: 'pad', tex: '\\operatorname{pad}' },
    { text: `${attrs.value ?? 0}, ${attrs.shape?.[0] ?? 0}`, texSubscript: `${attrs.value ?? 0}` }),
  range: (_args, n, attrs) => printed(n === 'tex' ? `\\left(${attrs.value ?? 0}, \\ldots, ${lastIndex(attrs)}\\right)`
    : `range(${attrs.value ?? 0}, ${lastIndex(attrs) + 1})`, PREC.ATOM),
  // T_{s..e} (LaTeX), T[s:e+1] (text): elements of a constant array the function reads at a loop's index
  table: (_args, n, attrs) => printed(`${n === 'tex' ? `\\mathrm{${attrs.name ?? 'T'}}` : attrs.name ?? 'T'}${indexRange(attrs, n)}`, PREC.ATOM),
  // (the notes print a scan's iterations written out: passes/scalarize.ts)
  scan: (args, n) => callForm(args, n, { text: 'scan', tex: '\\operatorname{scan}' }),
} satisfies Record<OpName, PrintForm>;

const T = '^{\\top}';

/** select_◇(a, b, x, y): `x if a ◇ b, y otherwise` as a LaTeX cases block, or a ternary in text. */
function casesForm(text: string, tex: string): PrintForm {
  return ([a, b, x, y], n) => {
    const condition = `${wrap(a, PREC.ADD, n)} ${n === 'tex' ? tex : text} ${wrap(b, PREC.ADD, n)}`;
    if (n === 'text') return printed(`${condition} ? ${wrap(x, PREC.ADD, n)} : ${wrap(y, PREC.ADD, n)}`, 0);
    return printed(`\\begin{cases} ${x.text} & \\text{if } ${condition} \\\\ ${y.text} & \\text{otherwise} \\end{cases}`, PREC.COMPARE);
  };
}

function binary(form: (a: Printed, b: Printed, notation: Notation) => Printed): PrintForm {
  return ([a, b], notation) => form(a, b, notation);
}

/** A matrix product: `matmul_nt(A, W)` in text, juxtaposition with ᵀ marks in LaTeX. */
function product(name: OpName, tex: (a: Printed, b: Printed, n: Notation) => string): PrintForm {
  return (args, n) => (n === 'text' ? callForm(args, n, { text: name, tex: name }) : printed(tex(args[0], args[1], n), PREC.MUL));
}

/** `f\left(x\right)` as a printed argument. */
function applied(texName: string, x: Printed): Printed {
  return printed(`${texName}\\left(${x.text}\\right)`, PREC.ATOM);
}

/** The last index a slice or range covers: start + m − 1 (start for a single element). */
function lastIndex(attrs: Attrs): number {
  const m = attrs.shape?.[0];
  return (attrs.value ?? 0) + (typeof m === 'number' ? m - 1 : 0);
}

/** A slice's indices: `[1:100]` in text (end excluded, as Python and mathjs print it), `_{1..99}` in LaTeX; one element `[3]`, `_{3}`. */
function indexRange(attrs: Attrs, n: Notation): string {
  const start = attrs.value ?? 0;
  const single = attrs.shape?.length === 0;
  if (n === 'tex') return single ? `_{${start}}` : `_{${start}..${lastIndex(attrs)}}`;
  return single ? `[${start}]` : `[${start}:${lastIndex(attrs) + 1}]`;
}

function slopeOf(attrs: Attrs): number {
  if (attrs.value === undefined) throw new Error('leaky_relu has no slope α to print');
  return attrs.value;
}
