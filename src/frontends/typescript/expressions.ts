import type { Expression, SpreadElement } from 'ts-morph';
import { Node, SyntaxKind } from '../../util/ts-morph.js';
import { type Graph, type NodeId, strided } from '../../ir/graph.js';
import type { CompileError } from '../../util/errors.js';
import { type Binding, type Condition, type Env, type FunctionValue, type Value } from './values.js';
import { MATH_CONSTANTS, MATH_FUNCTIONS, buildMathCall, expectedArguments } from './math-members.js';
import { LOCAL_ARRAY_HINT, SUPPORTED, type Unsupported, tableHint, topLevelConstOf } from './located.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { TranslationRecord } from './translation-record.js';

/** Where an expression is evaluated: the names in scope, their current values on this path, and the call frame. */
export interface Context {
  readonly env: Env;
  readonly store: Map<number, Value>;
  /** The inlined call this code runs in (0: the differentiated function itself). */
  readonly frame: number;
}

const ARITHMETIC: Partial<Record<SyntaxKind, (g: Graph, a: NodeId, b: NodeId) => NodeId>> = {
  [SyntaxKind.PlusToken]: (g, a, b) => g.add(a, b),
  [SyntaxKind.MinusToken]: (g, a, b) => g.sub(a, b),
  [SyntaxKind.AsteriskToken]: (g, a, b) => g.mul(a, b),
  [SyntaxKind.SlashToken]: (g, a, b) => g.div(a, b),
  [SyntaxKind.AsteriskAsteriskToken]: (g, a, b) => g.pow(a, b),
};

/** `a op= b` → the arithmetic of `op`. */
export const COMPOUND: Partial<Record<SyntaxKind, SyntaxKind>> = {
  [SyntaxKind.PlusEqualsToken]: SyntaxKind.PlusToken,
  [SyntaxKind.MinusEqualsToken]: SyntaxKind.MinusToken,
  [SyntaxKind.AsteriskEqualsToken]: SyntaxKind.AsteriskToken,
  [SyntaxKind.SlashEqualsToken]: SyntaxKind.SlashToken,
  [SyntaxKind.AsteriskAsteriskEqualsToken]: SyntaxKind.AsteriskAsteriskToken,
};

/** Comparisons as a ◇ b with ◇ ∈ {<, ≤, =}: `swap` reads a > b as b < a; `negate` reads a !== b as not (a = b). */
const COMPARISONS: Partial<Record<SyntaxKind, { op: 'lt' | 'le' | 'eq'; swap: boolean; negate: boolean }>> = {
  [SyntaxKind.LessThanToken]: { op: 'lt', swap: false, negate: false },
  [SyntaxKind.LessThanEqualsToken]: { op: 'le', swap: false, negate: false },
  [SyntaxKind.GreaterThanToken]: { op: 'lt', swap: true, negate: false },
  [SyntaxKind.GreaterThanEqualsToken]: { op: 'le', swap: true, negate: false },
  [SyntaxKind.EqualsEqualsEqualsToken]: { op: 'eq', swap: false, negate: false },
  [SyntaxKind.EqualsEqualsToken]: { op: 'eq', swap: false, negate: false },
  [SyntaxKind.ExclamationEqualsEqualsToken]: { op: 'eq', swap: false, negate: true },
  [SyntaxKind.ExclamationEqualsToken]: { op: 'eq', swap: false, negate: true },
};

const ASSIGNMENTS = new Set<SyntaxKind>([SyntaxKind.EqualsToken, ...Object.keys(COMPOUND).map(Number)]);

/**
 * Translates the expressions of a function to IR, reading its syntax tree
 * (ts-morph): nothing is run. Names resolve to the function's bindings, then
 * to top-level `const`s and functions of the same file. The statements'
 * side (control flow, calls) is the subclass's.
 */
export abstract class ExpressionTranslator {
  /** What the translation did (reassignments, branches, loops, calls), for the notes. */
  readonly record = new TranslationRecord();

  constructor(
    protected readonly g: Graph,
    protected readonly errors: Unsupported,
  ) {}

  /** A top-level `const` or function of the file, by name (undefined: none). */
  protected abstract topLevel(name: string, at: Node): Value | undefined;

  /** Inlines a call of a local or same-file function with these arguments. */
  protected abstract callFunction(fn: FunctionValue, args: readonly Value[], call: Node, ctx: Context): Value;

