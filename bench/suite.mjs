// The benchmark items: expression source, variables, input points and the
// hand-written gradient to compare against.
import { chainRuleGrad, productGrad, sinChainGrad, sinPairSumGrad, SIN_DEPTH } from './handwritten.mjs';
import { POINT_COUNT } from './timing.mjs';
import { seededRandom } from '../dist/util/seeded-random.js';

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const xs = (n) => range(n, (i) => `x${i + 1}`);

/** Deterministic inputs, so every run times the same work. */
const random = seededRandom;

/** POINT_COUNT points in [lo, hi]^n, each a Float64Array. */
function points(n, lo, hi, seed) {
  const r = random(seed);
  return range(POINT_COUNT, () => Float64Array.from(range(n, () => lo + (hi - lo) * r())));
}

const PRODUCT_N = 50;
const PAIR_N = 100;

/**
 * Each item:
 *   name       export name of the generated functions (E, E_grad)
 *   source     the expression
 *   variables  parameter order (generated functions and gradients)
 *   points     inputs for the agreement check and the timing loops
 *   hand       { fn, call: 'positional' | 'array' } — how the hand-written gradient takes x
 *   mathjs     'simplify' (derivative() defaults) or 'constant' (simplify: false, then simplifyConstant)
 */
export const items = [
  {
    id: 'chain-rule',
    title: 'chain rule: cos(sin(x^2) + 3*x^2)',
    name: 'J',
    source: 'cos(sin(x^2) + 3*x^2)',
    variables: ['x'],
    points: points(1, -2, 2, 1),
    hand: { fn: chainRuleGrad, call: 'positional' },
    mathjs: 'simplify',
  },
  {
    id: 'product-50',
    title: `(i) product x1*…*x${PRODUCT_N}`,
    name: 'P',
    source: xs(PRODUCT_N).join('*'),
    variables: xs(PRODUCT_N),
    points: points(PRODUCT_N, 0.9, 1.1, 2),
    hand: { fn: productGrad, call: 'array' },
    mathjs: 'constant',
  },
  {
    id: 'sin-nest-100',
    title: `(ii) sin nested ${SIN_DEPTH} deep`,
    name: 'S',
    source: range(SIN_DEPTH, () => 'sin(').join('') + 'x' + ')'.repeat(SIN_DEPTH),
    variables: ['x'],
    points: points(1, -2, 2, 3),
    hand: { fn: sinChainGrad, call: 'positional' },
    mathjs: 'constant',
  },
  {
    id: 'sin-pairs-100',
    title: `(iii) Σ sin(x_i*x_{i+1}), ${PAIR_N} vars`,
    name: 'C',
    source: range(PAIR_N - 1, (i) => `sin(x${i + 1}*x${i + 2})`).join(' + '),
    variables: xs(PAIR_N),
    points: points(PAIR_N, -1.5, 1.5, 4),
    hand: { fn: sinPairSumGrad, call: 'array' },
    mathjs: 'constant',
  },
];

/** The item whose compile time is measured (the 100-variable expression (iii)). */
export const compileTimeItem = items.find((i) => i.id === 'sin-pairs-100');
