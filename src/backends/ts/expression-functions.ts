import type { Graph, NodeId } from '../../ir/graph.js';
import { HelperNames } from './helper-names.js';
import type { CompiledExpression } from '../../compile/expression.js';
import { ExpressionNames } from '../../compile/naming.js';
import { reference } from './reference.js';
import { branchedGraph } from '../../lower/branch-graph.js';
import { printBranchPlan } from './branch-statements.js';
import { PreformattedLines } from './preformatted.js';
import { ModuleTables, emitLaneFunction } from './lane-functions.js';
import { argumentChecks } from './argument-checks.js';

/**
 * From this many variables on, each function also comes in a vector form
 * (`E_v(input)`, `E_grad_v(input, grad)`, …) taking the point as one
 * Float64Array: a call with many number arguments is too big for V8 to
 * inline, and then every argument is boxed in a heap number per call.
 */
export const VECTOR_FORM_FROM = 4;

/** The top-level names an expression's functions may take: E, E_grad, E_hess and their vector forms E_v, …. */
export function expressionFunctionNames(name: string): string[] {
  const functions = ['', '_grad', '_hess'].map((suffix) => `${name}${suffix}`);
  return [...functions, ...functions.map((f) => `${f}_v`)];
}

/**
 * E, E_grad and (when asked) E_hess for one expression; records the helpers
 * it calls. `moduleTaken`: the top-level names the exports define, which a
 * loop's module-level tables and tapes must not take.
 */
export function emitExpressionFunctions(
  e: CompiledExpression,
  helpers: HelperNames = new HelperNames(),
  held: PreformattedLines = new PreformattedLines(),
  moduleTaken: ReadonlySet<string> = new Set(),
  /** The constant arrays already in the module (lane-functions.ts `ModuleTables.arrays`), shared with the other exports. */
  arrays: Map<string, string> = new Map(),
): string {
  const names = new ExpressionNames(e);
  const io = ioNames(e);
  const d = e.gradient;
  const n = e.variables.length;
  const of = parameterList(e);
  const specs: FunctionSpec[] = [
    { suffix: '', output: undefined, doc: valueDoc(e), graph: d.graph, outputs: [], value: d.output },
    {
      suffix: '_grad',
      output: 'grad',
      doc: n === 0
        ? `Returns ${e.name}, a constant: it has no variables, so ${io.grad} is not written.`
        : `Returns ${e.name} and writes ${io.grad}[i] = ∂${e.name}/∂(i-th of ${of}) (notes: backward pass).`,
      graph: d.graph,
      outputs: d.gradient.map((id, i) => ({ target: `${io.grad}[${i}]`, id })),
      value: d.output,
    },
  ];
  if (e.hessian) {
    const rows = e.hessian.rows;
    const upper: { target: string; id: NodeId }[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        // The Hessian is symmetric: compute the upper triangle, mirror it exactly.
        const target = i === j ? `${io.hess}[${i * n + j}]` : `${io.hess}[${i * n + j}] = ${io.hess}[${j * n + i}]`;
        upper.push({ target, id: rows[i][j] });
      }
    }
    specs.push({
      suffix: '_hess',
      output: 'hess',
      doc: `Returns ${e.name} and writes its ${n}×${n} Hessian, row-major (the gradient differentiated again).`,
      graph: e.hessian.graph,
      outputs: upper,
      value: d.output,
    });
  }
  const tables = new ModuleTables(e.name, arrays); // E and E_grad print one looped graph: they read the same tables
  const emit = (spec: FunctionSpec, form: 'positional' | 'vector'): string =>
    (e.looped && spec.suffix !== '_hess' ? emitLooped(e, e.looped, spec, form, io, helpers, moduleTaken, tables) : emitFunction(e, names, io, helpers, spec, form, held));
  const functions = specs.map((spec) => emit(spec, 'positional'));
  const vectorParameter = e.origin?.parameters.some((p) => p.length !== undefined) ?? false; // already takes arrays
  if (n >= VECTOR_FORM_FROM && !vectorParameter) functions.push(...specs.map((spec) => emit(spec, 'vector')));
  return functions.join('\n');
}

