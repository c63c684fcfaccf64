import type { Expression, SourceFile, Statement } from 'ts-morph';
import { Node, SyntaxKind } from '../../util/ts-morph.js';
import type { Graph, NodeId } from '../../ir/graph.js';
import type { CompileError } from '../../util/errors.js';
import { COMPOUND, type Context, ExpressionTranslator, describe } from './expressions.js';
import { SUPPORTED, type Unsupported } from './located.js';
import { type Condition, type Env, type FunctionValue, type Value, knownTruth, mergeValues } from './values.js';
import { type Loop, classicLoop, forOfLoop } from './loops.js';
import { type LaneHost, UNROLL_AT_MOST, accumulate, keepAsLoop } from './lanes.js';
import { counted } from '../../util/plural.js';
import { checkAnnotation, checkArgument, checkAssigned, refuseTypeParameters } from './annotations.js';
import { containsJump, guardedContinue } from './guard-continue.js';

/** What the rest of the code does after a statement falls through, given the values on that path: the function's result. */
export type Rest = (store: Map<number, Value>) => Value;

/** Where break and continue go inside a loop. */
interface Jumps {
  readonly break?: Rest;
  readonly continue?: Rest;
}

/** A source line an IR node was computed on, and the variable it was assigned to, if any. */
export interface SourceStep {
  readonly line: number;
  readonly name?: string;
}

/** An unrolled loop stops with an error after this many iterations (the IR has no loop construct). */
export const MAX_ITERATIONS = 100_000;

/**
 * The statements of a function in SSA form: every assignment makes the name
 * stand for a new IR node; `if`/`else` and `?:` merge the names they assign
 * with select nodes (the derivative of the branch taken); loops with bounds
 * known when compiling are unrolled; calls are inlined. A `return` (or
 * break/continue) inside a branch is translated in continuation-passing
 * style: the code after the branch is translated on each path that reaches
 * it, and the paths' results are merged by the branch condition.
 */
export class FunctionTranslator extends ExpressionTranslator implements LaneHost {
  /** For each IR node, the first source line that computed it. */
  readonly provenance = new Map<NodeId, SourceStep>();
  /** How many loops were kept as loops (lanes.ts); loops inside them are unrolled. */
  loopsKept = 0;
  private inKeptLoop = false;
  /** Loops tried as loops and unrolled instead, with the reason (for the error when one is too long to unroll). */
  private readonly notKept = new Map<Node, string>();
  private nextBinding = 0;
  private nextFrame = 0;
  private readonly inlining: Node[] = [];
  private readonly topLevelValues = new Map<string, Value>();
  private readonly topLevelPending = new Set<string>();
  /** The type annotation of each `let`/`const` binding that has one, checked at every assignment. */
  private readonly annotations = new Map<number, Node>();

  /** `keepLoops`: long loops whose iterations are independent become lane vectors (lanes.ts) instead of being unrolled. */
  constructor(
    g: Graph,
    errors: Unsupported,
    private readonly sourceFile: SourceFile,
    private readonly keepLoops = false,
  ) {
    super(g, errors);
  }

  get graph(): Graph {
    return this.g;
  }

  errorReporter(): Unsupported {
    return this.errors;
  }

  /** A fresh binding of `name` to `value` in a new environment. */
  bind(ctx: Context, name: string, value: Value, mutable: boolean): Context {
    const id = this.nextBinding++;
    ctx.store.set(id, value);
    const env = new Map(ctx.env);
    env.set(name, { id, name, mutable, frame: ctx.frame });
    return { ...ctx, env };
  }

