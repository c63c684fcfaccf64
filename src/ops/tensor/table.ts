import { type Attrs, IrError } from '../../ir/graph.js';
import { formatShape } from '../../ir/shape.js';
import { tensor } from '../../ir/tensor.js';
import type { OpDef } from '../def.js';
import { targetShape } from './common.js';
import { strideOf } from './slice.js';

/**
 * table(T, start, [m]): elements start … start+m−1 of a constant array T —
 * what `T[i + c]` is in a loop kept as a loop when T is an array of numbers
 * (`const T = [0.1, 0.4, …]`, frontends/typescript/expressions.ts), as
 * slice is for a vector parameter. attrs.values holds T's numbers (all of
 * them: the generated module keeps one constant array per T, whatever part
 * of it a loop reads), attrs.name its name in the source, attrs.value the
 * start. No arguments: nothing to differentiate.
 */
export const table: OpDef = {
  arity: 0,
  shape: (_args, attrs) => {
    const values = tableValues(attrs);
    const target = targetShape('table', attrs);
    const start = attrs.value;
    if (target.length !== 1 || typeof target[0] !== 'number') throw new IrError(`table makes a vector of known length, not ${formatShape(target)}`);
    if (start === undefined || !Number.isInteger(start) || start < 0 || start + (target[0] - 1) * strideOf(attrs) >= values.length) {
      throw new IrError(`table: elements ${String(start)}… of ${formatShape(target)} are outside its ${values.length} numbers`);
    }
    return target;
  },
  evaluate: (_args, node) => {
    const values = tableValues(node.attrs);
    const start = node.attrs.value as number;
    const stride = strideOf(node.attrs);
    const out = tensor(node.shape);
    for (let j = 0; j < out.data.length; j++) out.data[j] = values[start + j * stride];
    return out;
  },
  vjp: () => [],
  traits: { elementwise: false, cost: 'free' },
};

/** attrs.values: the array's numbers, at least one. */
export function tableValues(attrs: Attrs): readonly number[] {
  const values = attrs.values;
  if (values === undefined || values.length === 0) throw new IrError('table needs its numbers in attrs.values');
  return values;
}