  /** An assignment used as a value (in a condition, an argument, …): only statements may assign. */
  protected abstract assignmentInExpression(node: Node): CompileError;

  expression(node: Expression, ctx: Context): Value {
    // getLiteralText, not ts-morph's getLiteralValue: that one reads 1e-7 and 1e300 as 1 (parseInt of a
    // text it takes for an integer); the literal's normalized text (1e-7, 1e+300, 16 for 0x10) is exact
    if (Node.isNumericLiteral(node)) return this.number(this.g.constant(Number(node.getLiteralText())));
    if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isNonNullExpression(node)
      || Node.isSatisfiesExpression(node) || Node.isTypeAssertion(node)) {
      return this.expression(node.getExpression(), ctx);
    }
    if (Node.isTrueLiteral(node) || Node.isFalseLiteral(node)) {
      return { kind: 'bool', condition: { kind: 'constant', value: Node.isTrueLiteral(node) } };
    }
    if (Node.isIdentifier(node)) return this.identifier(node, ctx);
    if (Node.isPrefixUnaryExpression(node)) return this.prefix(node, ctx);
    if (Node.isBinaryExpression(node)) return this.binary(node, ctx);
    if (Node.isConditionalExpression(node)) return this.conditional(node, ctx);
    if (Node.isCallExpression(node)) return this.call(node, ctx);
    if (Node.isPropertyAccessExpression(node)) return this.property(node, ctx);
    if (Node.isElementAccessExpression(node)) return this.element(node, ctx);
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
      return { kind: 'function', declaration: node, env: ctx.env };
    }
    if (Node.isArrayLiteralExpression(node)) return this.list(node.getElements(), ctx);
    if (Node.isPostfixUnaryExpression(node)) throw this.assignmentInExpression(node);
    throw this.unsupportedExpression(node);
  }

  /** An expression that must be a number. */
  numberOf(node: Expression, ctx: Context): NodeId {
    return this.numberIn(this.expression(node, ctx), node);
  }

  /** An expression that must be a condition (a comparison, && || !, true/false). */
  conditionOf(node: Expression, ctx: Context): Condition {
    const v = this.expression(node, ctx);
    if (v.kind === 'bool') return v.condition;
    throw this.errors.error(node, `expected a condition, got ${describe(v)}`,
      v.kind === 'number' ? `compare it explicitly, e.g. ${node.getText()} !== 0` : 'use a comparison such as x < y');
  }

  protected number(node: NodeId): Value {
    return { kind: 'number', node };
  }

  /** The current value of a name on this path. */
  protected read(binding: Binding, at: Node, ctx: Context): Value {
    const v = ctx.store.get(binding.id);
    if (v === undefined || v.kind === 'unset') {
      throw this.errors.error(at, `'${binding.name}' may be read before it is assigned`,
        'assign it on every path before this line (e.g. let s = 0;)');
    }
    if (v.kind === 'accumulator') {
      // (only while a loop is tried as a loop: the translator then unrolls it)
      throw this.errors.error(at, `'${binding.name}' is read in the loop that adds to it`, 'a loop kept as a loop only adds to it: s += …');
    }
    return v;
  }

  private identifier(node: Node, ctx: Context): Value {
    const name = node.getText();
    const binding = ctx.env.get(name);
    if (binding) return this.read(binding, node, ctx);
    if (name === 'Infinity') return this.number(this.g.constant(Infinity));
    const top = this.topLevel(name, node);
    if (top) return top;
    if (name === 'Math') throw this.errors.error(node, "'Math' must be followed by one of its functions or constants", 'e.g. Math.sin(x) or Math.PI');
    throw this.errors.error(node, `unknown name '${name}'`,
      'a function may use its parameters, its own variables, and top-level consts and functions of this file');
  }

  private prefix(node: Node & { getOperatorToken(): SyntaxKind; getOperand(): Expression }, ctx: Context): Value {
    const op = node.getOperatorToken();
    const operand = node.getOperand();
    if (op === SyntaxKind.MinusToken) return this.number(this.g.neg(this.numberOf(operand, ctx)));
    if (op === SyntaxKind.PlusToken) return this.number(this.numberOf(operand, ctx));
    if (op === SyntaxKind.ExclamationToken) return { kind: 'bool', condition: { kind: 'not', p: this.conditionOf(operand, ctx) } };
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) throw this.assignmentInExpression(node);
    throw this.errors.error(node, `unsupported operator '${node.getText().slice(0, 1)}'`, 'the operators are + - * / ** and - ! in front');
  }

  private binary(node: Node & { getOperatorToken(): Node; getLeft(): Expression; getRight(): Expression }, ctx: Context): Value {
    const token = node.getOperatorToken();
    const kind = token.getKind();
    const left = node.getLeft();
    const right = node.getRight();
    const arithmetic = ARITHMETIC[kind];
    if (arithmetic) return this.number(arithmetic(this.g, this.numberOf(left, ctx), this.numberOf(right, ctx)));
    const comparison = COMPARISONS[kind];
    if (comparison) {
      const [a, b] = [this.numberOf(left, ctx), this.numberOf(right, ctx)];
      const compare: Condition = { kind: 'compare', op: comparison.op, a: comparison.swap ? b : a, b: comparison.swap ? a : b };
      return { kind: 'bool', condition: comparison.negate ? { kind: 'not', p: compare } : compare };
    }
    if (kind === SyntaxKind.AmpersandAmpersandToken || kind === SyntaxKind.BarBarToken) {
      const p = this.conditionOf(left, ctx);
      const q = this.conditionOf(right, ctx);
      return { kind: 'bool', condition: { kind: kind === SyntaxKind.AmpersandAmpersandToken ? 'and' : 'or', p, q } };
    }
    if (kind === SyntaxKind.PercentToken) return this.remainder(node, left, right, ctx);
    if (ASSIGNMENTS.has(kind)) throw this.assignmentInExpression(node);
    throw this.errors.error(token, `unsupported operator '${token.getText()}'`,
      'the operators are + - * / **, comparisons < <= > >= === !==, and && || for conditions');
  }

  /** a % b only between numbers known when compiling (e.g. a loop index): there is no remainder op to differentiate. */
  private remainder(node: Node, left: Expression, right: Expression, ctx: Context): Value {
    const a = this.g.constantValue(this.numberOf(left, ctx));
    const b = this.g.constantValue(this.numberOf(right, ctx));
    if (a === undefined || b === undefined) {
      throw this.errors.error(node, "'%' of a value that depends on the parameters",
        '% is allowed between numbers known when compiling (such as a loop index); write x - m * Math.trunc(x / m) otherwise');
    }
    return this.number(this.g.constant(a % b));
  }

  private conditional(node: Node & { getCondition(): Expression; getWhenTrue(): Expression; getWhenFalse(): Expression }, ctx: Context): Value {
    const c = this.conditionOf(node.getCondition(), ctx);
    const known = this.knownTruth(c);
    this.record.branch(node.getStartLineNumber(), known !== undefined);
    if (known !== undefined) return this.expression(known ? node.getWhenTrue() : node.getWhenFalse(), ctx);
    const a = this.expression(node.getWhenTrue(), ctx);
    const b = this.expression(node.getWhenFalse(), ctx);
    return this.merge(c, a, b, node);
  }

  protected abstract knownTruth(c: Condition): boolean | undefined;

  protected abstract merge(c: Condition, a: Value, b: Value, at: Node): Value;

  private call(node: Node & { getExpression(): Expression; getArguments(): Node[] }, ctx: Context): Value {
    const callee = node.getExpression();
    const args = node.getArguments();
    const isMath = Node.isPropertyAccessExpression(callee) && callee.getExpression().getText() === 'Math' && !ctx.env.has('Math');
    for (const a of args) {
      // Math.max(...x): the items of a vector or array whose length is known when compiling
      if (Node.isSpreadElement(a) && !isMath) throw this.errors.error(a, 'a spread argument', 'pass the arguments one by one');
    }
    if (isMath && Node.isPropertyAccessExpression(callee)) {
      const name = callee.getName();
      if (!Object.hasOwn(MATH_FUNCTIONS, name)) {
        const meant = Object.hasOwn(WRITTEN_OUT, name) ? undefined : didYouMean(name, Object.keys(MATH_FUNCTIONS));
        throw this.errors.error(callee.getNameNode(), `Math.${name} is not supported`, Object.hasOwn(WRITTEN_OUT, name)
          ? `write it with the functions there are: Math.${name}(x) = ${WRITTEN_OUT[name]}`
          : `${meant ? `did you mean Math.${meant}? ` : ''}the Math functions are ${Object.keys(MATH_FUNCTIONS).join(', ')}`);
      }
      const values = args.flatMap((a) => (Node.isSpreadElement(a) ? this.spread(a, ctx) : [this.expression(a as Expression, ctx)])
        .map((v) => this.numberIn(v, a)));
      const expected = expectedArguments(name, values.length);
      if (expected) throw this.errors.error(node, `Math.${name} takes ${expected}, got ${values.length}`, `e.g. Math.${name}(x)`);
      return this.number(buildMathCall(this.g, name, values));
    }
    if (Node.isPropertyAccessExpression(callee)) {
      const table = topLevelConstOf(node);
      throw this.errors.error(callee.getNameNode(), `method call '.${callee.getName()}(…)' is not supported`, table !== undefined ? tableHint(table)
        : ARRAY_MAKERS.has(callee.getText()) ? LOCAL_ARRAY_HINT
          : callee.getExpression().getText() === 'console' ? 'the function is translated, never run, so it prints nothing: remove the call'
            : Object.hasOwn(ARRAY_METHODS, callee.getName()) ? `only Math functions and functions of this file can be called: ${ARRAY_METHODS[callee.getName()]}`
              : 'only Math functions and functions of this file can be called');
    }
    const fn = this.expression(callee, ctx);
    if (fn.kind !== 'function') throw this.errors.error(callee, `'${callee.getText()}' is not a function`, SUPPORTED);
    const values = args.map((a) => this.expression(a as Expression, ctx));
    return this.callFunction(fn, values, node, ctx);
  }

  /** `[a, b, c]`: a list of the items' values. */
  private list(elements: readonly Expression[], ctx: Context): Value {
    const items = elements.flatMap((item) => {
      if (Node.isOmittedExpression(item)) throw this.errors.error(item, 'a hole in an array', 'write every item: [a, b, c]');
      return Node.isSpreadElement(item) ? this.spread(item, ctx) : [this.expression(item, ctx)];
    });
    return { kind: 'list', items };
  }

  /** `...x` of a vector parameter or an array of the file (its length known when compiling): its items in order. */
  private spread(node: SpreadElement, ctx: Context): Value[] {
    const v = this.expression(node.getExpression(), ctx);
    if (v.kind === 'vector') return Array.from({ length: v.length }, (_, k) => this.number(v.element(k)));
    if (v.kind === 'list') return [...v.items];
    throw this.errors.error(node, `a spread of ${describe(v)}`, 'spread a vector parameter or an array ([...x, 1], Math.max(...x)), or write every item');
  }

  /** A value that must be a number (`at`: where it was written, for the error). */
  protected numberIn(v: Value, at: Node): NodeId {
    if (v.kind === 'number') return v.node;
    throw this.errors.error(at, `expected a number, got ${describe(v)}`, v.kind === 'bool' ? 'a comparison is a condition: use it in if (…) or c ? a : b' : SUPPORTED);
  }

  private property(node: Node & { getExpression(): Expression; getName(): string; getNameNode(): Node }, ctx: Context): Value {
    const object = node.getExpression();
    const name = node.getName();
    if (object.getText() === 'Math' && !ctx.env.has('Math')) {
      if (Object.hasOwn(MATH_CONSTANTS, name)) return this.number(this.g.constant(MATH_CONSTANTS[name]));
      throw this.errors.error(node.getNameNode(), `Math.${name} is not a constant`,
        Object.hasOwn(MATH_FUNCTIONS, name) ? `call it: Math.${name}(x)` : `the constants are Math.${Object.keys(MATH_CONSTANTS).join(', Math.')}`);
    }
    const member = this.enumMember(object, node, ctx);
    if (member !== undefined) return member;
    const v = this.expression(object, ctx);
    if (v.kind === 'vector' && name === 'length') return this.number(this.g.constant(v.length));
    if (v.kind === 'list' && name === 'length') return this.number(this.g.constant(v.items.length));
    if (v.kind === 'number' && Node.isIdentifier(object)) {
      throw this.errors.error(node.getNameNode(), `'${object.getText()}' is a number, which has no property '.${name}'`,
        name === 'length' ? `if ${object.getText()} is a vector, annotate it number[] (its length in the options: lengths: { ${object.getText()}: 3 }) or a tuple [number, number]`
          : 'a number has no properties; a vector has .length and elements x[i]');
    }
    throw this.errors.error(node.getNameNode(), `property '.${name}' is not supported`,
      name === 'length' ? 'only vectors and arrays have a .length' : 'objects are not supported; a vector parameter has .length and elements x[i]');
  }

  /** `Mode.Square` of an enum declared in the file (`enum` or `const enum`): the member's number. */
  private enumMember(object: Expression, node: Node & { getName(): string; getNameNode(): Node }, ctx: Context): Value | undefined {
    if (!Node.isIdentifier(object) || ctx.env.has(object.getText())) return undefined;
    const declaration = object.getSourceFile().getEnum(object.getText());
    if (declaration === undefined) return undefined;
    const member = declaration.getMember(node.getName());
    if (member === undefined) {
      throw this.errors.error(node.getNameNode(), `enum ${object.getText()} has no member '${node.getName()}'`,
        `its members are ${declaration.getMembers().map((m) => m.getName()).join(', ')}`);
    }
    const value = member.getValue();
    if (typeof value !== 'number') {
      throw this.errors.error(node, `${node.getText()} is not a number`, 'an enum a function reads has members that are numbers, known when compiling (enum Mode { Linear, Square })');
    }
    return this.number(this.g.constant(value));
  }

  private element(node: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }, ctx: Context): Value {
    const v = this.expression(node.getExpression(), ctx);
    if (v.kind !== 'vector' && v.kind !== 'list') {
      throw this.errors.error(node, `'${node.getExpression().getText()}' is not a vector`, 'only vector parameters and arrays ([a, b, c]) can be indexed');
    }
    const indexNode = node.getArgumentExpressionOrThrow();
    const indexId = this.numberOf(indexNode, ctx);
    const index = this.g.constantValue(indexId);
    if (v.kind === 'list') {
      const lane = index === undefined ? this.tableAt(v.items, indexId, node.getExpression()) : undefined;
      return lane !== undefined ? this.number(lane) : this.item(v.items, index, indexNode, node);
    }
    if (index === undefined) {
      const lane = this.sliceAt(v, indexId);
      if (lane !== undefined) return this.number(lane);
      throw this.errors.error(indexNode, 'an index that depends on the parameters',
        'an index must be known when compiling: a number, or a for-loop index with constant bounds');
    }
    if (!Number.isInteger(index) || index < 0 || index >= v.length) {
      throw this.errors.error(indexNode, `index ${index} is outside ${node.getExpression().getText()}[0..${v.length - 1}]`,
        'check the loop bounds');
    }
    return this.number(v.element(index));
  }

  /** Item `index` of a list; the index must be known when compiling (a loop over a list is unrolled). */
  protected item(items: readonly Value[], index: number | undefined, indexNode: Node, node: Node & { getExpression(): Expression }): Value {
    const name = node.getExpression().getText();
    if (index === undefined) {
      throw this.errors.error(indexNode, `an index into the array '${name}' that depends on the parameters`,
        'an index must be known when compiling: a number, or a for-loop index with constant bounds');
    }
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      throw this.errors.error(indexNode, `index ${index} is outside ${name}[0..${items.length - 1}]`, 'check the loop bounds');
    }
    return items[index];
  }

  /**
   * x[i + c] in a loop kept as a loop (i the index vector range(s, [m])): the
   * slice x[s+c … s+c+m−1] of the whole vector, when it lies inside x; else undefined.
   */
  private sliceAt(v: Extract<Value, { kind: 'vector' }>, index: NodeId): NodeId | undefined {
    const n = this.g.node(index);
    if (n.op !== 'range' || v.whole === undefined) return undefined;
    const start = n.attrs.value as number;
    const m = n.shape[0] as number;
    const stride = n.attrs.stride ?? 1;
    if (start < 0 || start + (m - 1) * stride >= v.length) return undefined;
    return start === 0 && m === v.length ? v.whole : this.g.apply('slice', [v.whole], { value: start, shape: [m], ...strided(stride) });
  }

  /**
   * T[i + c] in a loop kept as a loop, T an array of numbers known when
   * compiling (a top-level const table, or a literal in the function): the
   * table node of T's elements s+c … s+c+m−1 (ops/tensor/table.ts), when they lie inside T; else undefined.
   */
  private tableAt(items: readonly Value[], index: NodeId, array: Expression): NodeId | undefined {
    const n = this.g.node(index);
    if (n.op !== 'range') return undefined;
    const values = items.map((item) => (item.kind === 'number' ? this.g.constantValue(item.node) : undefined));
    if (values.some((v) => v === undefined)) return undefined;
    const start = n.attrs.value as number;
    const stride = n.attrs.stride ?? 1;
    if (start < 0 || start + ((n.shape[0] as number) - 1) * stride >= values.length) return undefined;
    const name = Node.isIdentifier(array) ? array.getText() : 'table';
    return this.g.apply('table', [], { values: values as number[], name, value: start, shape: n.shape, ...strided(stride) });
  }

  private unsupportedExpression(node: Node): CompileError {
    const what = CONSTRUCTS[node.getKind()];
    const table = topLevelConstOf(node);
    const hint = table !== undefined ? tableHint(table)
      : Node.isNewExpression(node) && ARRAY_MAKERS.has(node.getExpression().getText()) ? LOCAL_ARRAY_HINT
        : what?.hint ?? `a differentiable function may use ${SUPPORTED}`;
    return this.errors.error(node, `unsupported construct: ${what?.name ?? node.getKindName()}`, hint);
  }
}

