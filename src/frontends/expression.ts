import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';
import { Graph, type NodeId } from '../ir/graph.js';
import type { OpName } from '../ops/registry.js';
import { CompileError } from '../util/errors.js';

/**
 * mathjs (only its parser) loaded at the first expression parsed, synchronously:
 * importing it builds every one of its functions (~1 s of CPU at start-up),
 * which a model of functions or networks never needs.
 */
let parser: { parse(text: string): MathNode } | undefined;
function mathParser(): { parse(text: string): MathNode } {
  if (parser === undefined) {
    const { create, parseDependencies } = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
    parser = create({ parseDependencies });
  }
  return parser;
}

/** The one-argument functions of the expression language, by the name users write. */
export const UNARY_FUNCTIONS = [
  'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid', 'relu', 'softplus',
  'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'expm1', 'log1p', 'log2', 'log10', 'cbrt',
  'sign', 'floor', 'ceil', 'round', 'trunc',
] as const satisfies readonly OpName[];

/** Two-argument functions; max and min also take more (folded left: max(a, b, c) = max(max(a, b), c)). */
export const BINARY_FUNCTIONS = ['atan2', 'hypot', 'max', 'min'] as const satisfies readonly OpName[];

/** Every function of the expression language. */
export const FUNCTIONS: readonly OpName[] = [...UNARY_FUNCTIONS, ...BINARY_FUNCTIONS];

/** Functions that take any number ≥ 2 of arguments. */
const VARIADIC: ReadonlySet<string> = new Set(['max', 'min']);

const BINARY: Readonly<Record<string, OpName>> = {
  add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', pow: 'pow',
};

const LIKELY_MEANT: Readonly<Record<string, string>> = {
  ln: 'log (the natural logarithm)', pow: 'the ^ operator', square: 'x^2', logistic: 'sigmoid',
  fix: 'trunc', arctan: 'atan', arcsin: 'asin', arccos: 'acos',
  arsinh: 'asinh', arcsinh: 'asinh', arcosh: 'acosh', arccosh: 'acosh', artanh: 'atanh', arctanh: 'atanh',
};

const CONSTRUCTS: Readonly<Record<string, string>> = {
  ArrayNode: 'a matrix literal', AssignmentNode: 'an assignment', FunctionAssignmentNode: 'a function definition',
  ConditionalNode: 'a conditional (?:)', RangeNode: 'a range (a:b)', IndexNode: 'indexing',
  AccessorNode: 'property access', ObjectNode: 'an object literal', BlockNode: 'several statements',
  RelationalNode: 'a comparison chain',
};

/**
 * The largest expression compiled: operators and function calls in all, and
 * levels of nested parentheses (a call's parentheses count). Beyond them the
 * parser and the recursive passes would overflow the stack, and the notes
 * TeX's memory; a larger input is an error saying so.
 */
export const EXPRESSION_LIMITS = { operations: 2000, nesting: 200 } as const;

/** Greek letters that may be spelled as a name (the notes print `alpha` as α). */
const GREEK_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
    'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega']
    .flatMap((name, i) => [[String.fromCodePoint(0x3b1 + i + (i >= 17 ? 1 : 0)), name],
      [String.fromCodePoint(0x391 + i + (i >= 17 ? 1 : 0)), name[0].toUpperCase() + name.slice(1)]]),
);

export interface ParsedExpression {
  readonly graph: Graph;
  readonly output: NodeId;
  /** Variable names in order of first appearance. */
  readonly variables: readonly string[];
  /** Column (1-based) of each variable's first appearance. */
  readonly variableColumns: ReadonlyMap<string, number>;
  /**
   * Where each step (an op node) was first written: the column (1-based) of
   * its function name or operator, and the text of the whole construct
   * (`log(x)`, `1/x`) — so an error at a step points into the expression.
   */
  readonly stepSpans?: ReadonlyMap<NodeId, StepSpan>;
}

/** A step's place in the expression string. */
export interface StepSpan {
  /** The column (1-based) of the function name or the operator. */
  readonly column: number;
  /** The construct as written, e.g. `log(x)`, `x - 3`. */
  readonly text: string;
}

/**
 * Parses an expression string (mathjs is only the parser) and converts its
 * tree to our IR. Errors are CompileErrors located at a column of `source`.
 */