/**
 * E or E_grad of a function with loops kept as loops (lane-functions.ts):
 * its graph over whole-vector variables; a vector parameter's gradient fills
 * grad[offset … offset + n − 1].
 */
function emitLooped(
  e: CompiledExpression,
  looped: NonNullable<CompiledExpression['looped']>,
  spec: FunctionSpec,
  form: 'positional' | 'vector',
  io: IoNames,
  helpers: HelperNames,
  moduleTaken: ReadonlySet<string>,
  tables: ModuleTables,
): string {
  const d = looped.gradient;
  const params = parameters(e).map((p, i) => ({ ...p, node: d.wrt[i] }));
  let offset = 0;
  const entries = params.map((p, i) => {
    const entry = { node: d.gradient[i], offset, ...(p.length === undefined ? {} : { length: p.length }) };
    offset += p.length ?? 1;
    return entry;
  });
  const adjointOf = new Map<NodeId, NodeId>();
  for (const [id, adjoint] of d.adjoints) if (!adjointOf.has(adjoint)) adjointOf.set(adjoint, id);
  const userName = (id: NodeId): string | undefined => looped.provenance.get(id)?.name;
  const { code, moduleCode } = emitLaneFunction({
    name: `${e.name}${spec.suffix}${form === 'vector' ? '_v' : ''}`,
    doc: form === 'positional' ? spec.doc : `${e.name}${spec.suffix} with the point given as ${io.input} = [${e.variables.join(', ')}].`,
    graph: d.graph,
    value: d.output,
    parameters: params,
    form,
    input: io.input,
    ...(spec.output === undefined ? {} : { output: { name: io[spec.output], entries } }),
    nameOf: (id) => {
      const forward = adjointOf.get(id);
      const name = userName(id) ?? (forward === undefined ? undefined : userName(forward));
      return name === undefined || userName(id) !== undefined ? name : `d${name}`;
    },
    lineOf: (id) => looped.provenance.get(id)?.line,
    stepNameOf: (id) => looped.stepProvenance?.get(id)?.name,
    stepLineOf: (id) => looped.stepProvenance?.get(id)?.line,
    moduleTaken,
    tables,
  }, helpers);
  return moduleCode === '' ? code : `${moduleCode}\n${code}`;
}

/** The names of the generated functions' own parameters: the output arrays and the vector form's point. */
type IoNames = Readonly<Record<'grad' | 'hess' | 'input', string>>;

/**
 * grad, hess and input, or where the user's own parameters (variables) take
 * those names, gradOut, hessOut, inputOut (then gradOut2, …): the generated
 * code adapts to the user's names rather than refusing them.
 */
function ioNames(e: CompiledExpression): IoNames {
  const taken = new Set([...parameters(e).map((p) => p.name), ...e.variables]);
  const free = (base: string) => {
    if (!taken.has(base)) return base;
    let name = `${base}Out`;
    for (let k = 2; taken.has(name); k++) name = `${base}Out${k}`;
    return name;
  };
  return { grad: free('grad'), hess: free('hess'), input: free('input') };
}

/** The generated functions' parameters: the function's own (numbers and vectors), or the expression's variables. */
function parameters(e: CompiledExpression): readonly { readonly name: string; readonly length?: number }[] {
  return e.origin?.parameters ?? e.variables.map((name) => ({ name }));
}

/** `x, y` or, with a vector parameter, `t, x[0], …, x[99]` (the order of grad). */
function parameterList(e: CompiledExpression): string {
  return parameters(e).map((p) => (p.length === undefined ? p.name : p.length === 1 ? `${p.name}[0]`
    : `${p.name}[0], …, ${p.name}[${p.length - 1}]`)).join(', ');
}

/** The value function's doc: the expression, or where the function is in the model. */
function valueDoc(e: CompiledExpression): string {
  const signature = `${e.name}(${parameters(e).map((p) => p.name).join(', ')})`;
  if (!e.origin) return `${signature} = ${e.source}`;
  const { file, lines } = e.origin;
  return `${signature}: the function of ${file}, lines ${lines.first}–${lines.last}, translated (notes: forward pass).`;
}

