import { rowLoopArrays, type RowLoop } from '../../lower/row-loop.js';
import type { ElementKernel } from './element-kernel.js';
import { callHelper, type SimdHelper } from './simd-math.js';
import { VECTOR, type Precision, type VectorOps } from './vector.js';
import { add32, advance, get, i32, mul32, set, whileFits, type WatFunction } from './wat.js';

/**
 * The row loops of lower/row-loop.ts as SIMD kernels `name(n, arrays…)`,
 * each computing what the TypeScript loop computes, in the same order:
 *
 * column sums out[j] = Σ_i x[i, j]: a vector of columns a pass, the rows
 * added in order (0 + x₀ + x₁ + …, as the TS loop), so the sums are equal bit
 * for bit.
 *
 * logit rows: one row per lane (rows i … i + lanes − 1; past the last row a
 * lane repeats it, and writes the same values again), so every row's max,
 * Σ e_k and Σ y_k z_k run over k in the TS loop's order; only e^x and ln x
 * differ from Math.exp and Math.log (simd-math.ts, simd-log.ts: a few ulp).
 * In both precisions the rows compute in f64x2, as the TS loop computes in f64:
 * an f32 array's elements are widened on load and rounded to f32 on store
 * (F64_OVER_F32), so an f32 row is the TS loop's to 1 f32 ulp. Computing them
 * in f32x4 would round z_k − m and the loss m + ln Σ e − y·z in f32: tens of
 * ulps off for logits of a few tens, the loss worse where m and y·z cancel.
 */
export function rowKernel(loop: RowLoop, precision: Precision = 'f64'): ElementKernel {
  if (loop.kind === 'column-sums') return columnSums(loop, precision);
  return logitRows(loop, precision);
}

function columnSums(loop: Extract<RowLoop, { kind: 'column-sums' }>, precision: Precision): ElementKernel {
  const v = VECTOR[precision];
  const rest = loop.cols % v.lanes;
  const zeroPass = [v.store(get('o'), 0, v.zero), advance('o', v.lanes * v.bytes)];
  const addPass = (count: number) => {
    const sum = v.add(count === v.lanes ? v.load(get('o'), 0) : v.loadPart(get('o'), 0, count), count === v.lanes ? v.load(get('x'), 0) : v.loadPart(get('x'), 0, count));
    return [
      count === v.lanes ? v.store(get('o'), 0, sum) : `${set('t', sum)} ${v.storePart(get('o'), 0, get('t'), count)}`,
      advance('o', count * v.bytes),
      advance('x', count * v.bytes),
    ];
  };
  const body = [
    // out ← 0
    set('o', get('b1')),
    set('j', i32(0)),
    ...whileFits('zero', 'j', v.lanes, i32(loop.cols), zeroPass),
    ...(rest === 0 ? [] : [set('t', v.zero), v.storePart(get('o'), 0, get('t'), rest)]),
    // out += each row, in order
    set('x', get('b0')),
    set('i', i32(0)),
    ...whileFits('rows', 'i', 1, get('n'), [
      set('o', get('b1')),
      set('j', i32(0)),
      ...whileFits('cols', 'j', v.lanes, i32(loop.cols), addPass(v.lanes)),
      ...(rest === 0 ? [] : addPass(rest)),
    ]),
  ];
  const fn: WatFunction = {
    name: '',
    doc: `${loop.out}[j] = Σ_i ${loop.x}[i, j] over ${loop.rows} × ${loop.cols} (${precision})`,
    params: ['n', 'b0', 'b1'],
    i32Locals: ['i', 'j', 'x', 'o'],
    v128Locals: ['t'],
    body,
  };
  return { fn, helpers: new Set(), precision, arrays: rowLoopArrays(loop), scalars: [], prefix: 'rows' };
}

/**
 * f64x2 arithmetic on Float32Array data: two f32 elements promoted into the
 * lanes on a gather, both lanes rounded to f32 (demoted) on a scatter.
 */
const F64_OVER_F32: VectorOps = {
  ...VECTOR.f64,
  bytes: 4,
  gather: (addresses, offset) => `(f64x2.promote_low_f32x4 ${VECTOR.f32.gather(addresses, offset)})`,
  scatter: (addresses, offset, value) => VECTOR.f32.scatter(addresses, offset, `(f32x4.demote_f64x2_zero ${value})`),
};

