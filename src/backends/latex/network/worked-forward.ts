import type { WorkedExample } from '../../../compile/network/worked-values.js';
import { activationTex, softmaxEntry } from './activations.js';
import { type NetworkContext, layerOf, oneTo, parameterIndex, shown, shownOperand, unitSym } from './context.js';
import { type EntryProduct, type FactorSource, backwardEntry, describeLayer, productTex } from './layer-tex.js';

/** The numbers of one example and the parameters: where each factor of a product takes its value. */
export interface WorkedFrame {
  readonly example: WorkedExample;
  /** The parameter arrays (layout order) the pass runs with. */
  readonly params: readonly (readonly number[])[];
}

/** The value of a factor of layer l's products (a parameter entry, an entry of the layer's input, of its error δ^l). */
export function factorValue(c: NetworkContext, l: number, source: FactorSource, f: WorkedFrame): number {
  switch (source.kind) {
    case 'parameter':
      return f.params[parameterIndex(c, source.name)][source.offset];
    case 'input':
      // x, or layer l − 1's output: ã = m a after dropout
      return l === 1 ? f.example.x[source.unit] : f.example.a[l - 2][source.unit] * (f.example.mask[l - 2]?.[source.unit] ?? 1);
    case 'error':
      return f.example.delta[l - 1][source.unit];
  }
}

/** A sum of products with its numbers substituted, numbers multiplied with × as everywhere in the notes: `0.15 \times 0.05 + 0.2 \times 0.1 + 0.35`. */
export function productsWithNumbers(c: NetworkContext, l: number, products: readonly EntryProduct[], f: WorkedFrame): string {
  return products.map((p, k) => {
    const factors = p.factors.map((x) => shownOperand(c, factorValue(c, l, x.source, f), x.tex));
    const coefficient = p.coefficient === 1 ? [] : [String(p.coefficient)];
    const term = [...coefficient, ...factors].join(' \\times ');
    return k === 0 ? term : `+ ${term}`;
  }).join(' ');
}

/**
 * The forward pass of one example with its numbers: each unit's
 * pre-activation written out from its layer's graph (the weighted sum, then
 * its numbers, then the result), then its activation.
 */
export function forwardWorkingRows(c: NetworkContext, f: WorkedFrame): string[] {
  return oneTo(c.depth).flatMap((l) => {
    const z = describeLayer(c, l).backward.preActivation;
    const fn = activationTex(c, l);
    const layer = layerOf(c, l);
    return oneTo(c.sizes[l]).flatMap((k) => {
      const products = backwardEntry(c, l, z, [0, k - 1]);
      const zk = f.example.z[l - 1][k - 1];
      const ak = f.example.a[l - 1][k - 1];
      const zSym = unitSym('z', l, k);
      const aSym = unitSym('a', l, k);
      const zRows = equalities(zSym, [products.map((p) => productTex(p, ' ')).join(' + '), productsWithNumbers(c, l, products, f), shown(c, zk, zSym)]);
      if (layer.activation === 'softmax') return zRows; // its activations need every z of the layer: after them
      const aRow = layer.activation === 'linear'
        ? `${aSym} &= ${zSym} = ${shown(c, ak, aSym)}`
        : `${aSym} &= ${fn.apply(zSym)} = ${fn.apply(shown(c, zk, zSym))} = ${shown(c, ak, aSym)}`;
      return [...zRows, aRow, ...droppedRow(c, l, k, f)];
    }).concat(layer.activation === 'softmax' ? softmaxRows(c, l, f) : []);
  });
}

/** After dropout, what the next layer reads: ã^l_k = m^l_k a^l_k with the step's mask entry (1/(1 − p) or 0). */
function droppedRow(c: NetworkContext, l: number, k: number, f: WorkedFrame): string[] {
  const m = f.example.mask[l - 1]?.[k - 1];
  if (m === undefined) return [];
  const [mSym, aSym, sym] = [unitSym('m', l, k), unitSym('a', l, k), unitSym('\\tilde{a}', l, k)];
  const a = f.example.a[l - 1][k - 1];
  return [`${sym} &= ${mSym}\\, ${aSym} = ${shownOperand(c, m, mSym)} \\times ${shownOperand(c, a, aSym)} = ${shown(c, m * a, sym)}`];
}

/** A softmax layer's activations, each from every logit of the layer: the formula, the logits' numbers in it, the value. */
function softmaxRows(c: NetworkContext, l: number, f: WorkedFrame): string[] {
  const z = f.example.z[l - 1];
  return oneTo(c.sizes[l]).flatMap((k) => {
    const aSym = unitSym('a', l, k);
    return equalities(aSym, [softmaxEntry((j) => unitSym('z', l, j), k, c.sizes[l]),
      softmaxEntry((j) => shown(c, z[Number(j) - 1], unitSym('z', l, j)), k, c.sizes[l]), shown(c, f.example.a[l - 1][k - 1], aSym)]);
  });
}

