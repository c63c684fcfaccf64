import type { SourceFile } from 'ts-morph';
import type { DifferentiableOptions } from '../dsl/differentiable.js';
import { translateFunction } from '../frontends/typescript/translate-function.js';
import { CompileError, SpecKeyError } from '../util/errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { type Differentiated, differentiate } from '../passes/differentiate.js';
import { sinkSelects } from '../passes/sink-selects.js';
import { hoistScales } from '../passes/hoist-scales.js';
import { shareCommuted } from '../passes/share-commuted.js';
import { type Element, scalarize } from '../passes/scalarize.js';
import type { NodeId } from '../ir/graph.js';
import type { SourceStep } from '../frontends/typescript/statements.js';
import { validateFunctionOptions } from './function-options.js';
import { type CompiledExpression, type LoopedFunction, differentiateParsed } from './expression.js';
import { counted } from '../util/plural.js';
import { recurrences } from './recurrence.js';

/**
 * Translates `export const NAME = differentiable(fn, options)` of a model file
 * (its syntax tree, read by ts-morph) and differentiates it like an
 * expression. Errors in the function are located at file:line:col; errors in
 * the options name the option (the driver points at it).
 */
export function compileFunction(
  file: SourceFile,
  fileName: string,
  name: string,
  given: DifferentiableOptions = {},
  /** The model's name in the notes and the code's citation (fileName: the name errors show). */
  sourceName: string = fileName,
): CompiledExpression {
  const options = validateFunctionOptions(given);
  // One translation, long loops kept as loops (a loop too long to unroll that cannot be kept is reported there, saying why);
  // its scalar form (every vector written out element by element) is what the notes, the point and the Hessian use.
  const kept = translateFunction(file, fileName, name, options.lengths ?? {}, true);
  const provenance = new Map<NodeId, SourceStep>();
  const elements = new Map<NodeId, Element>();
  const scalar = scalarize(kept.graph, [kept.output], (made, from, element) => {
    const step = kept.provenance.get(from);
    if (step !== undefined && !provenance.has(made)) provenance.set(made, step);
    if (element !== undefined) elements.set(made, element);
  }, kept.variableNodes);
  // x[i] of a vector parameter is its element i too
  let v = 0;
  for (const p of kept.parameters) {
    const length = p.length ?? 1;
    if (p.length !== undefined) for (let i = 0; i < length; i++) elements.set(scalar.variableNodes[v + i], { index: i, length });
    v += length;
  }
  const output = (scalar.elements.get(kept.output) as readonly NodeId[])[0];
  const parsed = { graph: scalar.graph, output, variables: scalar.variables, variableColumns: new Map<string, number>() };
  const origin = {
    parameters: kept.parameters.map((p) => (p.length === undefined ? { name: p.name } : { name: p.name, length: p.length })),
    provenance,
    file: sourceName,
    lines: kept.lines,
    translation: kept.translation,
    ...(kept.loopsKept > 0 ? { elements } : {}),
  };
  const at = options.at === undefined ? undefined : flattenPoint(options.at, origin.parameters);
  const compiled = differentiateParsed(name, kept.text, parsed, scalar.variables, { hessian: options.hessian, at, descent: options.descent }, origin);
  if (kept.loopsKept === 0) return compiled;
  const looped = simplified(differentiate(kept.graph, kept.output, kept.variableNodes), kept.provenance);
  const point = at === undefined ? undefined : { parameters: origin.parameters, values: at };
  const stated = recurrences(looped.gradient, (id) => kept.provenance.get(id)?.name, point);
  return { ...compiled, looped: { ...looped, stepProvenance: kept.provenance, ...(stated.length > 0 ? { recurrences: stated } : {}) } };
}

/**
 * The looped gradient after sinkSelects (the adjoints of a branch computed
 * inside it; the broadcast seed of a sum, 1 in every lane, a number),
 * hoistScales (a constant scale of every iteration's term applied once to the sum)
 * and shareCommuted (b·a computed once when a·b is), its
 * nodes and provenance carried over. (Not simplify: its a·(p/q) = ap/q
 * would turn slope · t, t = i/8 a table, into a division per iteration.)
 */
function simplified(d: Differentiated, provenance: ReadonlyMap<NodeId, SourceStep>): LoopedFunction {
  const sunk = sinkSelects(d.graph);
  const hoisted = hoistScales(sunk.graph);
  const { graph, map: shared } = shareCommuted(hoisted.graph);
  const map = sunk.map.map((id) => shared[hoisted.map[id]]);
  const adjoints = new Map([...d.adjoints].map(([id, adjoint]) => [map[id], map[adjoint]]));
  return {
    gradient: {
      graph,
      output: map[d.output],
      wrt: d.wrt.map((id) => map[id]),
      gradient: d.gradient.map((id) => map[id]),
      adjoints,
      contributions: new Map(),
      active: d.active.map((id) => map[id]),
    },
    provenance: new Map([...provenance].filter(([id]) => id < map.length).map(([id, step]) => [map[id], step])),
  };
}

/** `{ theta: 1, x: [1, 2] }` → `{ theta: 1, 'x[0]': 1, 'x[1]': 2 }`, checking each vector's length. */
function flattenPoint(
  at: Readonly<Record<string, number | readonly number[]>>,
  parameters: readonly { readonly name: string; readonly length?: number }[],
): Record<string, number> {
  const names = parameters.map((p) => p.name);
  for (const key of Object.keys(at)) {
    if (names.includes(key)) continue;
    const meant = didYouMean(key, names);
    throw new SpecKeyError(`'at' gives a value for '${key}', which is not a parameter`, undefined,
      `${meant ? `did you mean '${meant}'? ` : ''}the parameters are ${names.join(', ')}`, 'at', ['at', key]);
  }
  const flat: Record<string, number> = {};
  for (const p of parameters) {
    const v = at[p.name];
    if (p.length === undefined) {
      if (typeof v === 'number') flat[p.name] = v;
      else if (v !== undefined) throw new CompileError(`'at' gives an array for '${p.name}', a number parameter`, undefined, `e.g. at: { ${p.name}: 1 }`, 'at', ['at', p.name]);
      continue; // a missing value is reported with the others by the middle end
    }
    if (!Array.isArray(v) || v.length !== p.length) {
      throw new CompileError(`'at' must give '${p.name}' as an array of ${counted(p.length, 'number')}`, undefined,
        `e.g. at: { ${p.name}: [${Array.from({ length: Math.min(p.length, 3) }, () => '0').join(', ')}${p.length > 3 ? ', …' : ''}] }`, 'at',
        v === undefined ? undefined : ['at', p.name]);
    }
    (v as readonly number[]).forEach((x, i) => { flat[`${p.name}[${i}]`] = x; });
  }
  return flat;
}
