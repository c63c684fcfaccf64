import { partial } from '../tex-print.js';
import { activationTex } from './activations.js';
import {
  type NetworkContext, hiddenLayersBackward, layerOf, oneTo, outputEntry, parameterIndex, shown, shownOperand, unitSym,
} from './context.js';
import { type EntryProduct, backwardEntry, describeLayer, parameterEntries, productTex } from './layer-tex.js';
import { lossGradientTex, outputDeltaTex } from './loss.js';
import { type WorkedFrame, equalities, factorValue, productsWithNumbers } from './worked-forward.js';

/** How a unit's δ is made: the error arriving at its output times f′(z), when both are shown (not for a fused loss or softmax). */
function isChained(c: NetworkContext, l: number, f: WorkedFrame): boolean {
  return f.example.dA[l - 1] !== undefined && f.example.derivative[l - 1] !== undefined;
}

/** f′(z^l_k) as a symbol: σ′(z^{2}_{1}). */
function derivativeSym(c: NetworkContext, l: number, k: number): string {
  return `${activationTex(c, l).name}'\\left(${unitSym('z', l, k)}\\right)`;
}

/** The rows for f′(z^l_k): its derived formula, with the numbers substituted, and its value (nothing for a linear unit). */
function derivativeRows(c: NetworkContext, l: number, k: number, f: WorkedFrame): string[] {
  const fn = activationTex(c, l);
  const z = unitSym('z', l, k);
  const a = unitSym('a', l, k);
  const formula = fn.derivative(z, a, 'entry');
  if (formula === undefined || layerOf(c, l).activation === 'linear') return [];
  const numbers = fn.derivative(shownOperand(c, f.example.z[l - 1][k - 1], z), shownOperand(c, f.example.a[l - 1][k - 1], a), 'entry');
  const value = f.example.derivative[l - 1]?.[k - 1] ?? NaN;
  const sym = derivativeSym(c, l, k);
  return [`${sym} &= ${formula}${numbers === formula ? '' : ` = ${numbers}`} = ${shown(c, value, sym)}`];
}

/**
 * The factors of δ^l_k: the error at the unit's output (∂ℓ/∂ã^l_k after
 * dropout, else ∂ℓ/∂a^l_k), the mask entry m^l_k after dropout (1/(1 − p)
 * or 0: ∂ã/∂a = m), and f′(z^l_k) (none for a linear unit); as symbols, or as their numbers (each recorded as it is printed).
 */
function deltaFactors(c: NetworkContext, l: number, k: number, f: WorkedFrame, numbers: boolean): string[] {
  const dA = partial('\\ell', outputEntry(c, l, k));
  const derivative = f.example.derivative[l - 1]?.[k - 1];
  const mask = f.example.mask[l - 1]?.[k - 1];
  const d = layerOf(c, l).activation === 'linear' || derivative === undefined ? undefined : derivativeSym(c, l, k);
  const factors = [
    { sym: dA, value: f.example.dA[l - 1]?.[k - 1] ?? NaN },
    ...(mask === undefined ? [] : [{ sym: unitSym('m', l, k), value: mask }]),
    ...(d === undefined ? [] : [{ sym: d, value: derivative ?? NaN }]),
  ];
  return factors.map((x) => (numbers ? shownOperand(c, x.value, x.sym) : x.sym));
}

/** δ^l_k = ∂ℓ/∂a^l_k · f′(z^l_k) (∂ℓ/∂ã^l_k · m^l_k · f′(z^l_k) after dropout), symbols then numbers then the value. */
function chainedDeltaRow(c: NetworkContext, l: number, k: number, f: WorkedFrame): string {
  const delta = unitSym('\\delta', l, k);
  const symbols = deltaFactors(c, l, k, f, false);
  if (symbols.length === 1) return `${delta} &= ${symbols[0]} = ${shown(c, f.example.delta[l - 1][k - 1], delta)}`;
  const numbers = deltaFactors(c, l, k, f, true);
  return `${delta} &= ${symbols.join(' \\, ')} = ${numbers.join(' \\times ')} = ${shown(c, f.example.delta[l - 1][k - 1], delta)}`;
}

/**
 * The backward pass of one example in numbers: the output error (through
 * the loss's derivative and the output's f′, or directly for a fused loss),
 * then for each hidden unit the terms arriving from every unit it feeds, one
 * by one and summed, its f′ and its δ.
 */
