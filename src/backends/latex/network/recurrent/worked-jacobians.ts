import type { SequenceWorkedValues } from '../../../../compile/network/sequence-worked-values.js';
import { numberTable } from '../number-table.js';
import type { SequenceContext } from './recurrence.js';

/** Jacobi sweeps at most for a Jacobian's singular values (a few suffice: convergence is quadratic). */
const MAX_SWEEPS = 50;

/**
 * The vanishing/exploding story in numbers, for each Elman layer: the
 * Jacobian of a step, J_t = ∂h_t/∂h_{t−1} = diag(f′(z_t)) U (tanh′ = 1 − h_t²,
 * relu′ = H(z_t)), its size ‖J_t‖₂ (the largest singular value) at every
 * step, and the running product ∏_{u=t}^{T} ‖J_u‖₂, which bounds how much
 * of a gradient arriving at h_T is left when it reaches h_{t−1}
 * (‖∂ℓ/∂h_{t−1}‖ ≤ ∏ ‖J_u‖₂ · ‖∂ℓ/∂h_T‖).
 */
export function writeJacobianProducts(c: SequenceContext, v: SequenceWorkedValues, tagged: (entry: string) => string): void {
  const { net, out } = c;
  if (v.steps < 2) return;
  net.spec.recurrent.forEach((layer, index) => {
    if (layer.kind !== 'rnn') return;
    const l = index + 1;
    const j = v.stateNames.indexOf(`h${l}`);
    const U = v.params[`U${l}`];
    const n = layer.units;
    // f′(z_t) from h_t itself: tanh′ = 1 − h², relu′ = H(z) (h > 0 exactly when z > 0)
    const slope = (h: number) => (layer.activation === 'tanh' ? 1 - h * h : h > 0 ? 1 : 0);
    let product = 1;
    const rows: string[][] = [];
    for (let t = v.steps; t >= 2; t--) {
      const h = v.states[t][j];
      const J = Array.from({ length: n }, (_r, r) => Array.from({ length: n }, (_k, k) => slope(h[r]) * U[r * n + k]));
      const norm = spectralNorm(J);
      product *= norm;
      const Jt = tagged(`J^{${l}}_{${t}}`);
      rows.push([out.inline(String(t)), out.numberCell(norm, `\\lVert ${Jt} \\rVert_{2}`),
        out.numberCell(product, `\\prod_{u=${t}}^{${v.steps}} \\lVert ${tagged(`J^{${l}}_{u}`)} \\rVert_{2}`)]);
    }
    const f = layer.activation === 'tanh' ? `1 - \\left(h^{${l}}_{t}\\right)^{2}` : `H\\left(z^{${l}}_{t}\\right)`;
    out.paragraph(`How far back the gradient reaches (layer ${l}): each step back multiplies by the Jacobian `
      + `${out.inline(`J^{${l}}_{t} = \\partial h^{${l}}_{t} / \\partial h^{${l}}_{t-1} = \\operatorname{diag}\\left(${f}\\right) U^{${l}}`)}, `
      + `whose size ${out.inline(`\\lVert J^{${l}}_{t} \\rVert_{2}`)} (its largest singular value) at this sequence's states is below; `
      + `the running product bounds what is left of a gradient at ${out.inline(`h^{${l}}_{${v.steps}}`)} by the time it reaches `
      + `${out.inline(`h^{${l}}_{t-1}`)}: below 1 it shrinks geometrically (vanishing), above 1 it can grow (exploding).`);
    numberTable(out, 'lll', [out.inline('t'), out.inline(`\\lVert J^{${l}}_{t} \\rVert_{2}`), out.inline(`\\prod_{u=t}^{${v.steps}} \\lVert J^{${l}}_{u} \\rVert_{2}`)], rows);
  });
}

/**
 * The largest singular value of a square matrix: √ of the largest eigenvalue
 * of the symmetric JᵀJ, by cyclic Jacobi rotations (each zeroes one
 * off-diagonal entry; sweeps until the off-diagonal part vanishes).
 */
export function spectralNorm(J: readonly (readonly number[])[]): number {
  const n = J.length;
  const A = Array.from({ length: n }, (_r, r) => Array.from({ length: n }, (_k, k) => J.reduce((s, row) => s + row[r] * row[k], 0)));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p][q] * A[p][q];
    if (off === 0 || off < 1e-30 * A.reduce((s, row, i) => s + row[i] * row[i], 0)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        // the rotation by θ with tan 2θ = 2a_pq / (a_qq − a_pp) zeroes a_pq
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [A[k][p], A[k][q]];
          A[k][p] = cos * akp - sin * akq;
          A[k][q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [A[p][k], A[q][k]];
          A[p][k] = cos * apk - sin * aqk;
          A[q][k] = sin * apk + cos * aqk;
        }
      }
    }
  }
  return Math.sqrt(Math.max(0, ...A.map((row, i) => row[i])));
}
