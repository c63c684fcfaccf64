import type { NodeId } from '../../../ir/graph.js';
import type { RowProgram } from '../../../lower/row-program.js';
import { numberLiteral } from '../format.js';

/**
 * Σ_rows ln(1 + q_r) = ln Π_rows (1 + q_r): the ln(1 + e^{−|z|}) terms of a
 * bce loss summed over the rows take one `Math.log1p` per step, not one per
 * row. The product less one, m = Π (1 + q) − 1, is accumulated as
 * m ← m + q (1 + m) — every term ≥ 0, so no cancellation: a few ulp of
 * relative error per row, like the sum's own additions — and taken as
 * ln(1 + m) after the loop (or inside it, before m could overflow: K terms
 * per row grow 1 + m at most 2^K-fold).
 */

/** The bce_logits nodes computed per row whose only users are sums or means over the rows (not roots). */
export function onlySummedOverRows(program: RowProgram, roots: ReadonlyMap<NodeId, string>): ReadonlySet<NodeId> {
  const g = program.graph;
  const users = new Map<NodeId, NodeId[]>();
  for (const id of program.order) for (const a of g.node(id).args) users.set(a, [...(users.get(a) ?? []), id]);
  const summed = (u: NodeId) => program.phase.get(u) === 'accumulate' && (g.node(u).op === 'sum' || g.node(u).op === 'mean');
  const result = new Set<NodeId>();
  for (const id of program.order) {
    if (g.node(id).op !== 'bce_logits' || program.phase.get(id) !== 'row' || roots.has(id)) continue;
    const us = users.get(id) ?? [];
    if (us.length > 0 && us.every(summed)) result.add(id);
  }
  return result;
}

/**
 * For every accumulator `acc[j]` whose terms include elements with a log
 * term (`logTerms`: element name → its q), the product accumulator: declared
 * with the sums, updated per row, folded into the sum after the loop.
 */
export function mergeLogs(
  terms: readonly (readonly string[])[],
  acc: readonly string[],
  logTerms: ReadonlyMap<string, string>,
  blocks: { sums: string[]; row: string[]; fold: string[] },
): void {
  terms.forEach((elementTerms, j) => {
    const qs = elementTerms.flatMap((t) => logTerms.get(t) ?? []);
    if (qs.length === 0) return;
    const m = `m${acc[j]}`;
    const limit = numberLiteral(2 ** (1020 - qs.length)); // (1 + m) 2^K stays finite
    blocks.sums.push(`let ${m} = 0;`);
    blocks.row.push(
      `// ${m} = Π_rows (1 + q) − 1: ${acc[j]} gets its ln(1 + q) terms as one ln(1 + ${m})`,
      ...qs.map((q) => `${m} += ${q} * (1 + ${m});`),
      `if (${m} > ${limit}) {`,
      `${acc[j]} += Math.log1p(${m});`,
      `${m} = 0;`,
      '}',
    );
    blocks.fold.push(`${acc[j]} += Math.log1p(${m}); // Σ_rows ln(1 + q) = ln Π_rows (1 + q)`);
  });
}
