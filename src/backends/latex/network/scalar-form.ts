import { partial } from '../tex-print.js';
import { type SignedTerm, sumRows } from '../tex-sum.js';
import { activationTex, softmaxEntry } from './activations.js';
import { lossGradientTex, outputDeltaTex } from './loss.js';
import { type ParameterEntry, backwardEntry, describeLayer, parameterEntries, productTex } from './layer-tex.js';
import { type NetworkContext, dropoutOf, hiddenLayersBackward, isFrozen, layerOf, oneTo, parameterCount, unitSym } from './context.js';

/** Networks with at most this many parameters also get the node-by-node form. */
export const MAX_SCALAR_PARAMETERS = 40;

/** Characters of TeX per row before a long sum continues on the next row. */
const ROW_BUDGET = 110;

/** `lhs &= t₁ + t₂ + …` (a term is TeX, or signed), continued on further rows when long. */
function sumLine(lhs: string, terms: readonly (string | SignedTerm)[], after = ''): string[] {
  const signed: SignedTerm[] = terms.map((t) => (typeof t === 'string' ? { negative: false, tex: t } : t));
  const [first, ...rest] = sumRows(signed, ROW_BUDGET);
  const rows = [`${lhs} &= ${first}`, ...rest.map((row) => `&\\quad {}${row}`)];
  rows[rows.length - 1] += after;
  return rows;
}

/** f′ of one unit as a factor (derived; parenthesized when a sum, as tanh′ = 1 − a²); undefined for the identity. */
function derivativeFactor(c: NetworkContext, l: number, k: number): string | undefined {
  return activationTex(c, l).derivativeFactor(unitSym('z', l, k), unitSym('a', l, k), 'entry');
}

/**
 * The node-by-node form for one example (small networks): every z, a, the loss,
 * every δ and every gradient entry as scalars, as one would work them by hand.
 */
export function writeScalarForm(c: NetworkContext): void {
  if (parameterCount(c) > MAX_SCALAR_PARAMETERS) return;
  const { out } = c;
  out.subsection('Node by node');
  out.paragraph(`The same equations for one example, one unit at a time (${out.inline('x_{j}')} are the inputs, `
    + `${out.inline('y_{k}')} the targets):`);
  out.align(oneTo(c.depth).flatMap((l) => forwardRows(c, l)));
  out.align(lossRows(c));
  out.paragraph('The errors, from the output back:');
  out.align([...outputDeltaRows(c), ...hiddenLayersBackward(c).flatMap((l) => hiddenDeltaRows(c, l))]);
  out.paragraph('The gradient entries:');
  for (const l of oneTo(c.depth)) {
    const rows = gradientRows(c, l);
    if (rows.length > 0) out.align(rows);
  }
  const { l1, l2 } = c.spec.regularization;
  if (l1 > 0 || l2 > 0) {
    const extra = [...(l2 > 0 ? ['\\lambda_{2}\\, w^{l}_{ij}'] : []), ...(l1 > 0 ? ['\\lambda_{1} \\operatorname{sgn} w^{l}_{ij}'] : [])];
    out.paragraph(`With the penalty, each weight's gradient in ${out.inline('L')} also gets ${out.inline(`+ ${extra.join(' + ')}`)} `
      + '(once per step, not per example); the biases\' do not.');
  }
}

function forwardRows(c: NetworkContext, l: number): string[] {
  const layer = layerOf(c, l);
  const f = activationTex(c, l);
  const units = c.sizes[l];
  const rows = oneTo(units).flatMap((i) => {
    // the weighted sum from the layer's own graph: b^{l}_{i}, one shared b^{l}, or no bias, as the layer has it
    const products = backwardEntry(c, l, describeLayer(c, l).backward.preActivation, [0, i - 1]);
    const z = sumLine(unitSym('z', l, i), products.map((p) => productTex(p, ' ')));
    if (layer.activation === 'softmax') return z; // each activation reads every z of the layer: after them
    const a = `${unitSym('a', l, i)} &= ${f.apply(unitSym('z', l, i))}`;
    const drop = dropoutOf(c, l) > 0 ? [`${unitSym('\\tilde{a}', l, i)} &= ${unitSym('m', l, i)}\\, ${unitSym('a', l, i)}`] : [];
    return [...z, a, ...drop];
  });
  if (layer.activation !== 'softmax') return rows;
  return [...rows, ...oneTo(units).map((i) => `${unitSym('a', l, i)} &= ${softmaxEntry((j) => unitSym('z', l, j), i, units)}`)];
}