  /** The body of a function (block or expression) with its parameters bound in `ctx`: its return value. */
  body(fn: Node, ctx: Context): Value {
    const body = (fn as Node & { getBody(): Node | undefined }).getBody();
    if (!body) throw this.errors.error(fn, 'a function without a body', 'give it one');
    refuseTypeParameters(fn, this.errors);
    const kind = fn as Node & { isAsync?(): boolean; isGenerator?(): boolean };
    if (kind.isAsync?.() || kind.isGenerator?.()) {
      throw this.errors.error(fn, `${kind.isAsync?.() ? 'an async' : 'a generator'} function`, 'the function is translated, not run: write it as a plain function that returns a number');
    }
    // a named function expression sees its own name (a call of it is recursion, refused when inlined)
    if (Node.isFunctionExpression(fn) && fn.getName() && !ctx.env.has(fn.getName() as string)) {
      ctx = this.bind(ctx, fn.getName() as string, { kind: 'function', declaration: fn, env: ctx.env }, false);
    }
    // an expression body (x => x * x) is its function's one line: its steps cite it
    if (!Node.isBlock(body)) return this.returned(fn, this.traced(body, () => this.expression(body as Expression, ctx)));
    const end = body.getLastToken();
    const noReturn: Rest = () => {
      throw this.errors.error(end, 'the function can end without returning a value', 'return a number on every path');
    };
    return this.returned(fn, this.run(body.getStatements(), 0, this.hoist(body.getStatements(), ctx), noReturn, {}));
  }

  /** A function's result, checked against its return type's annotation. */
  private returned(fn: Node, value: Value): Value {
    const name = Node.isFunctionDeclaration(fn) ? fn.getName() : fn.getParentIfKind(SyntaxKind.VariableDeclaration)?.getName();
    checkAnnotation((fn as Node & { getReturnTypeNode(): Node | undefined }).getReturnTypeNode(), value,
      `the return value${name ? ` of '${name}'` : ''}`, this.errors);
    return value;
  }

  protected knownTruth(c: Condition): boolean | undefined {
    return knownTruth(this.g, c);
  }

  protected merge(c: Condition, a: Value, b: Value, at: Node): Value {
    const merged = mergeValues(this.g, c, a, b);
    if (merged) return merged;
    throw this.errors.error(at, `the branches give ${describe(a)} and ${describe(b)}`, 'both branches must give the same kind of value');
  }

  protected assignmentInExpression(node: Node): CompileError {
    return this.errors.error(node, 'an assignment inside an expression', 'write each assignment as a statement of its own');
  }

