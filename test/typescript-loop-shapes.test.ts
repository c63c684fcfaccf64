// Loop shapes a user writes (issue 10), each kept as a loop in the generated
// code: a loop reading a constant array at its index (T[i], the array one
// module-level Float64Array), and the shapes of test/helpers/loop-shapes.ts. For each:
// the loop was kept; the value is bit for bit the original function's; the
// gradient matches central differences of the original and the frontend's own
// unrolled translation; the module type-checks under tsc --strict and allocates
// nothing (statically); E_grad starts no GC over many calls.
import { describe, expect, it } from 'vitest';
import { expectClose, gradientByDifferences } from './helpers/numeric.js';
import { callGenerated, compileFunctions, flatten, modelText, unflatten } from './helpers/function-model.js';
import { typeCheck } from './helpers/generated-module.js';
import { measureGc } from './helpers/gc-events.js';
import { findAllocations } from './helpers/allocation-free.js';
import { parseModelFile, translateFunction } from '../src/frontends/typescript/translate-function.js';
import { differentiate } from '../src/passes/differentiate.js';
import { evaluateScalars } from '../src/ir/evaluate.js';
import { LOOP_SHAPES as TABLE_SHAPES, type LoopShape, NEXT_SHAPES } from './helpers/loop-shapes.js';

const LOOP_SHAPES = [...TABLE_SHAPES, ...NEXT_SHAPES];

/** Value and gradient of export `name` unrolled by the frontend (no loop kept), by the IR interpreter. */
function unrolled(text: string, shape: LoopShape, point: readonly number[]) {
  const t = translateFunction(parseModelFile('model.ts', text), 'model.ts', shape.name, shape.lengths ?? {}, false);
  const d = differentiate(t.graph, t.output, t.variableNodes);
  const inputs = Object.fromEntries(t.variables.map((v, i) => [v, point[i]]));
  const [value, ...grad] = evaluateScalars(d.graph, [d.output, ...d.gradient], inputs);
  return { value, grad };
}

const text = modelText([
  ...LOOP_SHAPES.flatMap((s) => (s.preamble === undefined ? [] : [s.preamble])),
  ...LOOP_SHAPES.map((s) => `export const ${s.name} = differentiable(${s.fn}, ${s.lengths === undefined ? '{}' : `{ lengths: ${JSON.stringify(s.lengths)} }`});`),
].join('\n'));

describe('loop shapes kept as loops', async () => {
  const { compiled, module, original } = await compileFunctions(text);
  const code = compiled.files[0].content;

  it.each(LOOP_SHAPES)('$what: kept; value = the original; gradient = central differences, the unrolled translation', (shape) => {
    const e = compiled.expressions.find((x) => x.name === shape.name);
    expect(e?.looped, 'the loop was kept as a loop').toBeDefined();
    for (const seed of [1, 2]) {
      const point = shape.point(seed);
      const got = callGenerated(module, shape.name, point);
      const x = flatten(point);
      const run = (flat: readonly number[]) => (original[shape.name] as (...a: unknown[]) => number)(
        ...unflatten(flat, point).map((a) => (typeof a === 'number' ? a : Float64Array.from(a))));
      expect(got.value, 'value').toBe(run(x));
      expect(got.valueFromGrad).toBe(got.value);
      expectClose(got.grad, gradientByDifferences(run, x), 1e-6, 1e-7, `gradient by differences, seed ${seed}`);
      const frontend = unrolled(text, shape, x);
      expectClose(got.value, frontend.value, 1e-14, 1e-14, 'value of the unrolled translation');
      expectClose(got.grad, frontend.grad, 1e-12, 1e-13, 'gradient of the unrolled translation');
    }
  });

  it('type-checks under tsc --strict, allocates nothing (no array, object or closure made in a function); the constant array is one module-level Float64Array read by every export', () => {
    expect(typeCheck(code)).toEqual([]);
    expect(findAllocations(code)).toEqual([]);
    expect(code.match(/^const \w+_T = new Float64Array\(\[/gm)?.length, 'one array for T').toBe(1);
  });

  it.each(LOOP_SHAPES)('$what: E_grad starts no GC over many calls', async (shape) => {
    const point = shape.point(1);
    const args = point.map((a) => (typeof a === 'number' ? a : Float64Array.from(a)));
    const grad = new Float64Array(flatten(point).length);
    const fn = module[`${shape.name}_grad`] as unknown as (...a: unknown[]) => number;
    // measureGc varies its first argument, a number: a vector parameter first is passed through a wrapper
    const [first, ...rest] = typeof args[0] === 'number' ? [args[0], ...args.slice(1)] : [0, ...args];
    const call = typeof args[0] === 'number' ? fn : (_: number, ...a: unknown[]) => fn(...a);
    const measure = () => measureGc(call as never, [first as number, ...(rest as (number | Float64Array)[]), grad], { warmup: 2e4, calls: 2e4 });
    // The generated code itself is checked statically (no allocation in it, below). A call V8 does not inline (the
    // larger functions here) passes and returns its doubles boxed, 32 bytes a call that are the caller's, so a
    // scavenge may start during the calls whatever the callee does: a second measurement when the first saw one.
    let gc = await measure();
    if (gc.events > 0) gc = await measure();
    expect(gc.events).toBe(0);
  });
});