/** Math functions there is no op for, and what to write instead (a did-you-mean would offer another function). */
const WRITTEN_OUT: Readonly<Record<string, string>> = {
  fround: 'x (nncompile computes in doubles)',
};

/** Array methods a function might call, and the loop to write instead. */
const ARRAY_METHODS: Readonly<Record<string, string>> = Object.fromEntries([
  ['reduce', 'write a for loop: for (const v of x) s += v'],
  ['map', 'compute the items in a loop into a local array (const y = [0, 0, 0]; y[i] = …)'],
  ['forEach', 'write a for loop: for (const v of x) …'],
  ['fill', 'write the array literal out, or set its items in a loop'],
  ...['filter', 'some', 'every', 'find', 'indexOf', 'includes', 'slice', 'concat', 'push', 'sort', 'reverse', 'join']
    .map((m) => [m, 'write a for loop over the indices, with if/else for the conditions']),
]);

/** What makes an array in JavaScript other than a literal: `Array.from(…)`, `new Float64Array(n)`, … */
const ARRAY_MAKERS = new Set(['Array', 'Array.from', 'Array.of', 'Float64Array', 'Float32Array', 'Float64Array.from', 'Float32Array.from']);

/** Names of constructs in error messages. */
const STRING_HINT = 'nncompile differentiates numbers: a function computes with numbers, conditions and arrays of numbers';
const OBJECT_HINT = 'objects are not supported: use a variable for each field (const px = x, py = 2), or an array ([x, 2]) read at known indices';
const CONSTRUCTS: Partial<Record<SyntaxKind, { readonly name: string; readonly hint?: string }>> = {
  [SyntaxKind.StringLiteral]: { name: 'a string', hint: STRING_HINT },
  [SyntaxKind.NoSubstitutionTemplateLiteral]: { name: 'a string', hint: STRING_HINT },
  [SyntaxKind.TemplateExpression]: { name: 'a template string', hint: STRING_HINT },
  [SyntaxKind.ObjectLiteralExpression]: { name: 'an object literal', hint: OBJECT_HINT },
  [SyntaxKind.NewExpression]: { name: "'new'", hint: `${OBJECT_HINT}; write a class's computation as a function of this file` },
  [SyntaxKind.NullKeyword]: { name: 'null' },
  [SyntaxKind.ThisKeyword]: { name: "'this'", hint: OBJECT_HINT },
  [SyntaxKind.AwaitExpression]: { name: "'await'", hint: 'the function is translated, not run: it computes its value at once (no async, no await)' },
  [SyntaxKind.TypeOfExpression]: { name: "'typeof'", hint: 'every value has its type known when compiling: a parameter is a number or a vector by its annotation' },
  [SyntaxKind.ClassExpression]: { name: 'a class', hint: `${OBJECT_HINT}; write a class's computation as a function of this file` },
};

export function describe(v: Value): string {
  return v.kind === 'bool' ? 'a condition' : v.kind === 'vector' ? 'a vector' : v.kind === 'list' ? 'an array' : v.kind === 'function' ? 'a function' : v.kind === 'unset' ? 'nothing'
    : v.kind === 'accumulator' ? 'a sum over a loop' : 'a number';
}
