// The mathjs baseline: derivative() once per variable, each compiled once;
// per call, the value and every partial derivative are evaluated on a
// reused scope (a Map, which mathjs uses as is instead of wrapping an object).
import { compile, derivative, parse, simplifyConstant } from 'mathjs';

/**
 * mode 'simplify': derivative(expr, v) with its default simplification.
 * mode 'constant': derivative(expr, v, { simplify: false }) followed by
 *   simplifyConstant — mathjs's full simplify() is intractable on the swell
 *   suite (a single derivative of a 20-factor product already takes ~0.2 s and
 *   grows steeply; the 50-factor one did not finish in 5 minutes).
 * Returns { grad(p, g) → value, setupMs }.
 */
export function mathjsGradient(source, variables, mode) {
  const t0 = performance.now();
  const node = parse(source);
  const valueFn = compile(source);
  const partials = variables.map((v) => {
    const d = mode === 'simplify' ? derivative(node, v) : simplifyConstant(derivative(node, v, { simplify: false }));
    return d.compile();
  });
  const setupMs = performance.now() - t0;
  const n = variables.length;
  const scope = new Map(variables.map((v) => [v, 0]));
  function grad(p, g) {
    for (let i = 0; i < n; i++) scope.set(variables[i], p[i]);
    const value = valueFn.evaluate(scope);
    for (let i = 0; i < n; i++) g[i] = partials[i].evaluate(scope);
    return value;
  }
  return { grad, setupMs };
}
