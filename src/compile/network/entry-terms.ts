import type { Graph, NodeId } from '../../ir/graph.js';
import { type ConcreteShape, isConcrete } from '../../ir/shape.js';

/** One entry of a leaf (a variable): the leaf and its multi-index. */
export interface LeafEntry {
  readonly leaf: NodeId;
  readonly index: readonly number[];
}

/** A product c · f₁ · f₂ ⋯ of leaf entries. */
export interface ProductTerm {
  readonly coefficient: number;
  readonly factors: readonly LeafEntry[];
}

/**
 * One entry of a (small, concrete-shaped) tensor expression written out as
 * a sum of products of leaf entries, following each op's definition: the
 * entry (i, j) of matmul_tn(D, A) = Σ_r D_ri A_rj, of sum_to(D, [n]) the
 * D entries that broadcast to i, of an entrywise product the product of the
 * entries. This is how the notes write a gradient entry as its chain-rule
 * product (∂ℓ/∂w_ij = δ_i a_j) and a sum of fan-out terms one by one
 * (Σ_i w_ij δ_i), from the derived graph rather than by hand.
 */
export function entryTerms(g: Graph, id: NodeId, index: readonly number[]): ProductTerm[] {
  const n = g.node(id);
  const args = n.args;
  switch (n.op) {
    case 'var':
      return [{ coefficient: 1, factors: [{ leaf: id, index }] }];
    case 'const':
      return [{ coefficient: n.attrs.value ?? NaN, factors: [] }];
    case 'add':
      return [...entryTerms(g, args[0], source(g, args[0], id, index)), ...entryTerms(g, args[1], source(g, args[1], id, index))];
    case 'sub':
      return [...entryTerms(g, args[0], source(g, args[0], id, index)), ...negated(entryTerms(g, args[1], source(g, args[1], id, index)))];
    case 'neg':
      return negated(entryTerms(g, args[0], index));
    case 'mul':
      return product(entryTerms(g, args[0], source(g, args[0], id, index)), entryTerms(g, args[1], source(g, args[1], id, index)));
    case 'broadcast_to':
      return entryTerms(g, args[0], source(g, args[0], id, index));
    case 'sum_to':
    case 'sum':
      // every entry of x that broadcasts to this one
      return entriesOf(shape(g, args[0])).filter((k) => sameIndex(source(g, id, args[0], k), index))
        .flatMap((k) => entryTerms(g, args[0], k));
    case 'matmul':
    case 'matmul_nt':
    case 'matmul_tn': {
      const [i, j] = index;
      const ta = n.op === 'matmul_tn';
      const tb = n.op === 'matmul_nt';
      const inner = shape(g, args[0])[ta ? 0 : 1];
      return Array.from({ length: inner }, (_v, r) => product(
        entryTerms(g, args[0], ta ? [r, i] : [i, r]),
        entryTerms(g, args[1], tb ? [j, r] : [r, j]),
      )).flat();
    }
    default:
      throw new Error(`entryTerms: ${n.op} is not written out entry by entry (a layer's backward pass uses products, sums and broadcasts)`);
  }
}

/** The index in `arg` that entry `index` of `node` reads under broadcasting (NumPy rules, trailing axes aligned). */
function source(g: Graph, arg: NodeId, node: NodeId, index: readonly number[]): number[] {
  const small = shape(g, arg);
  const offset = shape(g, node).length - small.length;
  return small.map((d, k) => (d === 1 ? 0 : index[k + offset]));
}

function shape(g: Graph, id: NodeId): ConcreteShape {
  const s = g.shapeOf(id);
  if (!isConcrete(s)) throw new Error(`entryTerms: node ${id} has a symbolic shape`);
  return s;
}

/** Every multi-index of a shape, row-major. */
function entriesOf(s: ConcreteShape): number[][] {
  return s.reduce<number[][]>((acc, d) => acc.flatMap((prefix) => Array.from({ length: d }, (_v, k) => [...prefix, k])), [[]]);
}

function sameIndex(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

function negated(terms: ProductTerm[]): ProductTerm[] {
  return terms.map((t) => ({ ...t, coefficient: -t.coefficient }));
}

/** (Σ a)(Σ b) expanded. */
function product(a: readonly ProductTerm[], b: readonly ProductTerm[]): ProductTerm[] {
  return a.flatMap((s) => b.map((t) => ({ coefficient: s.coefficient * t.coefficient, factors: [...s.factors, ...t.factors] })));
}
