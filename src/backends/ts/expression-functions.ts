import type { Graph, NodeId } from '../../ir/graph.js';
import type { HelperName } from '../../ops/def.js';
import { schedule } from '../../passes/schedule.js';
import type { CompiledExpression } from '../../compile/expression.js';
import { ExpressionNames } from '../../compile/naming.js';
import { CompileError } from '../../util/errors.js';
import { emitStatements, reference } from './emit-statements.js';

/** E, E_grad and (when asked) E_hess for one expression; records the helpers it calls. */
export function emitExpressionFunctions(e: CompiledExpression, helpers: Set<HelperName>): string {
  const names = new ExpressionNames(e);
  checkNameClashes(e, names);
  const d = e.gradient;
  const n = e.variables.length;
  const params = e.variables.map((v) => `${v}: number`).join(', ');
  const valueFn = emitFunction(e, names, helpers, {
    signature: `${e.name}(${params}): number`,
    doc: `${e.name}(${e.variables.join(', ')}) = ${e.source}`,
    graph: d.graph,
    outputs: [],
    value: d.output,
  });
  const gradFn = emitFunction(e, names, helpers, {
    signature: `${e.name}_grad(${params}, grad: Float64Array): number`,
    doc: `Returns ${e.name} and writes grad[i] = ∂${e.name}/∂(i-th of ${e.variables.join(', ')}) (notes: backward pass).`,
    graph: d.graph,
    outputs: d.gradient.map((id, i) => ({ target: `grad[${i}]`, id })),
    value: d.output,
  });
  if (!e.hessian) return `${valueFn}\n${gradFn}`;
  const rows = e.hessian.rows;
  const upper: { target: string; id: NodeId }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      // The Hessian is symmetric: compute the upper triangle, mirror it exactly.
      const target = i === j ? `hess[${i * n + j}]` : `hess[${i * n + j}] = hess[${j * n + i}]`;
      upper.push({ target, id: rows[i][j] });
    }
  }
  const hessFn = emitFunction(e, names, helpers, {
    signature: `${e.name}_hess(${params}, hess: Float64Array): number`,
    doc: `Returns ${e.name} and writes its ${n}×${n} Hessian, row-major (the gradient differentiated again).`,
    graph: e.hessian.graph,
    outputs: upper,
    value: d.output,
  });
  return `${valueFn}\n${gradFn}\n${hessFn}`;
}

interface FunctionSpec {
  readonly signature: string;
  readonly doc: string;
  readonly graph: Graph;
  readonly outputs: readonly { target: string; id: NodeId }[];
  readonly value: NodeId;
}

function emitFunction(
  e: CompiledExpression,
  names: ExpressionNames,
  helpers: Set<HelperName>,
  spec: FunctionSpec,
): string {
  // The graph is printed as differentiate() built it (identities and constant
  // folding already applied), so each line matches a line of the notes.
  const graph = spec.graph;
  const order = schedule(graph, [spec.value, ...spec.outputs.map((o) => o.id)]);
  const nameOf = codeNames(e, names, graph, order);
  const forward = new Set(names.steps);
  const forwardOrder = order.filter((id) => forward.has(id));
  const restOrder = order.filter((id) => !forward.has(id));
  const fwd = emitStatements(graph, forwardOrder, nameOf);
  const back = emitStatements(graph, restOrder, nameOf);
  [...fwd.helpers, ...back.helpers].forEach((h) => helpers.add(h));
  const writes = spec.outputs.map((o) => `${o.target} = ${reference(graph, o.id, nameOf)};`);
  const body = [
    '// Forward pass (notes: forward pass, one primitive per line)',
    ...fwd.lines,
    ...(back.lines.length > 0 ? ['// Backward pass: adjoint = Σ upstream × local derivative (notes: backward pass)', ...back.lines] : []),
    ...writes,
    `return ${reference(graph, spec.value, nameOf)};`,
  ];
  return `/** ${spec.doc} */\nexport function ${spec.signature} {\n${body.join('\n')}\n}\n`;
}

/** Code names: variables and forward steps first, then adjoints (dJ_dv3), then temporaries w1, w2, … */
function codeNames(
  e: CompiledExpression,
  names: ExpressionNames,
  graph: Graph,
  order: readonly NodeId[],
): (id: NodeId) => string {
  const byId = new Map<NodeId, string>();
  const claim = (id: NodeId, name: string | undefined) => {
    if (name !== undefined && !byId.has(id)) byId.set(id, name);
  };
  for (const id of [...e.variableNodes, ...names.steps]) claim(id, names.forwardName(id)?.code);
  for (const [id, adjoint] of e.gradient.adjoints) claim(adjoint, names.adjointName(id)?.code);
  let temp = 0;
  for (const id of order) {
    if (graph.constantValue(id) === undefined && !byId.has(id)) byId.set(id, `w${++temp}`);
  }
  return (id) => byId.get(id) as string;
}

const RESERVED = new Set([
  'grad', 'hess', 'Math', 'sigmoid', 'softplus', 'NaN', 'Infinity', 'undefined', 'arguments', 'eval',
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await',
]);

/** A user variable must not collide with a generated name (v3, w1, dJ_dx, grad, …). */
function checkNameClashes(e: CompiledExpression, names: ExpressionNames): void {
  const generated = new Set(names.generatedCodeNames());
  for (const v of e.variables) {
    if (RESERVED.has(v) || generated.has(v) || /^w\d+$/.test(v) || /^v\d+$/.test(v)) {
      throw new CompileError(`variable name '${v}' is used by the generated code`,
        { line: 1, column: e.parsed.variableColumns.get(v) ?? 1, lineText: e.source },
        `rename the variable (v1, v2, … name forward steps and w1, w2, … temporaries)`);
    }
  }
}
