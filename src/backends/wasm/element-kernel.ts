import { elementOperands, type ElementLoop, type ElementTree } from '../../lower/element-loop.js';
import { allLanes, WASM_FORMS, type WasmForm } from './element-forms.js';
import type { SimdHelper } from './simd-math.js';
import { VECTOR, type Precision } from './vector.js';
import { advance, f64At, get, i32, set, whileFits, type WatFunction } from './wat.js';

/** An element-wise loop's kernel: its WAT function, the helpers it calls, and its arguments in call order. */
export interface ElementKernel {
  readonly fn: WatFunction;
  readonly helpers: ReadonlySet<SimdHelper>;
  /** The precision it computes in, which its helpers take: f64 (f64x2 vectors) or f32 (f32x4; an f32 trainer's logit rows compute in f64x2, row-kernel.ts). */
  readonly precision: Precision;
  /**
   * The arrays whose byte offsets follow n, then the scalars, as the call passes them: each scalar as the
   * byte address of an f64 in linear memory (the caller's scalar block; rounded to f32 in f32 mode).
   */
  readonly arrays: readonly string[];
  readonly scalars: readonly string[];
  /** The export name's prefix (default `map`): `update` for an optimizer's update, `rows` for a row kernel. */
  readonly prefix?: string;
}

/**
 * The loop out[i, j] = tree(i, j) as an f64x2 (or, in f32 mode, f32x4) kernel
 * `name(n, arrays…, out, scalars…)` (every argument an i32: the scalars are
 * the byte addresses of f64s, each read once into every lane of a vector
 * local before the loop): per row, a vector of elements a pass,
 * then the rest of the row as a part vector (its other lanes load +0 and are
 * not stored). Undefined when an op has no SIMD form (element-forms.ts) or
 * the row length is not a constant.
 */
export function elementKernel(loop: ElementLoop, precision: Precision = 'f64'): ElementKernel | undefined {
  const v = VECTOR[precision];
  if (!supported(loop.tree) || loop.rows === 'T') return undefined;
  const { arrays, scalars } = elementOperands(loop.tree);
  const all = [...arrays, ...(arrays.includes(loop.out) ? [] : [loop.out])];
  const pointer = (name: string) => `p${all.indexOf(name)}`;
  const helpers = new Set<SimdHelper>();
  const accesses = new Map<string, string>();
  if (!collectAccess(loop.tree, accesses) || (accesses.has(loop.out) && accesses.get(loop.out) !== 'full')) return undefined;
  // a row's pass: full and col pointers move by the elements done; row pointers stay
  const value = (count: number) => tree(loop.tree, count);
  const tree = (t: ElementTree, count: number): string => {
    switch (t.kind) {
      case 'constant': return allLanes(precision, t.value);
      case 'scalar': return get(`k${scalars.indexOf(t.name)}`);
      case 'array': {
        const at = get(t.access === 'col' ? `c${all.indexOf(t.name)}` : t.access === 'first' ? `b${all.indexOf(t.name)}` : pointer(t.name));
        if (t.access === 'row' || t.access === 'first') return v.splat(at, 0);
        return count === v.lanes ? v.load(at, 0) : v.loadPart(at, 0, count);
      }
      case 'op': return (WASM_FORMS[t.op] as Exclude<WasmForm, null>)(t.args.map((a) => tree(a, count)), t.attrs, { precision, helpers });
    }
  };
  const moving = all.filter((a) => a === loop.out || ['full', 'col'].includes(accesses.get(a) ?? ''));
  const pass = (count: number): string[] => {
    const out = get(pointer(loop.out));
    const store = count === v.lanes ? v.store(out, 0, value(count)) : `(local.set $t ${value(count)}) ${v.storePart(out, 0, get('t'), count)}`;
    return [store, ...moving.map((a) => advance(accesses.get(a) === 'col' && a !== loop.out ? `c${all.indexOf(a)}` : pointer(a), count * v.bytes))];
  };
  const cols = loop.cols;
  const rowOf = (a: string) => accesses.get(a);
  const body = [
    ...scalars.map((_, k) => set(`k${k}`, v.splatScalar(f64At(get(`s${k}`))))),
    ...all.map((a, k) => set(`p${k}`, get(`b${k}`))),
    set('i', i32(0)),
    ...whileFits('rows', 'i', 1, loop.rows === 'n' ? get('n') : i32(loop.rows), [
      ...all.filter((a) => rowOf(a) === 'col' && a !== loop.out).map((a) => set(`c${all.indexOf(a)}`, get(`b${all.indexOf(a)}`))),
      set('j', i32(0)),
      ...whileFits('cols', 'j', v.lanes, i32(cols), pass(v.lanes)),
      ...(cols % v.lanes === 0 ? [] : pass(cols % v.lanes)),
      ...all.filter((a) => rowOf(a) === 'row' && a !== loop.out).map((a) => advance(`p${all.indexOf(a)}`, v.bytes)),
    ]),
  ];
  const fn: WatFunction = {
    name: '', // named by its text (elementKernelName)
    doc: `${loop.out} = ${describeTree(loop.tree)} over ${loop.rows} × ${cols} (${v.shape})`,
    params: ['n', ...all.map((_, k) => `b${k}`), ...scalars.map((_, k) => `s${k}`)],
    i32Locals: ['i', 'j', ...all.map((_, k) => `p${k}`), ...all.map((_, k) => `c${k}`)],
    v128Locals: ['t', ...scalars.map((_, k) => `k${k}`)],
    body,
  };
  return { fn, helpers, precision, arrays: all, scalars };
}

function supported(t: ElementTree): boolean {
  return t.kind !== 'op' || (WASM_FORMS[t.op] !== null && t.args.every(supported));
}

/** Records how each array is read; false when one is read two ways (no kernel: one pointer per array). */
function collectAccess(t: ElementTree, into: Map<string, string>): boolean {
  if (t.kind === 'op') return t.args.every((a) => collectAccess(a, into));
  if (t.kind !== 'array') return true;
  const seen = into.get(t.name);
  into.set(t.name, t.access);
  return seen === undefined || seen === t.access;
}

/** The tree in prefix form, arrays with their access: `tanh(add(ws0[i,j], b1[j]))`. */
export function describeTree(t: ElementTree): string {
  switch (t.kind) {
    case 'constant': return String(t.value);
    case 'scalar': return t.name;
    case 'array': return `${t.name}${{ full: '[i,j]', col: '[j]', row: '[i]', first: '[0]' }[t.access]}`;
    case 'op': return `${t.op}(${t.args.map(describeTree).join(', ')})`;
  }
}