interface FunctionSpec {
  /** '' for E, '_grad', '_hess'. */
  readonly suffix: string;
  /** The output array parameter (grad, hess), if any. */
  readonly output: 'grad' | 'hess' | undefined;
  readonly doc: string;
  readonly graph: Graph;
  readonly outputs: readonly { target: string; id: NodeId }[];
  readonly value: NodeId;
}

function emitFunction(
  e: CompiledExpression,
  names: ExpressionNames,
  io: IoNames,
  helpers: HelperNames,
  spec: FunctionSpec,
  form: 'positional' | 'vector',
  held: PreformattedLines,
): string {
  // The graph is printed as differentiate() built it (identities and constant
  // folding already applied), so each line matches a line of the notes; with
  // branches, the derivatives' arithmetic is moved into them first (lower/branch-graph.ts).
  const { graph, map, plan, order } = branchedGraph(spec.graph, spec.value, spec.outputs.map((o) => o.id));
  const value = map[spec.value];
  const outputs = spec.outputs.map((o) => ({ target: o.target, id: map[o.id] }));
  const nameOf = codeNames(e, names, graph, map, order);
  const printed = printBranchPlan(graph, plan, nameOf, helpers, (lines, indent) => held.hold(lines, indent));
  const writes = outputs.map((o) => `${o.target} = ${reference(graph, o.id, nameOf)};`);
  // a constant writes no gradient: `_grad` tells noUnusedParameters that this is intended
  const out = spec.output === undefined ? [] : [`${e.variables.length === 0 ? '_' : ''}${io[spec.output]}: Float64Array`];
  const inputs = form === 'positional'
    ? parameters(e).map((p) => `${p.name}: ${p.length === undefined ? 'number' : 'ArrayLike<number>'}`)
    : [`${io.input}: Float64Array`];
  const fn = `${e.name}${spec.suffix}${form === 'vector' ? '_v' : ''}`;
  const signature = `${fn}(${[...inputs, ...out].join(', ')}): number`;
  const doc = form === 'positional' ? spec.doc : `${e.name}${spec.suffix} with the point given as ${io.input} = [${e.variables.join(', ')}].`;
  const unpack = form === 'vector' ? [`const ${e.variables.map((v, i) => `${v} = ${io.input}[${i}]`).join(', ')};`] : [];
  const outputSize = spec.output === 'hess' ? e.variables.length ** 2 : e.variables.length;
  const body = [
    ...argumentChecks({ fn, parameters: parameters(e), form, input: io.input,
      ...(spec.output === undefined ? {} : { output: { name: io[spec.output], size: outputSize } }) }),
    ...unpack,
    ...(printed.declarations.length > 0 ? ['// Set inside a branch, read inside a later one on the same condition', ...printed.declarations] : []),
    '// Forward pass (notes: forward pass, one primitive per line)',
    ...printed.first,
    ...(printed.second.length > 0
      ? ['// Backward pass: adjoint = Σ upstream × local derivative (notes: backward pass)', ...printed.second]
      : []),
    ...writes,
    `return ${reference(graph, value, nameOf)};`,
  ];
  return `/** ${doc} */\nexport function ${signature} {\n${body.join('\n')}\n}\n`;
}

/**
 * Code names: variables and forward steps first, then adjoints (dJ_dv3), then
 * temporaries w1, w2, … in the order printed (another letter if a user's name
 * is w1). `map`: where each node of the expression's graph is in `graph`.
 */
function codeNames(
  e: CompiledExpression,
  names: ExpressionNames,
  graph: Graph,
  map: readonly NodeId[],
  order: readonly NodeId[],
): (id: NodeId) => string {
  const byId = new Map<NodeId, string>();
  const claim = (id: NodeId | undefined, name: string | undefined) => {
    if (id !== undefined && name !== undefined && !byId.has(id)) byId.set(id, name);
  };
  for (const id of [...e.variableNodes, ...names.steps]) claim(map[id], names.forwardName(id)?.code);
  for (const [id, adjoint] of e.gradient.adjoints) claim(map[adjoint], names.adjointName(id)?.code);
  let temp = 0;
  for (const id of order) {
    if (graph.constantValue(id) === undefined && !byId.has(id)) byId.set(id, `${names.tempPrefix}${++temp}`);
  }
  return (id) => byId.get(id) as string;
}
