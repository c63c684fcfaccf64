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
};

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