function lossRows(c: NetworkContext): string[] {
  const L = c.depth;
  const a = (k: number) => unitSym('a', L, k);
  const ks = oneTo(c.sizes[L]);
  switch (c.spec.loss) {
    case 'mse':
      return sumLine('\\ell', ks.map((k) => `${c.spec.lossConvention.half ? '\\frac{1}{2} ' : ''}\\left(${a(k)} - y_{${k}}\\right)^{2}`));
    case 'mae':
      return sumLine('\\ell', ks.map((k) => `\\left|${a(k)} - y_{${k}}\\right|`));
    case 'bce': {
      const term = (k: number) => `-y_{${k}} \\ln ${a(k)} - \\left(1 - y_{${k}}\\right) \\ln\\left(1 - ${a(k)}\\right)`;
      if (ks.length === 1) return [`\\ell &= ${term(1)}`];
      return sumLine('\\ell', ks.map((k) => `\\Bigl(${term(k)}\\Bigr)`));
    }
    case 'cce':
      return sumLine('\\ell', ks.map((k) => ({ negative: true, tex: `y_{${k}} \\ln ${a(k)}` })));
  }
}

function outputDeltaRows(c: NetworkContext): string[] {
  const L = c.depth;
  const a = (k: number) => unitSym('a', L, k);
  const ks = oneTo(c.sizes[L]);
  const lhs = (k: number) => `\\delta^{${L}}_{${k}}`;
  if (c.net.derivatives.outputError.delta !== undefined) return ks.map((k) => `${lhs(k)} &= ${outputDeltaTex(c, k)}`);
  // A softmax output under mse / mae: δ_k = a_k (g_k − Σ_j a_j g_j), the softmax Jacobian applied to g.
  const g = (k: number) => lossGradientTex(c, k);
  const mean = `\\bar{g} &= ${ks.map((j) => `${a(j)} ${g(j)}`).join(' + ')}`;
  return [mean, ...ks.map((k) => `${lhs(k)} &= ${a(k)} \\left(${g(k)} - \\bar{g}\\right)`)];
}

function hiddenDeltaRows(c: NetworkContext, l: number): string[] {
  const back = describeLayer(c, l + 1).backward.inputError;
  if (back === undefined) throw new Error(`layer ${l + 1} passes no error back`);
  return oneTo(c.sizes[l]).flatMap((j) => {
    // the fan-out terms of unit j, from what layer l + 1 passes back (Σ_i w_ij δ_i for a dense layer)
    const terms = backwardEntry(c, l + 1, back, [0, j - 1]).map((p) => productTex(p, ' '));
    const mask = dropoutOf(c, l) > 0 ? ` ${unitSym('m', l, j)}` : '';
    const d = derivativeFactor(c, l, j);
    const factor = `${mask}${d === undefined ? '' : ` ${d}`}`;
    if (factor === '') return sumLine(`\\delta^{${l}}_{${j}}`, terms);
    // The sum in brackets (\Bigl … \Bigr may span rows of a long sum), then the factor.
    const rows = sumLine(`\\delta^{${l}}_{${j}}`, terms, `\\Bigr)${factor}`);
    rows[0] = rows[0].replace('&= ', '&= \\Bigl(');
    return rows;
  });
}

/**
 * Every trained parameter entry's gradient of layer l as its chain-rule product,
 * expanded from the layer's derived backward pass, unit by unit (a unit's
 * weights, then its bias; a shared bias last). A frozen entry has none.
 */
function gradientRows(c: NetworkContext, l: number): string[] {
  const byUnit = (e: ParameterEntry) => e.unit ?? Infinity;
  return parameterEntries(c, l).filter((e) => !isFrozen(c, e.name)).sort((x, y) => byUnit(x) - byUnit(y)).map((e) => sumLine(partial('\\ell', e.symbol), e.products.map((p) => productTex(p, ' ')))).flat();
}
