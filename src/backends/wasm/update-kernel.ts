import type { Scalar } from '../../compile/network/optimizers/rule.js';
import { stepScalarKey, thetaUpdatesOf, updateScalars, type StepScalar, type UpdateLoop } from '../../lower/update-loop.js';
import type { ElementKernel } from './element-kernel.js';
import { VECTOR, type Precision } from './vector.js';
import { advance, f64At, get, i32, set, whileFits, type WatFunction } from './wat.js';

/**
 * An optimizer's update rule (compile/network/optimizers/) as one SIMD loop
 * over a parameter array: `name(count, θ, ∂L/∂θ, state…, scalars…)` (every
 * argument an i32: the arrays' byte offsets, then the byte addresses of the
 * per-step scalars, f64s the caller wrote to its scalar block), a
 * vector of entries a pass, then the last entries one at a time. Each entry
 * is updated as the generated TypeScript step() updates it — the same tree,
 * the same IEEE operations in the same order (+ − × ÷ √ floor min max are
 * exact-rounded lane by lane, and nothing is fused) — so the two backends
 * agree bit for bit. Undefined when the rule reads an operation with no SIMD
 * form per entry (pow of an entry; a per-step pow is a step constant,
 * computed by the caller).
 */
export function updateKernel(loop: UpdateLoop, precision: Precision = 'f64'): ElementKernel | undefined {
  const v = VECTOR[precision];
  const { rule } = loop;
  const scalars = updateScalars(loop);
  const scalarIndex = (s: StepScalar) => scalars.findIndex((x) => stepScalarKey(x) === stepScalarKey(s));
  const states = rule.state.map((_, k) => k);
  let supported = true;
  // the vector expression of a rule expression; locals: g, th (θ), s<k> (old state), u<k> (new), k<j> (scalar j in every lane)
  const code = (e: Scalar): string => {
    switch (e.op) {
      case 'num': case 'hyper': return v.constant(e.value);
      case 'lr0': case 'pow': supported = false; return v.zero;
      case 'g': return get('g');
      case 'theta': return get('th');
      case 'state': return get(`s${e.index}`);
      case 'updated': return get(`u${e.index}`);
      case 'lr': case 't': case 'epoch': return get(`k${scalarIndex({ op: e.op })}`);
      case 'constant': return get(`k${scalarIndex({ op: 'constant', name: e.name })}`);
      case 'named': return code(e.value);
      case 'add': return v.add(code(e.a), code(e.b));
      case 'sub': return v.sub(code(e.a), code(e.b));
      case 'mul': return v.mul(code(e.a), code(e.b));
      case 'div': return v.div(code(e.a), code(e.b));
      case 'sqrt': return v.sqrt(code(e.a));
      case 'floor': return v.floor(code(e.a));
    }
  };
  // pointers: p0 θ, p1 ∂L/∂θ, p2… the state arrays
  const pointers = ['p0', 'p1', ...states.map((k) => `p${k + 2}`)];
  const load = (pointer: string, count: number) => (count === v.lanes ? v.load(get(pointer), 0) : v.loadPart(get(pointer), 0, count));
  const store = (pointer: string, local: string, count: number) =>
    count === v.lanes ? v.store(get(pointer), 0, get(local)) : v.storePart(get(pointer), 0, get(local), count);
  const scaleIndex = scalarIndex({ op: 'scale' });
  const pass = (count: number): string[] => {
    let g = load('p1', count);
    if (loop.scaled) g = v.mul(g, get(`k${scaleIndex}`));
    if (loop.clipValue !== undefined) g = v.max(v.constant(-loop.clipValue), v.min(v.constant(loop.clipValue), g));
    return [
      set('g', g),
      set('th', load('p0', count)),
      ...states.map((k) => set(`s${k}`, load(`p${k + 2}`, count))),
      // every state's new value, then the stores, then θ's updates in order: as step() does
      ...rule.stateUpdates.map((u, k) => set(`u${k}`, code(u))),
      ...states.map((k) => store(`p${k + 2}`, `u${k}`, count)),
      ...thetaUpdatesOf(loop).map((u) => set('th', v.sub(get('th'), code(u.amount)))),
      store('p0', 'th', count),
      ...pointers.map((p) => advance(p, count * v.bytes)),
    ];
  };
  const body = [
    ...scalars.map((_, j) => set(`k${j}`, v.splatScalar(f64At(get(`x${j}`))))),
    ...pointers.map((p, j) => set(p, get(`b${j}`))),
    set('i', i32(0)),
    ...whileFits('entries', 'i', v.lanes, get('n'), pass(v.lanes)),
    ...whileFits('rest', 'i', 1, get('n'), pass(1)),
  ];
  if (!supported) return undefined;
  const fn: WatFunction = {
    name: '', // named by its text
    doc: `${rule.summary}${loop.weights ? '' : ' (no weight-only updates)'}${loop.scaled ? ', g scaled' : ''}${loop.clipValue === undefined ? '' : `, g clipped to ±${loop.clipValue}`} (${precision})`,
    params: ['n', ...pointers.map((_, j) => `b${j}`), ...scalars.map((_, j) => `x${j}`)],
    i32Locals: ['i', ...pointers],
    v128Locals: ['g', 'th', ...states.flatMap((k) => [`s${k}`, `u${k}`]), ...scalars.map((_, j) => `k${j}`)],
    body,
  };
  return { fn, helpers: new Set(), precision, arrays: pointers, scalars: scalars.map((s) => (s.op === 'constant' ? s.name : s.op)), prefix: 'update' };
}
