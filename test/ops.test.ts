// Habit 1: every element-wise scalar op in the registry, evaluated and
// differentiated (once and twice) at seeded random points of its domain,
// against a reference written here and against central finite differences.
// Ops declared in TENSOR_OPS (matmul, reductions, losses, …) have their own
// table in tensor-ops.test.ts; every other op needs a row here.
import { describe, expect, it } from 'vitest';
import { Graph, type NodeId } from '../src/ir/graph.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { OPS, type OpName, TENSOR_OPS } from '../src/ops/registry.js';
import { differentiate, hessian } from '../src/passes/differentiate.js';
import { expectClose, gradientByDifferences, jacobianByDifferences } from './helpers/numeric.js';
import { seededRandom, uniform } from './helpers/random.js';

/** Where an argument is sampled: an interval, or ±[lo, hi] (away from 0, for kinks and poles at 0). */
type Domain = readonly [number, number] | { readonly awayFromZero: readonly [number, number] };

interface OpCase {
  /** The mathematical definition, written independently of src/ops. */
  readonly reference: (...xs: number[]) => number;
  /** One domain per argument. */
  readonly domains: readonly Domain[];
}

const ANY: Domain = [-3, 3];
const POSITIVE: Domain = [0.1, 5];
const NONZERO: Domain = { awayFromZero: [0.1, 3] };

/** Keyed by string, not OpName: an op added to OPS without a row here must fail at run time too. */
const CASES: Readonly<Record<string, OpCase>> = {
  add: { reference: (a, b) => a + b, domains: [ANY, ANY] },
  sub: { reference: (a, b) => a - b, domains: [ANY, ANY] },
  mul: { reference: (a, b) => a * b, domains: [ANY, ANY] },
  div: { reference: (a, b) => a / b, domains: [ANY, { awayFromZero: [0.5, 3] }] },
  pow: { reference: (a, b) => Math.exp(b * Math.log(a)), domains: [[0.5, 3], ANY] },
  neg: { reference: (x) => 0 - x, domains: [ANY] },
  sin: { reference: Math.sin, domains: [ANY] },
  cos: { reference: Math.cos, domains: [ANY] },
  tan: { reference: (x) => Math.sin(x) / Math.cos(x), domains: [[-1.2, 1.2]] },
  exp: { reference: (x) => Math.E ** x, domains: [ANY] },
  log: { reference: Math.log, domains: [POSITIVE] },
  sqrt: { reference: (x) => x ** 0.5, domains: [POSITIVE] },
  abs: { reference: (x) => (x < 0 ? -x : x), domains: [NONZERO] },
  tanh: { reference: (x) => (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1), domains: [ANY] },
  sign: { reference: (x) => (x < 0 ? -1 : 1), domains: [NONZERO] },
  sigmoid: { reference: (x) => 1 / (1 + Math.exp(-x)), domains: [ANY] },
  softplus: { reference: (x) => Math.log(1 + Math.exp(x)), domains: [ANY] },
  relu: { reference: (x) => Math.max(0, x), domains: [NONZERO] },
  step: { reference: (x) => (x > 0 ? 1 : 0), domains: [NONZERO] },
  log_sigmoid: { reference: (x) => -Math.log(1 + Math.exp(-x)), domains: [ANY] },
  asin: { reference: (x) => Math.atan(x / Math.sqrt(1 - x * x)), domains: [[-0.9, 0.9]] },
  acos: { reference: (x) => Math.PI / 2 - Math.atan(x / Math.sqrt(1 - x * x)), domains: [[-0.9, 0.9]] },
  atan: { reference: (x) => Math.asin(x / Math.sqrt(1 + x * x)), domains: [ANY] },
  // the half-angle form of the angle of (x, y), away from the cut along y = 0, x < 0
  atan2: { reference: (y, x) => 2 * Math.atan(y / (Math.sqrt(x * x + y * y) + x)), domains: [NONZERO, ANY] },
  sinh: { reference: (x) => (Math.exp(x) - Math.exp(-x)) / 2, domains: [ANY] },
  cosh: { reference: (x) => (Math.exp(x) + Math.exp(-x)) / 2, domains: [ANY] },
  // the inverse hyperbolic functions by their logarithms: arcosh from 1 (its slope is ∞ there), artanh inside (−1, 1)
  asinh: { reference: (x) => (x < 0 ? -1 : 1) * Math.log(Math.abs(x) + Math.sqrt(x * x + 1)), domains: [ANY] },
  acosh: { reference: (x) => Math.log(x + Math.sqrt(x * x - 1)), domains: [[1.1, 5]] },
  atanh: { reference: (x) => 0.5 * Math.log((1 + x) / (1 - x)), domains: [[-0.9, 0.9]] },
  expm1: { reference: (x) => Math.exp(x) - 1, domains: [ANY] },
  log1p: { reference: (x) => Math.log(1 + x), domains: [[-0.5, 3]] },
  log2: { reference: (x) => Math.log(x) / Math.log(2), domains: [POSITIVE] },
  log10: { reference: (x) => Math.log(x) / Math.log(10), domains: [POSITIVE] },
  cbrt: { reference: (x) => (x < 0 ? -1 : 1) * Math.exp(Math.log(Math.abs(x)) / 3), domains: [NONZERO] },
  hypot: { reference: (a, b) => Math.sqrt(a * a + b * b), domains: [NONZERO, NONZERO] },
  floor: { reference: (x) => floorOf(x), domains: [ANY] },
  ceil: { reference: (x) => -floorOf(-x), domains: [ANY] },
  round: { reference: (x) => floorOf(x + 0.5), domains: [ANY] },
  trunc: { reference: (x) => (x < 0 ? -floorOf(-x) : floorOf(x)), domains: [ANY] },
  max: { reference: (a, b) => (a > b ? a : b), domains: [ANY, ANY] },
  min: { reference: (a, b) => (a > b ? b : a), domains: [ANY, ANY] },
  select_lt: { reference: (a, b, x, y) => (b - a > 0 ? x : y), domains: [ANY, ANY, ANY, ANY] },
  select_le: { reference: (a, b, x, y) => (a - b > 0 ? y : x), domains: [ANY, ANY, ANY, ANY] },
  // random a and b are never equal: this row checks the y branch; the x branch is tested below
  select_eq: { reference: (_a, _b, _x, y) => y, domains: [ANY, ANY, ANY, ANY] },
};

