import type { ForOfStatement, ForStatement, Statement } from 'ts-morph';
import { Node } from '../../util/ts-morph.js';
import type { Context } from './expressions.js';
import type { Condition, Value } from './values.js';
import type { FunctionTranslator } from './statements.js';

/**
 * A loop as the translator unrolls it: its scope (the loop variables), whether
 * another iteration runs (a condition that must be known when compiling),
 * the body's context for an iteration, and the step to the next one.
 */
export interface Loop {
  readonly statement: Node;
  readonly body: Statement;
  readonly conditionNode?: Node;
  /** The loop's scope: the outer names plus the loop's own variables. */
  readonly ctx: Context;
  condition(ctx: Context, iteration: number): Condition;
  enter(ctx: Context, iteration: number): Context;
  advance(ctx: Context): void;
}

/** `for (init; condition; step) body` */
export function classicLoop(t: FunctionTranslator, s: ForStatement, outer: Context): Loop {
  const init = s.getInitializer();
  let ctx = outer;
  if (init && Node.isVariableDeclarationList(init)) ctx = t.declare(init, outer);
  else if (init) t.effect(init, outer);
  const condition = s.getCondition();
  const step = s.getIncrementor();
  return {
    statement: s,
    body: s.getStatement(),
    conditionNode: condition,
    ctx,
    condition: (c) => (condition ? t.conditionOf(condition, c) : { kind: 'constant', value: true }),
    enter: (c) => c,
    advance: (c) => {
      if (step) t.effect(step, c);
    },
  };
}

/** `for (const v of x) body` over a vector or an array x: v (or a pattern, `const [a, b]`) is each item in turn. */
export function forOfLoop(t: FunctionTranslator, s: ForOfStatement, outer: Context): Loop {
  const init = s.getInitializer();
  const decl = Node.isVariableDeclarationList(init) ? init.getDeclarations() : [];
  const errors = t.errorReporter();
  if (decl.length !== 1) throw errors.error(init, 'unsupported for-of variable', 'write for (const v of x)');
  const over = t.expression(s.getExpression(), outer);
  if (over.kind !== 'vector' && over.kind !== 'list') {
    throw errors.error(s.getExpression(), 'for-of over something that is not a vector', 'loop over a vector parameter or an array');
  }
  const length = over.kind === 'vector' ? over.length : over.items.length;
  const mutable = Node.isVariableDeclarationList(init) && init.getDeclarationKind() === 'let';
  return {
    statement: s,
    body: s.getStatement(),
    ctx: outer,
    condition: (_c, iteration) => ({ kind: 'constant', value: iteration < length }),
    enter: (c, iteration) => {
      const item: Value = over.kind === 'vector' ? { kind: 'number', node: over.element(iteration) } : over.items[iteration];
      return t.bindPattern(c, decl[0].getNameNode(), item, mutable, Number.POSITIVE_INFINITY);
    },
    advance: () => {},
  };
}