function logitRows(loop: Extract<RowLoop, { kind: 'logits' }>, precision: Precision): ElementKernel {
  const v = precision === 'f64' ? VECTOR.f64 : F64_OVER_F32;
  const lanes = Array.from({ length: v.lanes }, (_, l) => l);
  const { width, p, ce } = loop;
  const arrays = rowLoopArrays(loop);
  const base = (name: string) => get(`b${arrays.indexOf(name)}`);
  const helpers = new Set<SimdHelper>(['exp', ...(ce ? ['log' as const] : [])]);
  // lane l's row: min(i + l, n − 1); its byte offset in a row-major array of `width` columns, and in the loss vector
  const row = (l: number) => `(select ${add32(get('i'), i32(l))} (i32.sub ${get('n')} ${i32(1)}) (i32.lt_u ${add32(get('i'), i32(l))} ${get('n')}))`;
  // lane l's element k of array a: its row pointer a_l, plus the byte offset q of k
  const at = (name: string) => lanes.map((l) => add32(get(`${name}${l}`), get('q')));
  const rowPointers = (local: string, array: string) => lanes.map((l) => set(`${local}${l}`, add32(base(array), get(`r${l}`))));
  const overRow = (label: string, pass: readonly string[]) => [set('q', i32(0)), ...whileFits(label, 'q', v.bytes, i32(width * v.bytes), pass)];
  const body = [
    set('i', i32(0)),
    '(block $rows_done',
    '  (loop $rows',
    `    (br_if $rows_done (i32.ge_u ${get('i')} ${get('n')}))`,
    ...[
      ...lanes.map((l) => set(`r${l}`, mul32(row(l), i32(width * v.bytes)))),
      ...rowPointers('z', loop.z),
      ...(ce ? rowPointers('y', ce.y) : []),
      ...(p === undefined ? [] : rowPointers('p', p)),
      // m = max_k z_k, starting from −∞ (a NaN is passed over, as `if (z > m) m = z`)
      set('m', v.constant(-Infinity)),
      ...overRow('max', [set('e', v.gather(at('z'), 0)), set('m', `(v128.bitselect ${get('e')} ${get('m')} ${v.greater(get('e'), get('m'))})`)]),
      // e_k = e^{z_k − m} (into p), Σ e_k, Σ y_k z_k
      set('total', v.zero),
      set('dot', v.zero),
      ...overRow('exp', [
        set('t', v.gather(at('z'), 0)),
        set('e', callHelper('exp', v.sub(get('t'), get('m')))),
        ...(p === undefined ? [] : [v.scatter(at('p'), 0, get('e'))]),
        set('total', v.add(get('total'), get('e'))),
        ...(ce ? [set('dot', v.add(get('dot'), v.mul(v.gather(at('y'), 0), get('t'))))] : []),
      ]),
      // loss_i = m + ln Σ e_k − y·z
      ...(ce ? [
        set('t', v.sub(v.add(get('m'), callHelper('log', get('total'))), get('dot'))),
        v.scatter(lanes.map((l) => add32(base(ce.loss), mul32(row(l), i32(v.bytes)))), 0, get('t')),
      ] : []),
      // p_k = e_k · (1 / Σ e)
      ...(p === undefined ? [] : [
        set('total', v.div(v.constant(1), get('total'))),
        ...overRow('scale', [set('t', v.mul(v.gather(at('p'), 0), get('total'))), v.scatter(at('p'), 0, get('t'))]),
      ]),
      advance('i', v.lanes),
    ].map((line) => `    ${line}`),
    '    (br $rows)))',
  ];
  const pointerLocals = ['z', ...(ce ? ['y'] : []), ...(p === undefined ? [] : ['p'])].flatMap((a) => lanes.map((l) => `${a}${l}`));
  const fn: WatFunction = {
    name: '',
    doc: `per row of ${loop.z} (${loop.rows} × ${width}), max-shifted:${p === undefined ? '' : ` softmax into ${p}`}${p !== undefined && ce ? ',' : ''}${ce ? ` cross-entropy against ${ce.y} into ${ce.loss}` : ''} (${precision === 'f64' ? 'f64' : 'f32 arrays in f64x2'}, a row per lane)`,
    params: ['n', ...arrays.map((_, k) => `b${k}`)],
    i32Locals: ['i', 'q', ...lanes.map((l) => `r${l}`), ...pointerLocals],
    v128Locals: ['m', 'total', 'dot', 'e', 't'],
    body,
  };
  // the helpers are f64x2's in both precisions
  return { fn, helpers, precision: 'f64', arrays, scalars: [], prefix: 'rows' };
}