/** ⌊x⌋ without Math.floor: the integer part, one less for a negative non-integer. */
function floorOf(x: number): number {
  const whole = x - (x % 1);
  return whole > x ? whole - 1 : whole;
}

const POINTS = 20;
/** Value vs reference: both are a few roundings from the true value. */
const VALUE_RTOL = 1e-12;
/** Derivatives vs central differences (h = 1e-6: truncation ~1e-12, rounding ~1e-10). */
const FD_RTOL = 1e-6;
const FD_ATOL = 1e-7;

function sample(random: () => number, domain: Domain): number {
  if ('awayFromZero' in domain) {
    const [lo, hi] = domain.awayFromZero;
    return (random() < 0.5 ? -1 : 1) * uniform(random, lo, hi);
  }
  return uniform(random, domain[0], domain[1]);
}

/** op(x0, x1, …) in a fresh graph, with its gradient and Hessian as interpreters over points. */
function buildOp(build: (g: Graph, vars: NodeId[]) => NodeId, arity: number) {
  const g = new Graph();
  const vars = Array.from({ length: arity }, (_, i) => g.variable(`x${i}`));
  const out = build(g, vars);
  const d = differentiate(g, out, vars);
  const h = hessian(d);
  const inputs = (x: readonly number[]) => Object.fromEntries(x.map((v, i) => [`x${i}`, v]));
  return {
    value: (x: readonly number[]) => evaluateScalars(g, [out], inputs(x))[0],
    gradient: (x: readonly number[]) => evaluateScalars(d.graph, d.gradient, inputs(x)),
    hessian: (x: readonly number[]) => evaluateScalars(h.graph, h.rows.flat(), inputs(x)),
  };
}

/** (b) and (c): first and second derivatives against central differences at x. */
function checkDerivatives(f: ReturnType<typeof buildOp>, x: readonly number[]): void {
  const at = `at (${x.join(', ')})`;
  expectClose(f.gradient(x), gradientByDifferences(f.value, x), FD_RTOL, FD_ATOL, `gradient ${at}`);
  expectClose(f.hessian(x), jacobianByDifferences(f.gradient, x).flat(), FD_RTOL, FD_ATOL, `Hessian ${at}`);
}

const tensorOps: readonly string[] = TENSOR_OPS;
const scalarOps = Object.keys(OPS).filter((op) => !tensorOps.includes(op));

describe.each(scalarOps)('op %s', (name) => {
  const op = name as OpName;
  const spec = CASES[op];

  it('has a row in the test table with a domain per argument', () => {
    expect(spec, `add '${op}' to CASES in test/ops.test.ts`).toBeDefined();
    expect(spec.domains).toHaveLength(OPS[op].arity);
  });

  it.runIf(spec)(`evaluates, and differentiates once and twice, at ${POINTS} random points`, () => {
    const f = buildOp((g, vars) => g.apply(op, vars), OPS[op].arity);
    const random = seededRandom(0x5eed + op.length * 7919 + op.charCodeAt(0));
    for (let k = 0; k < POINTS; k++) {
      const x = spec.domains.map((d) => sample(random, d));
      expectClose(f.value(x), spec.reference(...x), VALUE_RTOL, 1e-15, `${op}(${x.join(', ')})`);
      checkDerivatives(f, x);
    }
  });
});

describe('pow with a constant exponent (its own derivative rule)', () => {
  const cases: readonly { exponent: number; domain: Domain }[] = [
    { exponent: 2, domain: ANY },
    { exponent: 3, domain: ANY },
    { exponent: -1, domain: NONZERO },
    { exponent: -2.5, domain: POSITIVE },
    { exponent: 0.5, domain: POSITIVE },
  ];
  it.each(cases)('x^$exponent', ({ exponent, domain }) => {
    const f = buildOp((g, [x]) => g.pow(x, g.constant(exponent)), 1);
    const random = seededRandom(1000 + Math.round(exponent * 10));
    for (let k = 0; k < POINTS; k++) {
      const x = [sample(random, domain)];
      expectClose(f.value(x), x[0] ** exponent, VALUE_RTOL, 1e-15, `${x[0]}^${exponent}`);
      checkDerivatives(f, x);
    }
  });
});