  protected topLevel(name: string, at: Node): Value | undefined {
    const cached = this.topLevelValues.get(name);
    if (cached) return cached;
    const fn = this.sourceFile.getFunction(name);
    if (fn) return { kind: 'function', declaration: fn, env: undefined };
    const decl = this.sourceFile.getVariableDeclaration(name);
    if (!decl || !Node.isSourceFile(decl.getVariableStatement()?.getParent())) {
      const from = this.sourceFile.getImportDeclarations().find((i) => i.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === name)
        || i.getDefaultImport()?.getText() === name || i.getNamespaceImport()?.getText() === name);
      if (from) {
        throw this.errors.error(at, `'${name}' is imported from '${from.getModuleSpecifierValue()}'`,
          `nncompile reads the function's source in this file only: define ${name} in this file (a function or a const)`);
      }
      return undefined;
    }
    const init = decl.getInitializer();
    if (decl.getVariableStatement()?.getDeclarationKind() !== 'const' || !init) {
      throw this.errors.error(at, `'${name}' is a top-level ${init ? 'let' : 'declaration without a value'}`,
        'a function may read top-level consts: declare it const NAME = …');
    }
    if (this.topLevelPending.has(name)) throw this.errors.error(at, `'${name}' is defined in terms of itself`, 'define it from numbers');
    this.topLevelPending.add(name);
    let value: Value;
    try {
      value = this.expression(init, { env: new Map(), store: new Map(), frame: -1 });
    } finally {
      // also when it fails: a loop tried as a loop reads it again once unrolled
      this.topLevelPending.delete(name);
    }
    checkAnnotation(decl.getTypeNode(), value, `'${name}'`, this.errors);
    this.topLevelValues.set(name, value);
    return value;
  }

  protected callFunction(fn: FunctionValue, args: readonly Value[], call: Node, ctx: Context): Value {
    const declaration = fn.declaration;
    if (this.inlining.includes(declaration)) {
      throw this.errors.error(call, 'a recursive call', 'calls are inlined, so recursion is not supported: write a loop with a bound known when compiling');
    }
    if (!(declaration as Node & { getBody(): Node | undefined }).getBody()) {
      const name = (call as Node & { getExpression(): Node }).getExpression().getText();
      throw this.errors.error(call, `'${name}' is declared without a body (line ${declaration.getStartLineNumber()})`,
        `nncompile reads the source of the functions it calls, it does not run them: a function must have its body in the same file (function ${name}(…) { … })`);
    }
    refuseTypeParameters(declaration, this.errors);
    const callee = (call as Node & { getExpression(): Node }).getExpression();
    this.record.call(Node.isIdentifier(callee) ? callee.getText() : undefined, declaration.getStartLineNumber());
    const params = (declaration as Node & { getParameters(): Node[] }).getParameters();
    let inner: Context = { env: fn.env ?? new Map(), store: ctx.store, frame: ++this.nextFrame };
    params.forEach((p, i) => {
      if (!Node.isParameterDeclaration(p) || !Node.isIdentifier(p.getNameNode()) || p.isRestParameter()) {
        throw this.errors.error(p, 'unsupported parameter', 'parameters are plain names, with a default if you like (no rest or destructuring)');
      }
      const initializer = p.getInitializer();
      if (i >= args.length && initializer === undefined) {
        throw this.errors.error(call, `missing argument '${p.getName()}'`,
          p.hasQuestionToken() ? `pass it: an optional parameter left out is undefined, not a number (or give it a default: ${p.getName()} = 1)` : `pass ${counted(params.length, 'argument')}`);
      }
      // a default is evaluated where the parameters before it are in scope, as JavaScript does
      const value = i < args.length ? args[i] : this.expression(initializer as Expression, inner);
      checkArgument(p, value, i < args.length ? (call as Node & { getArguments(): Node[] }).getArguments()[i] : (initializer as Node), this.errors);
      inner = this.bind(inner, p.getName(), value, true);
    });
    if (args.length > params.length) throw this.errors.error(call, `${counted(args.length, 'argument')} for ${counted(params.length, 'parameter')}`, `pass ${counted(params.length, 'argument')}`);
    this.inlining.push(declaration);
    try {
      return this.body(declaration, inner);
    } finally {
      this.inlining.pop();
    }
  }

  /** Runs statements from index i, then `k`. Straight-line statements run in place; branches with jumps continue by `k`. */
  private run(statements: readonly Statement[], i: number, ctx: Context, k: Rest, jumps: Jumps): Value {
    for (; i < statements.length; i++) {
      const s = statements[i];
      if (containsJump(s)) {
        const next = i + 1;
        const env = ctx.env;
        return this.traced(s, () => this.withJumps(s, ctx, (store) => this.run(statements, next, { ...ctx, env, store }, k, jumps), jumps));
      }
      ctx = this.traced(s, () => this.straight(s, ctx));
    }
    return k(ctx.store);
  }

  /** Runs `work` for statement (or expression body) s, recording s's line for the nodes it creates (inner statements record theirs first). */
  private traced<T>(s: Node, work: () => T): T {
    const before = this.g.nodes.length;
    const result = work();
    const line = s.getStartLineNumber();
    for (let id = before; id < this.g.nodes.length; id++) if (!this.provenance.has(id)) this.provenance.set(id, { line });
    return result;
  }

  /** A statement that may return, break or continue: the rest of the code is `k`. */
  private withJumps(s: Statement, ctx: Context, k: Rest, jumps: Jumps): Value {
    if (Node.isReturnStatement(s)) {
      const e = s.getExpression();
      if (!e) throw this.errors.error(s, "'return' without a value", 'return a number');
      return this.expression(e, ctx);
    }
    if (Node.isBreakStatement(s) || Node.isContinueStatement(s)) {
      if (s.getLabel()) throw this.errors.error(s, 'a labelled jump', 'use break or continue without a label');
      const target = Node.isBreakStatement(s) ? jumps.break : jumps.continue;
      if (!target) throw this.errors.error(s, `'${s.getText()}' outside a loop`, 'use it inside a for loop');
      return target(ctx.store);
    }
    if (Node.isBlock(s)) return this.run(s.getStatements(), 0, this.hoist(s.getStatements(), ctx), k, jumps);
    if (Node.isIfStatement(s)) {
      const c = this.conditionOf(s.getExpression(), ctx);
      const branchValue = (branch: Statement | undefined, store: Map<number, Value>) =>
        this.run(statementsOf(branch), 0, this.hoist(statementsOf(branch), { ...ctx, store }), k, jumps);
      const known = this.knownTruth(c);
      this.record.branch(s.getStartLineNumber(), known !== undefined);
      if (known !== undefined) return branchValue(known ? s.getThenStatement() : s.getElseStatement(), ctx.store);
      const a = branchValue(s.getThenStatement(), new Map(ctx.store));
      const b = branchValue(s.getElseStatement(), new Map(ctx.store));
      return this.merge(c, a, b, s);
    }
    const loop = this.loopOf(s, ctx);
    if (loop && this.keepLoops) this.notKept.set(s, 'it jumps (break, continue or return inside)');
    if (loop) return this.loopWithJumps(loop, k);
    throw this.unsupportedStatement(s);
  }

  /** A loop whose body may jump: each iteration continues into the next (continue) or the code after it (break). */
  private loopWithJumps(loop: Loop, k: Rest): Value {
    let most = 0; // iterations on the longest path (a break on the parameters ends some paths sooner)
    const iterate = (store: Map<number, Value>, iteration: number): Value => {
      const ctx = { ...loop.ctx, store };
      most = Math.max(most, iteration);
      if (!this.hasNext(loop, ctx, iteration)) return k(store);
      const next: Rest = (after) => {
        loop.advance({ ...loop.ctx, store: after });
        return iterate(after, iteration + 1);
      };
      const body = loop.enter(ctx, iteration);
      const statements = statementsOf(loop.body);
      return this.run(statements, 0, this.hoist(statements, body), next, { break: k, continue: next });
    };
    const value = iterate(loop.ctx.store, 0);
    this.record.loop(loop.statement.getStartLineNumber(), false, most);
    return value;
  }

  /** A statement without jumps: runs in place, giving the context after it (a declaration extends the environment). */
  private straight(s: Statement, ctx: Context): Context {
    if (Node.isVariableStatement(s)) return this.declare(s, ctx);
    if (Node.isExpressionStatement(s)) {
      this.effect(s.getExpression(), ctx);
      return ctx;
    }
    if (Node.isBlock(s)) {
      this.runStraight(s.getStatements(), ctx);
      return ctx;
    }
    if (Node.isIfStatement(s)) {
      this.straightIf(s.getExpression(), statementsOf(s.getThenStatement()), statementsOf(s.getElseStatement()), ctx);
      return ctx;
    }
    if (Node.isFunctionDeclaration(s) || Node.isEmptyStatement(s)) return ctx; // functions are hoisted
    if (this.keepLoops && !this.inKeptLoop && (Node.isForStatement(s) || Node.isForOfStatement(s))) {
      this.inKeptLoop = true;
      const abandon = this.record.checkpoint();
      try {
        const kept = keepAsLoop(this, s, ctx);
        if (kept === true) {
          this.loopsKept++;
          this.record.loop(s.getStartLineNumber(), true);
          return ctx;
        }
        abandon();
        this.notKept.set(s, kept.reason);
      } finally {
        this.inKeptLoop = false;
      }
    }
    const loop = this.loopOf(s, ctx);
    if (loop) {
      let iteration = 0;
      for (; this.hasNext(loop, loop.ctx, iteration); iteration++) {
        this.runStraight(statementsOf(loop.body), loop.enter(loop.ctx, iteration));
        loop.advance(loop.ctx);
      }
      this.record.loop(s.getStartLineNumber(), false, iteration);
      return ctx;
    }
    throw this.unsupportedStatement(s);
  }

  /** Statements without jumps but a loop body's guarded continues (guard-continue.ts: the rest of the body is their else). */
  runStraight(statements: readonly Statement[], ctx: Context): void {
    let inner = this.hoist(statements, ctx);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      const guard = guardedContinue(s);
      if (guard !== undefined) {
        const rest = [...guard.otherwise, ...statements.slice(i + 1)];
        this.traced(s, () => this.straightIf(guard.condition, guard.then, rest, inner));
        return;
      }
      inner = this.traced(s, () => this.straight(s, inner));
    }
  }

  /** if/else without jumps: both branches on copies of the values, then each name they assign becomes a select. */
  private straightIf(condition: Expression, then: readonly Statement[], otherwise: readonly Statement[], ctx: Context): void {
    const c = this.conditionOf(condition, ctx);
    const known = this.knownTruth(c);
    this.record.branch(condition.getStartLineNumber(), known !== undefined);
    if (known !== undefined) {
      this.runStraight(known ? then : otherwise, ctx);
      return;
    }
    const a = new Map(ctx.store);
    const b = new Map(ctx.store);
    this.runStraight(then, { ...ctx, store: a });
    this.runStraight(otherwise, { ...ctx, store: b });
    for (const [id, before] of ctx.store) {
      const [va, vb] = [a.get(id) ?? before, b.get(id) ?? before];
      if (va !== vb) ctx.store.set(id, this.merge(c, va, vb, condition));
    }
  }

  private hasNext(loop: Loop, ctx: Context, iteration: number): boolean {
    const notKept = this.notKept.get(loop.statement);
    if (notKept !== undefined && iteration >= UNROLL_AT_MOST) {
      throw this.errors.error(loop.statement, `the loop runs more than ${UNROLL_AT_MOST} times and cannot be kept as a loop in the generated code: ${notKept}`,
        'a loop is kept as a loop when it is for (let i = a; i < b; i++) with a, b known when compiling, reads elements x[i + c] of vector parameters or of arrays of numbers, '
        + 'and assigns outer numbers (a sum s += …, or a recurrence m = a * m + …) without break, continue or return; otherwise keep it shorter');
    }
    if (iteration >= MAX_ITERATIONS) {
      throw this.errors.error(loop.statement, `the loop runs more than ${MAX_ITERATIONS} times`,
        'loops are unrolled into the generated code: keep them shorter');
    }
    const c = loop.condition(ctx, iteration);
    const known = this.knownTruth(c);
    if (known === undefined) {
      throw this.errors.error(loop.conditionNode ?? loop.statement, 'the loop condition depends on the parameters',
        'a loop needs bounds known when compiling (for (let i = 0; i < n; i++) with n a number or x.length); use if/break inside for a data-dependent stop');
    }
    return known;
  }

  private loopOf(s: Statement, ctx: Context): Loop | undefined {
    if (Node.isForStatement(s)) return classicLoop(this, s, ctx);
    if (Node.isForOfStatement(s)) return forOfLoop(this, s, ctx);
    return undefined;
  }

  /** `const a = 1, b = a * 2;` / `let s = 0;` — each name gets a fresh binding. */
  declare(s: Node & { getDeclarationKind(): string; getDeclarations(): Node[] }, ctx: Context): Context {
    const kind = s.getDeclarationKind();
    if (kind === 'var') throw this.errors.error(s, "'var' declaration", 'use const or let');
    for (const d of s.getDeclarations()) {
      if (!Node.isVariableDeclaration(d)) throw this.errors.error(d, 'unsupported declaration', 'declare names: const a = …;');
      const init = d.getInitializer();
      const before = this.g.nodes.length;
      if (!init && !Node.isIdentifier(d.getNameNode())) throw this.errors.error(d, 'destructuring without a value', 'give it one: const [a, b] = row;');
      const value: Value = init ? this.expression(init, ctx) : { kind: 'unset' };
      const type = d.getTypeNode();
      checkAnnotation(type, value, `'${d.getNameNode().getText()}'`, this.errors);
      ctx = this.bindPattern(ctx, d.getNameNode(), value, kind === 'let', before);
      if (type && Node.isIdentifier(d.getNameNode())) this.annotations.set((ctx.env.get(d.getName()) as { id: number }).id, type);
    }
    return ctx;
  }

  /**
   * Binds a declared name, or each name of an array pattern (`const [x, y] = row`,
   * `for (const [x, y] of table)`) to the items of an array or vector.
   */
  bindPattern(ctx: Context, pattern: Node, value: Value, mutable: boolean, before: number): Context {
    if (Node.isIdentifier(pattern)) {
      if (value.kind === 'number') this.name(value.node, before, pattern.getText(), pattern);
      return this.bind(ctx, pattern.getText(), value, mutable);
    }
    if (!Node.isArrayBindingPattern(pattern)) {
      throw this.errors.error(pattern, 'object destructuring', 'objects are not supported: destructure arrays only, const [a, b] = row;');
    }
    if (value.kind !== 'list' && value.kind !== 'vector') {
      throw this.errors.error(pattern, `destructuring ${describe(value)}`, 'destructure an array or a vector parameter: const [a, b] = row;');
    }
    const length = value.kind === 'list' ? value.items.length : value.length;
    pattern.getElements().forEach((element, k) => {
      if (Node.isOmittedExpression(element)) return;
      if (element.getDotDotDotToken() || element.getInitializer() || element.getPropertyNameNode()) {
        throw this.errors.error(element, 'a rest element or a default in destructuring', 'name each item: const [a, b] = row;');
      }
      if (k >= length) throw this.errors.error(element, `item ${k} of an array of ${length}`, `the array has ${length} items`);
      const item: Value = value.kind === 'list' ? value.items[k] : { kind: 'number', node: value.element(k) };
      ctx = this.bindPattern(ctx, element.getNameNode(), item, mutable, before);
    });
    return ctx;
  }

  /** An expression statement: an assignment, ++/--, or an expression whose value is dropped. */
  effect(e: Expression, ctx: Context): void {
    if (Node.isBinaryExpression(e)) {
      const kind = e.getOperatorToken().getKind();
      if (kind === SyntaxKind.CommaToken) {
        this.effect(e.getLeft(), ctx);
        this.effect(e.getRight(), ctx);
        return;
      }
      const arithmetic = COMPOUND[kind];
      if ((arithmetic === SyntaxKind.PlusToken || arithmetic === SyntaxKind.MinusToken) && this.accumulated(e.getLeft(), arithmetic, () => this.numberOf(e.getRight(), ctx), ctx)) return;
      if (kind === SyntaxKind.EqualsToken || arithmetic !== undefined) {
        const before = this.g.nodes.length;
        const right = arithmetic === undefined ? this.expression(e.getRight(), ctx) : this.compound(e, arithmetic, ctx);
        this.assign(e.getLeft(), right, ctx, before);
        return;
      }
    }
    if ((Node.isPostfixUnaryExpression(e) || Node.isPrefixUnaryExpression(e))
      && [SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken].includes(e.getOperatorToken())) {
      const target = e.getOperand();
      const one = this.g.constant(1);
      if (this.accumulated(target, e.getOperatorToken() === SyntaxKind.PlusPlusToken ? SyntaxKind.PlusToken : SyntaxKind.MinusToken, () => one, ctx)) return;
      const before = this.g.nodes.length;
      const x = this.numberOf(target, ctx);
      const value = e.getOperatorToken() === SyntaxKind.PlusPlusToken ? this.g.add(x, one) : this.g.sub(x, one);
      this.assign(target, { kind: 'number', node: value }, ctx, before);
      return;
    }
    this.expression(e, ctx);
  }

  /** `s += e` / `s -= e` in a loop kept as a loop, s a variable from outside it (lanes.ts): true when handled. */
  private accumulated(target: Expression, op: SyntaxKind, term: () => NodeId, ctx: Context): boolean {
    const binding = Node.isIdentifier(target) ? ctx.env.get(target.getText()) : undefined;
    const current = binding === undefined ? undefined : ctx.store.get(binding.id);
    if (binding === undefined || current?.kind !== 'accumulator' || binding.frame !== ctx.frame) return false;
    ctx.store.set(binding.id, accumulate(this, current, op === SyntaxKind.PlusToken ? 'add' : 'sub', term()));
    this.record.assigned(binding.name);
    return true;
  }

  private compound(e: Node & { getLeft(): Expression; getRight(): Expression }, arithmetic: SyntaxKind, ctx: Context): Value {
    const a = this.numberOf(e.getLeft(), ctx);
    const b = this.numberOf(e.getRight(), ctx);
    const g = this.g;
    const ops: Partial<Record<SyntaxKind, () => NodeId>> = {
      [SyntaxKind.PlusToken]: () => g.add(a, b),
      [SyntaxKind.MinusToken]: () => g.sub(a, b),
      [SyntaxKind.AsteriskToken]: () => g.mul(a, b),
      [SyntaxKind.SlashToken]: () => g.div(a, b),
      [SyntaxKind.AsteriskAsteriskToken]: () => g.pow(a, b),
    };
    return { kind: 'number', node: (ops[arithmetic] as () => NodeId)() };
  }

  private assign(target: Expression, value: Value, ctx: Context, before: number): void {
    if (Node.isElementAccessExpression(target) && Node.isIdentifier(target.getExpression())) {
      this.assignItem(target, value, ctx, before);
      return;
    }
    if (!Node.isIdentifier(target)) {
      throw this.errors.error(target, `cannot assign to '${target.getText()}'`,
        Node.isElementAccessExpression(target) ? 'vector elements are read-only: accumulate into a local variable' : 'assign to a local variable');
    }
    const binding = ctx.env.get(target.getText());
    if (!binding) throw this.errors.error(target, `assignment to undeclared '${target.getText()}'`, 'declare it first: let name = …;');
    if (!binding.mutable) throw this.errors.error(target, `'${binding.name}' is a const`, 'declare it with let to reassign it');
    if (binding.frame !== ctx.frame) {
      throw this.errors.error(target, `a function assigns to '${binding.name}', a variable outside it`,
        'calls are inlined; return the new value instead and assign it where the function is called');
    }
    checkAssigned(this.annotations.get(binding.id), value, binding.name, target, this.errors);
    if (value.kind !== 'number' || this.g.constantValue(value.node) === undefined) this.record.assigned(binding.name);
    if (value.kind === 'number') this.name(value.node, before, binding.name, target);
    ctx.store.set(binding.id, value);
  }

  /**
   * `a[k] = v` (or `a[k] += v`, …) on an array of the function (a list) at an
   * index known when compiling: a's new value is the list with item k
   * replaced, as any assignment is a new value. An array is a value here, so
   * one held under a second name too (`const b = a`, a row of a table, an
   * argument, a top-level const) is refused: the other name would not see the change.
   */
  private assignItem(target: Node & { getExpression(): Expression; getArgumentExpressionOrThrow(): Expression }, value: Value, ctx: Context, before: number): void {
    const name = target.getExpression().getText();
    const binding = ctx.env.get(name);
    const current = binding === undefined ? undefined : ctx.store.get(binding.id);
    if (binding === undefined || current?.kind !== 'list') {
      throw this.errors.error(target, `cannot assign to '${target.getText()}'`, current?.kind === 'vector'
        ? 'a vector parameter is read-only: copy the values you change into a local array (const a = [x[0], x[1]]) or accumulate into a local variable'
        : 'assign to a local variable, or to an item of an array declared in the function (const a = [0, 0, 0])');
    }
    if (binding.frame !== ctx.frame) {
      throw this.errors.error(target, `a function assigns to an item of '${name}', an array outside it`,
        'calls are inlined; return the new value instead and assign it where the function is called');
    }
    const holds = (v: Value): boolean => v === current || (v.kind === 'list' && v.items.some(holds));
    const others = [...[...ctx.store].filter(([id]) => id !== binding.id).map(([, v]) => v), ...this.topLevelValues.values()];
    const shared = others.some(holds);
    if (shared) {
      throw this.errors.error(target, `the array '${name}' is also held under another name`,
        'assign items only of an array that has one name (declare a new one: const b = [a[0], a[1]])');
    }
    const indexNode = target.getArgumentExpressionOrThrow();
    const index = this.g.constantValue(this.numberOf(indexNode, ctx));
    const old = this.item(current.items, index, indexNode, target);
    if (value.kind !== 'number' || old.kind !== 'number') {
      throw this.errors.error(target, `an array item assigned ${describe(value)}`, 'assign numbers to the items of an array of numbers');
    }
    this.name(value.node, before, `${name}[${index}]`, target);
    this.record.assigned(name);
    ctx.store.set(binding.id, { kind: 'list', items: current.items.map((item, k) => (k === index ? value : item)) });
  }

  /** Records the user's name for a node made by this statement (the first name wins). */
  name(node: NodeId, before: number, name: string, at: Node): void {
    if (node >= before && !this.provenance.has(node)) this.provenance.set(node, { line: at.getStartLineNumber(), name });
  }

  /** Binds the function declarations of a block first, as JavaScript hoists them. */
  private hoist(statements: readonly Statement[], ctx: Context): Context {
    for (const s of statements) {
      if (Node.isFunctionDeclaration(s) && s.getName()) {
        ctx = this.bind(ctx, s.getName() as string, { kind: 'function', declaration: s, env: undefined }, false);
        const env = ctx.env;
        ctx.store.set((env.get(s.getName() as string) as { id: number }).id, { kind: 'function', declaration: s, env });
      }
    }
    return ctx;
  }

  private unsupportedStatement(s: Node): CompileError {
    const what = STATEMENTS[s.getKind()];
    if (what) return this.errors.error(s, `unsupported statement: ${what.name}`, what.hint);
    return this.errors.error(s, `unsupported statement: ${s.getKindName()}`, `a differentiable function may use ${SUPPORTED}`);
  }
}

