import { test } from 'vitest';
import { compileExpression } from '../src/compile/expression.js';
import { emitExpressionModule } from '../src/backends/ts/expression-module.js';
import { dumpGraph } from '../src/ir/graph.js';
test('s', async () => {
  const J = compileExpression('J', 'cos(sin(x^2) + 3*x^2)', { hessian: true });
  const f = compileExpression('f', 'x*y + exp(x) + sigmoid(y)', { hessian: true });
  console.log(dumpGraph(J.gradient.graph));
  console.log(await emitExpressionModule([J, f], { source: 'm.ts', command: 'cmd', notes: 'n.tex', version: '0' }));
});
