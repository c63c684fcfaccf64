import { Graph, type NodeId, verifyGraph } from '../../src/ir/graph.js';
import { type Shape, sizeOf } from '../../src/ir/shape.js';
import { evaluateGraph } from '../../src/ir/evaluate.js';
import { differentiate } from '../../src/passes/differentiate.js';
import { FD_STEP, expectClose } from './numeric.js';
import { seededRandom, uniform } from './random.js';

/**
 * Finite-difference checks for tensor graphs: every element of every input
 * is perturbed, and the gradient (or Hessian-vector product) that
 * differentiate() builds as IR is evaluated with the interpreter.
 */

export type Values = Record<string, number[]>;
export type Shapes = Readonly<Record<string, Shape>>;

/** Builds a tensor expression from variables named after `shapes`. */
export type Build = (g: Graph, v: Readonly<Record<string, NodeId>>) => NodeId;

/** Uniform random values for each input, in [lo, hi) unless `domain` says otherwise. */
export function randomValues(
  seed: number,
  shapes: Shapes,
  domain: Readonly<Record<string, readonly [number, number]>> = {},
): Values {
  const random = seededRandom(seed);
  const out: Values = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const [lo, hi] = domain[name] ?? [-2, 2];
    out[name] = Array.from({ length: sizeOf(shape) }, () => uniform(random, lo, hi));
  }
  return out;
}

/** A graph with one variable per input and the expression built on them. */
export function buildGraph(shapes: Shapes, build: Build): { g: Graph; v: Record<string, NodeId>; out: NodeId } {
  const g = new Graph();
  const v: Record<string, NodeId> = {};
  for (const [name, shape] of Object.entries(shapes)) v[name] = g.variable(name, shape);
  return { g, v, out: build(g, v) };
}

/** The value of `root` as a flat array, expanded to `size` when it is a (symbolic-zero) scalar. */
export function valueOf(g: Graph, root: NodeId, values: Values, size?: number): number[] {
  const t = evaluateGraph(g, [root], values).get(root);
  if (!t) throw new Error(`no value for %${root}`);
  const data = [...t.data];
  return size !== undefined && data.length === 1 && size !== 1 ? new Array<number>(size).fill(data[0]) : data;
}

/** Every partial derivative of the scalar `root` wrt input `name`, by central differences. */
export function differencesOf(g: Graph, root: NodeId, values: Values, name: string, h = FD_STEP): number[] {
  const at = (i: number, delta: number) => {
    const shifted = { ...values, [name]: [...values[name]] };
    shifted[name][i] += delta;
    return valueOf(g, root, shifted)[0];
  };
  return values[name].map((_, i) => (at(i, h) - at(i, -h)) / (2 * h));
}

/**
 * L = Σ f(build(args)) ⊙ R with a fixed random weight R (an input named `R`):
 * every output element reaches L with its own weight, so the check sees
 * every entry of the vjp. `outer` is applied before weighting (identity by default).
 */
export function weightedLoss(shapes: Shapes, build: Build, outer?: (g: Graph, x: NodeId) => NodeId) {
  let weightShape: Shape = [];
  const built = buildGraph(shapes, (g, v) => {
    const y = build(g, v);
    weightShape = g.shapeOf(y);
    const r = g.variable('R', weightShape);
    return g.apply('sum', [g.mul(outer ? outer(g, y) : y, r)]);
  });
  return { ...built, weightShape };
}

export interface CheckOptions {
  readonly seed?: number;
  readonly domain?: Readonly<Record<string, readonly [number, number]>>;
  readonly rtol?: number;
  readonly atol?: number;
}

/** Checks ∂L/∂(each input) built by differentiate() against central differences of L. */
export function checkGradient(g: Graph, loss: NodeId, v: Record<string, NodeId>, values: Values, opts: CheckOptions = {}): void {
  const names = Object.keys(v);
  const d = differentiate(g, loss, names.map((n) => v[n]));
  verifyGraph(d.graph);
  names.forEach((name, i) => {
    const symbolic = valueOf(d.graph, d.gradient[i], values, values[name].length);
    const numeric = differencesOf(g, loss, values, name);
    expectClose(symbolic, numeric, opts.rtol ?? 1e-6, opts.atol ?? 1e-6, `dL/d${name}`);
  });
}

/**
 * Second derivatives: with the gradient G(x) = ∇L (IR from differentiate()),
 * builds s = Σ_inputs Σ G ⊙ V for a fixed random direction V and
 * differentiates s again, giving H V; compares it with central differences of
 * the evaluated gradient along V, (G(x + hV) − G(x − hV)) / 2h.
 */
export function checkHessianVector(
  g: Graph,
  loss: NodeId,
  v: Record<string, NodeId>,
  values: Values,
  opts: CheckOptions = {},
): void {
  const names = Object.keys(v);
  const wrt = names.map((n) => v[n]);
  const first = differentiate(g, loss, wrt);
  const h2 = first.graph;
  const direction = randomValues((opts.seed ?? 1) + 7, Object.fromEntries(names.map((n) => [n, h2.shapeOf(v[n])])));
  const dirVars = names.map((n) => h2.variable(`V_${n}`, h2.shapeOf(v[n])));
  const terms = names.map((_, i) => h2.apply('sum', [h2.mul(first.gradient[i], dirVars[i])]));
  const s = terms.reduce((acc, t) => h2.add(acc, t));
  const second = differentiate(h2, s, wrt);
  verifyGraph(second.graph);
  const withDir: Values = { ...values };
  names.forEach((n) => (withDir[`V_${n}`] = direction[n]));

  const step = 1e-5;
  const shifted = (sign: number): Values => {
    const out: Values = { ...withDir };
    names.forEach((n) => (out[n] = values[n].map((x, i) => x + sign * step * direction[n][i])));
    return out;
  };
  const plus = shifted(1);
  const minus = shifted(-1);
  names.forEach((name, i) => {
    const size = values[name].length;
    const hv = valueOf(second.graph, second.gradient[i], withDir, size);
    const gp = valueOf(h2, first.gradient[i], plus, size);
    const gm = valueOf(h2, first.gradient[i], minus, size);
    const numeric = gp.map((x, k) => (x - gm[k]) / (2 * step));
    expectClose(hv, numeric, opts.rtol ?? 1e-6, opts.atol ?? 1e-6, `(H V)_${name}`);
  });
}