const LOOP_HINT = 'loops need bounds known when compiling: for (let i = 0; i < n; i++) with n a number or x.length; '
  + 'for a data-dependent stop (while (err > tol)), loop a fixed number of times and break: for (let i = 0; i < 50; i++) { if (err < tol) break; … }';

const STATEMENTS: Partial<Record<SyntaxKind, { name: string; hint: string }>> = {
  [SyntaxKind.WhileStatement]: { name: 'a while loop', hint: LOOP_HINT },
  [SyntaxKind.DoStatement]: { name: 'a do-while loop', hint: LOOP_HINT },
  [SyntaxKind.ForInStatement]: { name: 'a for-in loop', hint: 'use for (const v of x) or an index loop over a vector parameter' },
  [SyntaxKind.SwitchStatement]: { name: 'a switch', hint: 'use if/else' },
  [SyntaxKind.TryStatement]: { name: 'try/catch', hint: 'remove it: the compiled function does not throw' },
  [SyntaxKind.ThrowStatement]: { name: 'throw', hint: 'remove it: the compiled function does not throw' },
  [SyntaxKind.ClassDeclaration]: { name: 'a class', hint: `a differentiable function may use ${SUPPORTED}` },
};

/** A branch or loop body as a list of statements. */
export function statementsOf(s: Statement | undefined): readonly Statement[] {
  if (!s) return [];
  return Node.isBlock(s) ? s.getStatements() : [s];
}


