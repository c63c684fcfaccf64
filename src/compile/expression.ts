import type { Recurrence } from './recurrence.js';
import type { Graph, NodeId } from '../ir/graph.js';
import type { Element } from '../passes/scalarize.js';
import { parseExpression, type ParsedExpression } from '../frontends/expression.js';
import { differentiate, hessian, type Differentiated } from '../passes/differentiate.js';
import { evaluateGenerated, generatedForm } from './as-generated.js';
import { CompileError } from '../util/errors.js';
import { checkPointVariables, pointWarning, validateExprOptions } from './expression-options.js';
import { type Descent, gradientDescent } from './descent.js';
import { type DescentPlot, descentPlot } from './descent-plot.js';
import { domainError } from './point-domain.js';
import type { DescentOptions } from '../dsl/expr.js';
import type { TranslationSummary } from '../frontends/typescript/translation-record.js';

/** Where a function's expression comes from: its parameters and source lines. */
export interface FunctionOrigin {
  /** The parameters in order; a vector parameter has a length and its variables are x[0], x[1], …. */
  readonly parameters: readonly { readonly name: string; readonly length?: number }[];
  /** The line (and variable name) of model.ts that computed each forward node. */
  readonly provenance: ReadonlyMap<NodeId, { readonly line: number; readonly name?: string }>;
  /** The model file, the function's first and last line there. */
  readonly file: string;
  readonly lines: { readonly first: number; readonly last: number };
  /** What the translation did (reassignments, branches, loops, inlined calls), which the notes say. */
  readonly translation: TranslationSummary;
  /**
   * With loops kept as loops: the element (the loop iteration, or the entry of
   * a vector parameter) each node of the unrolled graph computes; the notes
   * show the first and last iterations of a long loop and say the rest are alike.
   */
  readonly elements?: ReadonlyMap<NodeId, Element>;
}

/** A function with loops kept as loops (frontends/typescript/lanes.ts), differentiated. */
export interface LoopedFunction {
  /** Forward graph + reverse sweep; `gradient[i]` is a scalar, or a vector [n] for a vector parameter. */
  readonly gradient: Differentiated;
  /** The line (and variable name) of model.ts that computed each node. */
  readonly provenance: ReadonlyMap<NodeId, { readonly line: number; readonly name?: string }>;
  /** The same for the nodes a recurrence's step was made from (a scan step's origins, nodes of the translated graph). */
  readonly stepProvenance?: ReadonlyMap<NodeId, { readonly line: number; readonly name?: string }>;
  /** Its recurrences (scans), as the notes state them (recurrence.ts). */
  readonly recurrences?: readonly Recurrence[];
}

/** An expression after the middle end: everything both backends print. */
export interface CompiledExpression {
  /** The export name in model.ts (the generated functions' name). */
  readonly name: string;
  readonly source: string;
  readonly parsed: ParsedExpression;
  /** Parameter order of the generated functions. */
  readonly variables: readonly string[];
  /** The variable nodes, in `variables` order. */
  readonly variableNodes: readonly NodeId[];
  /** Forward graph + reverse sweep (ordinary IR). */
  readonly gradient: Differentiated;
  /** When asked for: the gradient differentiated again, rows in one graph. */
  readonly hessian?: { readonly graph: Graph; readonly rows: readonly (readonly NodeId[])[] };
  /** Set when the expression is a TypeScript function of model.ts (frontends/typescript). */
  readonly origin?: FunctionOrigin;
  /**
   * Set when the function has loops kept as loops: value and gradient over
   * whole-vector variables, which the generated E and E_grad print as loops.
   * The notes, the point and the Hessian use the unrolled graph above.
   */
  readonly looped?: LoopedFunction;
  /** The point from `at`, with value and gradient there (from the IR interpreter). */
  readonly point?: {
    readonly values: Readonly<Record<string, number>>;
    readonly value: number;
    readonly gradient: readonly number[];
    /** When the value or a derivative there is ∞ or NaN: what to tell the user (a domain error). */
    readonly warning?: CompileError;
  };
  /** When asked for (`descent`): gradient descent from the point, and its plot for one or two variables. */
  readonly descent?: Descent & { readonly plot?: DescentPlot };
}

/**
 * Parses and differentiates one expression. Errors are CompileErrors located
 * in the expression (column) — the caller maps them into model.ts.
 */
/** How a hint writes the wrt and at options: as model.ts does (the default), or as the CLI's --wrt and --at. */
export interface OptionSpelling {
  readonly wrt: (names: readonly string[]) => string;
  readonly at: (names: readonly string[]) => string;
}

export const MODEL_SPELLING: OptionSpelling = {
  wrt: (names) => `wrt: [${names.map((x) => `'${x}'`).join(', ')}]`,
  at: (names) => `at: { ${names.map((x) => `${x}: 1`).join(', ')} }`,
};

