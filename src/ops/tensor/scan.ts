import { type Attrs, IrError } from '../../ir/graph.js';
import { type Shape, formatShape } from '../../ir/shape.js';
import { type ScanStep, iterations, scanLayout } from '../../ir/scan.js';
import { nodesNeeded } from '../../ir/order.js';
import { type Tensor, scalar, tensor } from '../../ir/tensor.js';
import type { NodeId } from '../../ir/graph.js';
import { OPS } from '../registry.js';
import type { OpDef } from '../def.js';

/**
 * scan(c₀ …, q …, x …): a loop whose iterations depend on each other, its one
 * iteration a graph of its own (attrs.scan, ir/scan.ts): the carries c start
 * at the first arguments, then for each k (from the last when reverse)
 * (c, y_k) = step(c, q, x_k), x_k entry k of each vector argument x. Its value
 * is one vector: the final carries, each carry before each iteration, each
 * y of each iteration (scanLayout).
 *
 * Its derivative is the reverse loop, backpropagation through time: a
 * reverse scan whose step is the step's own graph differentiated. Building it
 * takes the differentiation pass, so passes/differentiate-scan.ts gives a
 * scan's vjp, not this record (the ops do not import passes).
 */
export const scan: OpDef = {
  arity: 0,
  variadic: true,
  shape: (args, attrs) => {
    const step = stepOf(attrs);
    if (args.length !== step.inputs.length) throw new IrError(`scan: its step takes ${step.inputs.length} inputs, got ${args.length}`);
    args.forEach((shape, i) => {
      const perIteration = i >= step.carries + step.invariants;
      const fits = perIteration ? shape.length === 1 && shape[0] === step.length : shape.length === 0;
      if (!fits) throw new IrError(`scan: input ${i} has shape ${formatShape(shape)}, not ${perIteration ? `[${step.length}]` : '[] (a number)'}`);
    });
    return [scanLayout(step).size] as Shape;
  },
  evaluate: (args, node) => {
    const step = stepOf(node.attrs);
    const layout = scanLayout(step);
    const out = tensor(node.shape);
    const carries = args.slice(0, step.carries).map((t) => t.data[0]);
    const invariants = args.slice(step.carries, step.carries + step.invariants).map((t) => t.data[0]);
    const xs = args.slice(step.carries + step.invariants);
    const run = stepRunner(step);
    for (const k of iterations(step)) {
      carries.forEach((c, j) => { out.data[layout.before + j * step.length + k] = c; });
      const outputs = run([...carries, ...invariants, ...xs.map((x: Tensor) => x.data[k])]);
      outputs.slice(0, step.carries).forEach((c, j) => { carries[j] = c; });
      outputs.slice(step.carries).forEach((y, j) => { out.data[layout.ys + j * step.length + k] = y; });
    }
    carries.forEach((c, j) => { out.data[layout.final + j] = c; });
    return out;
  },
  vjp: () => {
    throw new IrError('a scan is differentiated by passes/differentiate-scan.ts (its step differentiated as a graph)');
  },
  traits: { elementwise: false, cost: 'reduction' },
};

/**
 * The step as a function of its inputs' numbers to its outputs', its nodes
 * ordered once (a scan of 20 000 iterations evaluated its step graph as a
 * graph 20 000 times, each time ordering it anew).
 */
function stepRunner(step: ScanStep): (inputs: readonly number[]) => number[] {
  const order = nodesNeeded(step.graph, step.outputs);
  const slot = new Map<NodeId, number>(order.map((id, i) => [id, i]));
  const inputIndex = new Map<NodeId, number>(step.inputs.map((id, i) => [id, i]));
  const values: Tensor[] = order.map(() => scalar(0));
  return (inputs) => {
    order.forEach((id, i) => {
      const n = step.graph.node(id);
      const input = inputIndex.get(id);
      if (input !== undefined) values[i] = scalar(inputs[input]);
      else if (n.op === 'const') values[i] = scalar(n.attrs.value ?? NaN);
      else if (n.op === 'var') throw new IrError(`scan step: variable '${n.attrs.name}' is not one of its inputs`);
      else values[i] = OPS[n.op].evaluate(n.args.map((a) => values[slot.get(a) as number]), { ...n, shape: [] });
    });
    return step.outputs.map((o) => values[slot.get(o) as number].data[0]);
  };
}

function stepOf(attrs: Attrs): ScanStep {
  if (attrs.scan === undefined) throw new IrError('scan needs its step in attrs.scan');
  return attrs.scan;
}
