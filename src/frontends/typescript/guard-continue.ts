import type { Expression, Statement } from 'ts-morph';
import { Node } from '../../util/ts-morph.js';

/**
 * `if (c) continue;` (or `if (c) { …; continue; }`, with an else or not) as a
 * statement of a loop's body: the rest of the iteration runs when c is false.
 * The translator reads it as `if (c) { … } else { else-part; the statements
 * after it }` — both sides on copies of the values, merged by selects after
 * the iteration — instead of translating every later iteration once per path
 * the continue opens (2^n paths for a loop of n iterations: a loop of 30
 * iterations with a data-dependent continue never finished translating).
 */
export interface GuardedContinue {
  readonly condition: Expression;
  /** The statements before the continue when c holds. */
  readonly then: readonly Statement[];
  /** The else part, which runs before the statements after the if when c does not hold. */
  readonly otherwise: readonly Statement[];
}

/** The guard `s` is, when it is one and its parts have no other jump; else undefined. */
export function guardedContinue(s: Statement): GuardedContinue | undefined {
  if (!Node.isIfStatement(s)) return undefined;
  const then = statementList(s.getThenStatement());
  const last = then[then.length - 1];
  if (last === undefined || !Node.isContinueStatement(last) || last.getLabel()) return undefined;
  const before = then.slice(0, -1);
  const otherwise = statementList(s.getElseStatement());
  if ([...before, ...otherwise].some(containsJump)) return undefined;
  return { condition: s.getExpression(), then: before, otherwise };
}

/**
 * Whether a loop's body jumps only by guarded continues among its own
 * statements (then it is translated as straight code: guardedContinue), not
 * by break, return, a labelled jump or a continue elsewhere.
 */
export function onlyGuardedContinues(loop: Node): boolean {
  if (!Node.isForStatement(loop) && !Node.isForOfStatement(loop)) return false;
  return statementList(loop.getStatement()).every((s) => guardedContinue(s) !== undefined || !containsJump(s));
}

/** Whether a statement contains return, break or continue (outside nested functions); a loop whose body jumps only by guarded continues does not jump. */
export function containsJump(s: Node): boolean {
  if (Node.isReturnStatement(s) || Node.isBreakStatement(s) || Node.isContinueStatement(s)) return true;
  if (Node.isFunctionLikeDeclaration(s) || Node.isArrowFunction(s) || Node.isFunctionExpression(s)) return false;
  if (onlyGuardedContinues(s)) return false;
  return s.forEachChild((child) => (containsJump(child) ? true : undefined)) === true;
}

function statementList(s: Statement | undefined): readonly Statement[] {
  if (!s) return [];
  return Node.isBlock(s) ? s.getStatements() : [s];
}