export function compileExpression(name: string, source: string, givenOptions: unknown = {}, spelling: OptionSpelling = MODEL_SPELLING): CompiledExpression {
  if (typeof source !== 'string') {
    throw new CompileError(`expr takes the expression as a string, got ${typeof source}`, undefined, "write expr('x^2 + 1')");
  }
  const options = validateExprOptions(givenOptions);
  const parsed = parseExpression(source);
  const variables = checkWrt(source, parsed, options.wrt, spelling);
  if (options.at) {
    checkPointVariables(options.at, variables);
    const missing = firstWithoutValue(options.at, variables);
    if (missing !== undefined) throw noValueError(missing, variables, spelling);
  }
  const compiled = differentiateParsed(name, source, parsed, variables, options);
  // never notes of ∞ and NaN: a point outside the domain is an error at the step undefined there
  const outside = domainError(compiled);
  if (outside) throw outside;
  return compiled;
}

/**
 * The middle end shared by the frontends: differentiates a parsed graph with
 * respect to `variables` (scalar variables of the graph, in parameter order),
 * and the Hessian and the point when asked.
 */
export function differentiateParsed(
  name: string,
  source: string,
  parsed: ParsedExpression,
  variables: readonly string[],
  options: { readonly hessian?: boolean; readonly at?: Readonly<Record<string, number>>; readonly descent?: DescentOptions },
  origin?: FunctionOrigin,
): CompiledExpression {
  const variableNodes = variables.map((v) => parsed.graph.variable(v));
  const gradient = differentiate(parsed.graph, parsed.output, variableNodes);
  const compiled = { name, source, parsed, variables, variableNodes, gradient, origin };
  const point = options.at ? pointOf(compiled, options.at) : undefined;
  return {
    ...compiled,
    hessian: options.hessian ? hessian(gradient) : undefined,
    point,
    descent: point && options.descent ? descentWithPlot(gradient, variables, point.values, options.descent) : undefined,
  };
}

function descentWithPlot(
  gradient: Differentiated,
  variables: readonly string[],
  start: Readonly<Record<string, number>>,
  options: DescentOptions,
): Descent & { readonly plot?: DescentPlot } {
  const run = gradientDescent(gradient, variables, start, options);
  return { ...run, plot: descentPlot(gradient, variables, run) };
}

function checkWrt(source: string, parsed: ParsedExpression, wrt: readonly string[] | undefined, spelling: OptionSpelling): readonly string[] {
  if (!wrt) return parsed.variables;
  const seen = new Set<string>();
  for (const v of wrt) {
    if (seen.has(v)) throw new CompileError(`'${v}' appears twice in wrt`, undefined, 'list each variable once', 'wrt');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
      throw new CompileError(`'${v}' in wrt is not a variable name`, undefined, 'use names such as x, y, w1', 'wrt');
    }
    seen.add(v);
  }
  for (const v of parsed.variables) {
    if (!seen.has(v)) {
      throw new CompileError(`variable '${v}' is not listed in wrt`,
        { line: 1, column: parsed.variableColumns.get(v) ?? 1, lineText: source },
        `add it: ${spelling.wrt([...wrt, v])}`);
    }
  }
  return wrt;
}

function pointOf(
  c: Pick<CompiledExpression, 'variables' | 'gradient' | 'parsed' | 'origin'>,
  at: Readonly<Record<string, number>>,
): CompiledExpression['point'] {
  const missing = firstWithoutValue(at, c.variables);
  if (missing !== undefined) {
    if (c.origin) throw new CompileError(`'at' gives no finite value for '${missing}'`, undefined, atHint(c.origin), 'at');
    throw noValueError(missing, c.variables, MODEL_SPELLING);
  }
  const values = Object.fromEntries(c.variables.map((v) => [v, at[v]]));
  // as the generated code computes them: only the side taken of each branch
  const form = generatedForm(c.gradient.graph, c.gradient.output, [c.gradient.output, ...c.gradient.gradient]);
  const computed = evaluateGenerated(form, values);
  const [value, ...grad] = computed.numbers;
  const warning = pointWarning(form, computed, c.variables, values);
  return { values, value, gradient: grad, ...(warning ? { warning } : {}) };
}

/** The first variable the point gives no finite number for. */
function firstWithoutValue(at: Readonly<Record<string, number>>, variables: readonly string[]): string | undefined {
  return variables.find((v) => typeof at[v] !== 'number' || !Number.isFinite(at[v]));
}

function noValueError(variable: string, variables: readonly string[], spelling: OptionSpelling): CompileError {
  return new CompileError(`'at' gives no finite value for variable '${variable}'`, undefined,
    `give every variable a number: ${spelling.at(variables)}`, 'at');
}

/** `at: { theta: 1, x: [1, 2, 3] }` for a function's parameters. */
function atHint(origin: FunctionOrigin): string {
  const values = origin.parameters.map((p) => `${p.name}: ${p.length === undefined ? '1' : `[${Array.from({ length: Math.min(p.length, 3) }, () => '1').join(', ')}${p.length > 3 ? ', …' : ''}]`}`);
  return `give every parameter a value (vectors as arrays of their length): at: { ${values.join(', ')} }`;
}
