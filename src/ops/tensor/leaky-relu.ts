import { type Attrs, IrError } from '../../ir/graph.js';
import type { OpDef } from '../def.js';
import { mapElements } from '../elementwise.js';

/** The slope α for x ≤ 0, from attrs.value. */
function slopeOf(attrs: Attrs): number {
  const alpha = attrs.value;
  if (alpha === undefined || !Number.isFinite(alpha)) {
    throw new IrError('leaky_relu needs a finite slope α in attrs.value');
  }
  return alpha;
}

/**
 * leaky_relu_α(x) = x for x > 0, α x otherwise (element-wise).
 * d/dx = 1 for x > 0, α otherwise, written without a branch as
 *   α + (1 − α) H(x)      (H the unit step, 0 at x = 0),
 * so the derivative is ordinary IR (its own derivative is 0 almost everywhere).
 */
export const leaky_relu: OpDef = {
  arity: 1,
  shape: ([x], attrs) => {
    slopeOf(attrs);
    return x;
  },
  evaluate: (args, node) => {
    const alpha = slopeOf(node.attrs);
    return mapElements(node.shape, args, (x) => (x > 0 ? x : alpha * x));
  },
  vjp: (g, node, adjoint) => {
    const alpha = slopeOf(node.attrs);
    const local = g.add(g.constant(alpha), g.mul(g.constant(1 - alpha), g.call('step', node.args[0])));
    return [g.mul(adjoint, local)];
  },
  traits: { elementwise: true, cost: 'branch' },
};