/** The loss of one example, output by output (the loss's own formula with the numbers substituted), then summed. */
export function lossWorkingRows(c: NetworkContext, f: WorkedFrame, suffix = ''): string[] {
  const L = c.depth;
  const e = f.example;
  const ks = oneTo(c.sizes[L]);
  const a = (k: number) => shownOperand(c, e.a[L - 1][k - 1], unitSym('a', L, k));
  const y = (k: number) => shownOperand(c, e.y[k - 1], `y_{${k}}`);
  const { half } = c.spec.lossConvention;
  // with numbers, a number before ln is multiplied by ×: 1 \times \ln 0.36, never 1 \ln 0.36
  const term = (k: number, sym: (k: number) => string, yk: (k: number) => string, numbers: boolean): string => {
    const times = numbers ? ' \\times ' : ' ';
    switch (c.spec.loss) {
      case 'mse':
        return `${half ? '\\frac{1}{2} ' : ''}\\left(${sym(k)} - ${yk(k)}\\right)^{2}`;
      case 'mae':
        return `\\left|${sym(k)} - ${yk(k)}\\right|`;
      case 'bce':
        return `-${yk(k)}${times}\\ln ${sym(k)} - \\left(1 - ${yk(k)}\\right)${times}\\ln\\left(1 - ${sym(k)}\\right)`;
      case 'cce':
        return `${yk(k)}${times}\\ln ${sym(k)}`;
    }
  };
  const symA = (k: number) => unitSym('a', L, k);
  const symY = (k: number) => `y_{${k}}`;
  const ell = `\\ell${suffix}`;
  if (c.spec.loss === 'cce') {
    // one loss per example: −Σ_k y_k ln a_k, written out over the classes as the node-by-node form writes it
    const terms = `-${ks.map((k) => term(k, symA, symY, false)).join(' - ')}`;
    const numbers = `-${ks.map((k) => term(k, a, y, true)).join(' - ')}`;
    return equalities(ell, [terms, numbers, shown(c, e.loss, ell)]);
  }
  const rows = ks.map((k) => {
    const lk = `\\ell${suffix}_{${k}}`;
    return equalities(lk, [term(k, symA, symY, false), term(k, a, y, true), shown(c, e.lossTerms[k - 1], lk)]);
  }).flat();
  if (ks.length === 1) return equalities(ell, [term(1, symA, symY, false), term(1, a, y, true), shown(c, e.loss, ell)]);
  const parts = ks.map((k) => `\\ell${suffix}_{${k}}`).join(' + ');
  const values = ks.map((k) => shownOperand(c, e.lossTerms[k - 1], `\\ell${suffix}_{${k}}`)).join(' + ');
  return [...rows, ...equalities(ell, [parts, values, shown(c, e.loss, ell)])];
}

/** The batch's loss from its examples' (mean or sum); with a penalty, R and L = ℓ + R (worked-penalty.ts). */
export function batchLossRows(c: NetworkContext, examples: readonly WorkedExample[], dataLoss: number): string[] {
  const B = examples.length;
  const rows: string[] = [];
  if (B > 1) {
    const mean = c.spec.lossConvention.reduction === 'mean';
    const parts = examples.map((_e, i) => `\\ell^{(${i + 1})}`).join(' + ');
    const values = examples.map((e, i) => shownOperand(c, e.loss, `\\ell^{(${i + 1})}`)).join(' + ');
    // a long batch breaks like every working row: the symbols, then the numbers and the value
    rows.push(...equalities('\\ell', mean
      ? [`\\frac{1}{${B}} \\left(${parts}\\right)`, `\\frac{1}{${B}} \\left(${values}\\right)`, shown(c, dataLoss, '\\ell')]
      : [parts, values, shown(c, dataLoss, '\\ell')]));
  }
  return rows;
}

/** Characters of TeX a row of the working holds before its chain of equalities continues on the next row. */
const ROW_BUDGET = 110;

/** `\left(x\right)` → `x`: a number as an operand and as a result are the same number. */
const unparenthesized = (tex: string): string => /^\\left\((.*)\\right\)$/.exec(tex)?.[1] ?? tex;

/**
 * `lhs &= p₁ = p₂ = …` (p₁ the symbols, then the numbers, last the value),
 * a part equal to the next one left out (a single factor is its own value).
 * When the row is longer than a line, the symbols stay alone on the first
 * row and the rest continues as `&= pₖ` rows (TeX characters as the measure),
 * so every long row of a block breaks at the same place.
 */
export function equalities(lhs: string, parts: readonly string[]): string[] {
  const kept = parts.filter((part, i) => i + 1 === parts.length || unparenthesized(part) !== unparenthesized(parts[i + 1]));
  const whole = `${lhs} &= ${kept.join(' = ')}`;
  if (whole.length <= ROW_BUDGET || kept.length === 1) return [whole];
  const rows = [`${lhs} &= ${kept[0]}`];
  let row = `&= ${kept[1]}`;
  for (const part of kept.slice(2)) {
    if (row.length + part.length + 3 > ROW_BUDGET) {
      rows.push(row);
      row = `&= ${part}`;
    } else {
      row += ` = ${part}`;
    }
  }
  return [...rows, row];
}