export function parseExpression(source: string, graph = new Graph()): ParsedExpression {
  checkCharacters(source);
  let tree: MathNode;
  try {
    tree = mathParser().parse(source);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(source, 1); // a chain such as - - - … x or x^x^…^x
    const err = e as Error & { char?: number };
    const column = typeof err.char === 'number' ? err.char : 1;
    throw located(source, column, `syntax error: ${err.message.replace(/ \(char \d+\)$/, '')}`,
      'check the operators and parentheses around this column');
  }
  checkSize(source, tree);
  const walker = new SourceWalker(source, graph);
  const output = walker.convert(tree);
  return { graph, output, variables: walker.variables, variableColumns: walker.variableColumns, stepSpans: walker.stepSpans };
}

/** α → write alpha (the notes print lower-case Greek names as the letter); π → the constant pi. */
function greekHint(letter: string, spelled: string): string {
  if (spelled === 'pi') return 'write pi for the constant π';
  const typeset = /^[a-z]/.test(spelled) && spelled !== 'omicron';
  return typeset ? `write ${spelled}: the notes print it as ${letter}` : `write ${spelled}`;
}

/**
 * What mathjs would read although the language has no such thing: a comment
 * (`x # note` would silently drop the note), and parentheses nested deeper
 * than the limit (mathjs's recursive parser would overflow). Iterative, so it
 * is safe on any input.
 */
function checkCharacters(source: string): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      throw located(source, i + 1, "'#' is not part of the expression language (there are no comments)",
        'remove it, and anything after it that is not part of the expression');
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    if (depth > EXPRESSION_LIMITS.nesting) throw tooDeep(source, i + 1);
  }
}

function tooDeep(source: string, column: number): CompileError {
  return located(source, column, `expression nested too deeply (the limit is ${EXPRESSION_LIMITS.nesting} levels)`,
    'split it: compute an inner part as its own expression, or simplify the nesting');
}

/** The number of operators and calls, counted without recursion (the tree may be 2000 levels deep). */
function checkSize(source: string, tree: MathNode): void {
  let operations = 0;
  const pending: MathNode[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop() as MathNode;
    if (node.type === 'OperatorNode' || node.type === 'FunctionNode') operations++;
    node.forEach((child) => pending.push(child));
  }
  if (operations > EXPRESSION_LIMITS.operations) {
    throw located(source, 1,
      `expression too large: ${operations} operations (operators and function calls); the limit is ${EXPRESSION_LIMITS.operations}`,
      'split it into several expressions, or compile it as a network for sums over many terms');
  }
}

function located(source: string, column: number, message: string, hint?: string): CompileError {
  return new CompileError(message, { line: 1, column, lineText: source }, hint);
}

/**
 * Converts mathjs nodes in source order while a cursor follows the text, so
 * every construct — and every error — has its column (mathjs keeps none).
 */
class SourceWalker {
  readonly variables: string[] = [];
  readonly variableColumns = new Map<string, number>();
  readonly stepSpans = new Map<NodeId, StepSpan>();
  private cursor = 0;

  constructor(
    private readonly source: string,
    private readonly g: Graph,
  ) {}

  convert(node: MathNode): NodeId {
    const start = this.skipSpace();
    switch (node.type) {
      case 'ConstantNode': {
        const value = (node as math.ConstantNode).value;
        if (typeof value !== 'number') this.fail(start, `unsupported constant ${JSON.stringify(value)}`, 'only numbers are allowed');
        if (!Number.isFinite(value)) this.nonFinite(start);
        this.consumePattern(/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/);
        return this.g.constant(value as number);
      }
      case 'SymbolNode':
        return this.symbol((node as math.SymbolNode).name, start);
      case 'ParenthesisNode': {
        this.consume('(');
        const inner = this.convert((node as math.ParenthesisNode).content);
        this.consume(')');
        return inner;
      }
      case 'FunctionNode':
        return this.call(node as math.FunctionNode, start);
      case 'OperatorNode':
        return this.operator(node as math.OperatorNode, start);
      default:
        return this.fail(start, `unsupported construct: ${CONSTRUCTS[node.type] ?? node.type}`,
          'expressions may use numbers, variables, + - * / ^, parentheses and the functions ' + FUNCTIONS.join(', '));
    }
  }

  /** `NaN`, `Infinity` and numbers beyond the largest double (1e400) are mistakes, not values. */
  private nonFinite(start: number): never {
    const word = /^(NaN|Infinity)/.exec(this.source.slice(start));
    if (word) this.fail(start, `'${word[1]}' is not a number the expression may use`, 'write a finite number');
    this.fail(start, 'number too large: it is beyond the largest double (about 1.8e308) and would be Infinity',
      'write a smaller number, or rescale the expression');
  }