describe('sigmoid and softplus saturate without overflow', () => {
  // At ±1000 e^{±1000} overflows or underflows; the true values round to these.
  const cases = [
    { op: 'sigmoid', x: 1000, value: 1, slope: 0 },
    { op: 'sigmoid', x: -1000, value: 0, slope: 0 },
    { op: 'softplus', x: 1000, value: 1000, slope: 1 },
    { op: 'softplus', x: -1000, value: 0, slope: 0 },
  ] as const;
  it.each(cases)('$op($x) = $value, slope $slope', ({ op, x, value, slope }) => {
    const f = buildOp((g, vars) => g.apply(op, vars), 1);
    expect(f.value([x])).toBe(value);
    expect(f.gradient([x])[0]).toBe(slope);
    const [curvature] = f.hessian([x]);
    expect(Number.isFinite(curvature)).toBe(true);
    expect(Math.abs(curvature)).toBeLessThan(1e-300);
  });
});

describe('x^y with a variable exponent at the edge of the base, x = 0', () => {
  // ∂/∂y x^y = x^y ln x is 0 · (−∞) in floating point; its limit as x → 0⁺ is 0 (y > 0).
  const f = buildOp((g, [x, y]) => g.pow(x, y), 2);
  it.each([2, 3, 0.5])('at (0, %d): value 0, gradient finite and exact', (y) => {
    expect(f.value([0, y])).toBe(0);
    // ∂/∂x = y·0^(y−1): 0 for y > 1, +∞ for y < 1 (the true one-sided slope)
    expect(f.gradient([0, y])).toEqual([y > 1 ? 0 : Infinity, 0]);
  });
  it('matches central differences at (0, 2) and (0, 3), where negative bases are defined', () => {
    for (const y of [2, 3]) expectClose(f.gradient([0, y]), gradientByDifferences(f.value, [0, y]), FD_RTOL, FD_ATOL);
  });
  it('Hessian at (0, 2): ∂²/∂x² = y(y−1)x^(y−2) = 2, the mixed and ∂²/∂y² terms → 0', () => {
    expect(f.hessian([0, 2])).toEqual([2, 0, 0, 0]);
  });
});

describe('select_eq takes its first branch where the arguments are equal', () => {
  const f = buildOp((g, [a, b, x, y]) => g.apply('select_eq', [a, b, x, y]), 4);
  it('value and derivative of the branch taken', () => {
    expect(f.value([1.5, 1.5, 7, 9])).toBe(7);
    expect(f.gradient([1.5, 1.5, 7, 9])).toEqual([0, 0, 1, 0]);
    expect(f.gradient([1.5, 2.5, 7, 9])).toEqual([0, 0, 0, 1]);
  });
});

describe('ln σ(x) is built as log_sigmoid = −softplus(−x)', () => {
  const f = buildOp((g, [x]) => g.call('log', g.call('sigmoid', x)), 1);
  it('is finite where σ(x) underflows: at x = −1000 the value is −1000 and the slope 1', () => {
    expect(f.value([-1000])).toBe(-1000);
    expect(f.gradient([-1000])).toEqual([1]);
    expect(f.hessian([-1000])[0]).toBe(-0);
  });
  it('at x = 1000: value 0, slope 0', () => {
    expect(Math.abs(f.value([1000]))).toBe(0);
    expect(f.gradient([1000])).toEqual([0]);
  });
  it('the rewrite happens when the node is built', () => {
    const g = new Graph();
    expect(g.node(g.call('log', g.call('sigmoid', g.variable('x')))).op).toBe('log_sigmoid');
  });
  it('σ spelled out, 1 / (1 + e^{−x}) or 1 / (e^u + 1), is recognised too (found: Math.log(1 / (1 + Math.exp(-z))) gave −∞ at z = −1000)', () => {
    const g = new Graph();
    const x = g.variable('x');
    const one = g.constant(1);
    const spelled = g.call('log', g.div(one, g.add(one, g.call('exp', g.neg(x)))));
    expect(g.node(spelled).op).toBe('log_sigmoid');
    expect(g.node(spelled).args).toEqual([x]);
    // 1 / (e^{2x} + 1) = σ(−2x)
    const twoX = g.mul(g.constant(2), x);
    const other = g.node(g.call('log', g.div(one, g.add(g.call('exp', twoX), one))));
    expect(other.op).toBe('log_sigmoid');
    expect(g.node(other.args[0])).toMatchObject({ op: 'neg', args: [twoX] });
    // not a sigmoid: 2 / (1 + e^x), 1 / (2 + e^x)
    expect(g.node(g.call('log', g.div(g.constant(2), g.add(one, g.call('exp', x))))).op).toBe('log');
    expect(g.node(g.call('log', g.div(one, g.add(g.constant(2), g.call('exp', x))))).op).toBe('log');
  });
});