export function backwardWorkingRows(c: NetworkContext, f: WorkedFrame): string[] {
  const L = c.depth;
  const e = f.example;
  const rows: string[] = [];
  for (const k of oneTo(c.sizes[L])) {
    const delta = unitSym('\\delta', L, k);
    if (!isChained(c, L, f)) {
      const numbers = { z: shownOperand(c, e.z[L - 1][k - 1], unitSym('z', L, k)), a: shownOperand(c, e.a[L - 1][k - 1], unitSym('a', L, k)),
        y: shownOperand(c, e.y[k - 1], `y_{${k}}`) };
      const derived = c.net.derivatives.outputError.delta !== undefined;
      rows.push(derived
        ? `${delta} &= ${outputDeltaTex(c, k)} = ${outputDeltaTex(c, k, numbers)} = ${shown(c, e.delta[L - 1][k - 1], delta)}`
        : `${delta} &= ${shown(c, e.delta[L - 1][k - 1], delta)}`);
      continue;
    }
    const dA = partial('\\ell', unitSym('a', L, k));
    const numbers = { z: shownOperand(c, e.z[L - 1][k - 1], unitSym('z', L, k)), a: shownOperand(c, e.a[L - 1][k - 1], unitSym('a', L, k)),
      y: shownOperand(c, e.y[k - 1], `y_{${k}}`) };
    rows.push(`${dA} &= ${lossGradientTex(c, k, false)} = ${lossGradientTex(c, k, false, numbers)} = ${shown(c, e.dA[L - 1]?.[k - 1] ?? NaN, dA)}`);
    rows.push(...derivativeRows(c, L, k, f), chainedDeltaRow(c, L, k, f));
  }
  for (const l of hiddenLayersBackward(c)) {
    const back = describeLayer(c, l + 1).backward.inputError;
    if (back === undefined) continue;
    for (const j of oneTo(c.sizes[l])) {
      // the terms arriving at unit j from every unit of layer l + 1 it feeds, one by one, then summed
      const products = backwardEntry(c, l + 1, back, [0, j - 1]);
      const dA = partial('\\ell', outputEntry(c, l, j));
      const termValues = products.map((p) => productValue(c, l + 1, p, f));
      const terms = products.length > 1 ? [termValues.map((v, i) => (i === 0 ? shown(c, v, dA) : shownOperand(c, v, dA))).join(' + ')] : [];
      rows.push(...equalities(dA, [products.map((p) => productTex(p, ' ')).join(' + '), productsWithNumbers(c, l + 1, products, f), ...terms,
        shown(c, e.dA[l - 1]?.[j - 1] ?? NaN, dA)]));
      rows.push(...derivativeRows(c, l, j, f), chainedDeltaRow(c, l, j, f));
    }
  }
  return rows;
}

/** The product of a term's factors' values (its coefficient included): a fan-out term w_ij δ_i, shown before it is summed. */
function productValue(c: NetworkContext, l: number, p: EntryProduct, f: WorkedFrame): number {
  return p.factors.reduce((v, x) => v * factorValue(c, l, x.source, f), p.coefficient);
}

/**
 * Every trained parameter entry's gradient for one example as its chain-rule
 * product: each δ written as what makes it (∂ℓ/∂a · f′(z), as the rows above
 * computed it), then the numbers multiplied, then the result.
 */
export function gradientWorkingRows(c: NetworkContext, f: WorkedFrame, gradient: readonly (readonly number[] | undefined)[]): string[] {
  return oneTo(c.depth).flatMap((l) => parameterEntries(c, l).flatMap((entry) => {
    const values = gradient[parameterIndex(c, entry.name)];
    if (values === undefined) return []; // frozen
    const chained = isChained(c, l, f);
    const expand = (p: EntryProduct, numbers: boolean): string => p.factors.flatMap((x) => {
      if (x.source.kind !== 'error' || !chained) {
        return [numbers ? shownOperand(c, factorValue(c, l, x.source, f), x.tex) : x.tex];
      }
      return deltaFactors(c, l, x.source.unit + 1, f, numbers);
    }).join(numbers ? ' \\times ' : ' \\, ');
    const lhs = partial('\\ell', entry.symbol);
    const symbolic = entry.products.map((p) => expand(p, false)).join(' + ');
    const numeric = entry.products.map((p) => expand(p, true)).join(' + ');
    return equalities(lhs, [symbolic, numeric, shown(c, values[entry.offset], lhs)]);
  }));
}