  private symbol(name: string, start: number): NodeId {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      const greek = GREEK_NAMES[name];
      this.fail(start, `variable name '${name}' is not a plain name (letters a-z, A-Z, digits and _)`,
        greek ? greekHint(name, greek) : 'rename it, e.g. x, w1, rate');
    }
    this.consume(name);
    if (name === 'pi') return this.g.constant(Math.PI);
    if (name === 'e') return this.g.constant(Math.E);
    // a function's name not called (softplus * 2) is a variable like any other: the generated code's
    // helper takes another name (softplus_), the notes print it in italics, the function upright
    if (!this.variableColumns.has(name)) {
      this.variables.push(name);
      this.variableColumns.set(name, start + 1);
    }
    return this.g.variable(name);
  }

  private call(node: math.FunctionNode, start: number): NodeId {
    const name = node.fn.type === 'SymbolNode' ? (node.fn as math.SymbolNode).name : '';
    const op = (FUNCTIONS as readonly string[]).includes(name) ? (name as OpName) : undefined;
    if (!op) {
      const meant = LIKELY_MEANT[name];
      this.fail(start, `unknown function '${name || node.fn.toString()}'`,
        meant ? `use ${meant}` : `the functions are ${FUNCTIONS.join(', ')}`);
    }
    const arity = (BINARY_FUNCTIONS as readonly string[]).includes(name) ? 2 : 1;
    const count = node.args.length;
    if (VARIADIC.has(name) ? count < 2 : count !== arity) {
      const expected = VARIADIC.has(name) ? '2 or more arguments' : `${arity} argument${arity === 1 ? '' : 's'}`;
      this.fail(start, `${name} takes ${expected}, got ${count}`,
        name === 'log' ? 'log is the natural logarithm; for base b write log(x) / log(b)' : undefined);
    }
    this.consume(name);
    this.consume('(');
    const args = node.args.map((arg, i) => {
      if (i > 0) this.consume(',');
      return this.convert(arg);
    });
    this.consume(')');
    if (arity === 1) return this.step(this.g.call(op as OpName, args[0]), start, start);
    return args.slice(1).reduce((acc, arg) => this.step(this.g.apply(op as OpName, [acc, arg]), start, start), args[0]);
  }

  /** Records where `id` was written (its first place): the construct from `start` to the cursor, its operator at `at`. */
  private step(id: NodeId, start: number, at: number): NodeId {
    if (!this.stepSpans.has(id)) this.stepSpans.set(id, { column: at + 1, text: this.source.slice(start, this.cursor).trim() });
    return id;
  }

  private operator(node: math.OperatorNode, start: number): NodeId {
    const { fn, args } = node;
    const percentage = (node as { isPercentage?: boolean }).isPercentage === true;
    const symbol = percentage ? '%' : node.op; // mathjs reads 50% as 50 / 100
    const unsupported = () =>
      this.fail(this.find(symbol, start), `unsupported operator '${symbol}'`,
        'the operators are + - * / ^ (and unary minus)');
    if (percentage) return unsupported();
    if (args.length === 1 && (fn === 'unaryMinus' || fn === 'unaryPlus')) {
      this.consume(node.op);
      const x = this.convert(args[0]);
      return fn === 'unaryMinus' ? this.step(this.g.neg(x), start, start) : x;
    }
    const op = BINARY[fn];
    if (args.length !== 2 || !op) {
      if (args.length === 2) this.convert(args[0]); // move the cursor to the operator
      return unsupported();
    }
    const left = this.convert(args[0]);
    if (node.implicit) {
      // mathjs reads 2x, 5 cm and log(x)(y) as products, with a precedence of its own
      // (1/2x is x/2 but x/2y is x/(2y)): the language asks for every product's *.
      this.fail(this.skipSpace(), 'implicit multiplication: write * between the factors',
        `e.g. 2*x, log(x)*y; a name is one word (x y is two variables)`);
    }
    const at = this.find(node.op, this.skipSpace());
    this.consume(node.op);
    const right = this.convert(args[1]);
    return this.step(this.g.apply(op, [left, right]), start, at);
  }

  private skipSpace(): number {
    while (this.cursor < this.source.length && /\s/.test(this.source[this.cursor])) this.cursor++;
    return this.cursor;
  }

  /** Index of `text` at or after `from` (where a construct's token is). */
  private find(text: string, from: number): number {
    const at = this.source.indexOf(text, from);
    return at < 0 ? from : at;
  }

  private consume(text: string): void {
    this.cursor = this.find(text, this.skipSpace()) + text.length;
  }

  private consumePattern(pattern: RegExp): void {
    const m = pattern.exec(this.source.slice(this.skipSpace()));
    if (m) this.cursor += m[0].length;
  }

  private fail(index: number, message: string, hint?: string): never {
    throw located(this.source, index + 1, message, hint);
  }
}
