import type { SourceFile } from 'ts-morph';
import { Node, Project } from '../../util/ts-morph.js';
import { Graph, type NodeId } from '../../ir/graph.js';
import { CompileError } from '../../util/errors.js';
import { Unsupported, locationOf } from './located.js';
import { type Parameter, readParameters } from './parameters.js';
import { FunctionTranslator, type SourceStep } from './statements.js';
import type { Value } from './values.js';
import type { Context } from './expressions.js';
import type { TranslationSummary } from './translation-record.js';

/** A function of model.ts translated to IR. */
export interface TranslatedFunction {
  readonly graph: Graph;
  readonly output: NodeId;
  readonly parameters: readonly Parameter[];
  /** The scalar variables in parameter order: `x` for a number, `x[0]`, `x[1]`, … for a vector. */
  readonly variables: readonly string[];
  readonly variableNodes: readonly NodeId[];
  /** The source line (and variable) each IR node was computed on. */
  readonly provenance: ReadonlyMap<NodeId, SourceStep>;
  /** How many loops the translation kept as loops (with `keepLoops`; lanes.ts). */
  readonly loopsKept: number;
  /** What the translation did — reassignments, branches, loops, inlined calls — for the notes. */
  readonly translation: TranslationSummary;
  /** The function's text and its first and last line in the file. */
  readonly text: string;
  readonly lines: { readonly first: number; readonly last: number };
}

/** A model file parsed once by ts-morph (syntax only: nothing is type-checked or run). */
export function parseModelFile(fileName: string, text: string): SourceFile {
  const project = new Project({ useInMemoryFileSystem: true, skipFileDependencyResolution: true, skipLoadingLibFiles: true });
  return project.createSourceFile(fileName.replace(/^.*[\\/]/, '') || 'model.ts', text);
}

/**
 * Reads the function given to `export const NAME = differentiable(fn, …)` in
 * the file and translates it to IR. `fn` is an arrow function or function
 * expression written there, or the name of a function of the file.
 */
export function translateFunction(
  file: SourceFile,
  fileName: string,
  exportName: string,
  lengths: Readonly<Record<string, number>> = {},
  keepLoops = false,
): TranslatedFunction {
  const errors = new Unsupported(fileName);
  const fn = findFunction(file, exportName, errors);
  const g = new Graph();
  const parameters = readParameters((fn as Node & { getParameters(): never[] }).getParameters(), lengths, errors);
  const t = new FunctionTranslator(g, errors, file, keepLoops);
  let ctx: Context = { env: new Map(), store: new Map<number, Value>(), frame: 0 };
  const variables: string[] = [];
  const variableNodes: NodeId[] = [];
  const variable = (name: string, length?: number) => {
    variables.push(name);
    const id = g.variable(name, length === undefined ? [] : [length]);
    variableNodes.push(id);
    return id;
  };
  for (const p of parameters) {
    ctx = t.bind(ctx, p.name, parameterValue(g, p, keepLoops, variable), true);
  }
  const result = t.body(fn, ctx);
  if (result.kind !== 'number') {
    throw errors.error(fn, `the function returns ${result.kind === 'bool' ? 'a condition' : `a ${result.kind}`}, not a number`, 'return a number');
  }
  return {
    graph: g,
    output: result.node,
    parameters,
    variables,
    variableNodes,
    provenance: t.provenance,
    loopsKept: t.loopsKept,
    translation: t.record.summary(),
    text: fn.getText(),
    lines: { first: fn.getStartLineNumber(), last: fn.getEndLineNumber() },
  };
}

/**
 * A parameter's value: a number variable; a vector's elements as number
 * variables x[0], x[1], … (unrolled), or with `whole` the vector as one
 * variable x of shape [n] whose elements are slices (loops kept as loops).
 */
function parameterValue(g: Graph, p: Parameter, whole: boolean, variable: (name: string, length?: number) => NodeId): Value {
  if (p.length === undefined) return { kind: 'number', node: variable(p.name) };
  if (whole) {
    const x = variable(p.name, p.length);
    return { kind: 'vector', length: p.length, whole: x, element: (k) => g.apply('slice', [x], { value: k, shape: [] }) };
  }
  const elements = Array.from({ length: p.length }, (_, i) => variable(`${p.name}[${i}]`));
  return { kind: 'vector', length: p.length, element: (k) => elements[k] };
}

/** The function node of `export const NAME = differentiable(fn, …)`. */
function findFunction(file: SourceFile, exportName: string, errors: Unsupported): Node {
  const decl = file.getVariableDeclaration(exportName);
  const call = decl?.getInitializer();
  if (!decl || !call || !Node.isCallExpression(call) || call.getArguments().length === 0) {
    throw new CompileError(`cannot find the function of '${exportName}' in the source`, decl ? locationOf(decl, errors.fileName) : undefined,
      `write it where it is exported: export const ${exportName} = differentiable((x: number) => …)`);
  }
  const arg = call.getArguments()[0];
  if (Node.isArrowFunction(arg) || Node.isFunctionExpression(arg)) return arg;
  if (Node.isIdentifier(arg)) {
    const fn = file.getFunction(arg.getText());
    if (fn) return fn;
    const init = file.getVariableDeclaration(arg.getText())?.getInitializer();
    if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return init;
  }
  throw errors.error(arg, `the first argument of differentiable must be a function written in this file`,
    'pass an arrow function, or the name of a function declared in this file');
}
