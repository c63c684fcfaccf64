import { Node } from '../../util/ts-morph.js';
import { CompileError, type SourceLocation } from '../../util/errors.js';

/** file:line:col of a node's first character, with its line's text for the caret. */
export function locationOf(node: Node, fileName: string): SourceLocation {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  const lineText = sourceFile.getFullText().split(/\r?\n/)[line - 1] ?? '';
  return { file: fileName, line, column, lineText };
}

/** Reports a construct of the function nncompile cannot translate, at the construct. */
export class Unsupported {
  constructor(readonly fileName: string) {}

  error(node: Node, message: string, hint: string): CompileError {
    return new CompileError(message, locationOf(node, this.fileName), hint);
  }
}

/** What the translation accepts, for hints. */
export const SUPPORTED = 'number and vector parameters, const/let, = += -= *= /= **=, + - * / **, Math functions, '
  + 'comparisons with && || !, ?: and if/else, for loops with bounds known when compiling, calls of functions '
  + 'of this file or local arrow functions, and return';

/** The name of the top-level const whose value `node` is part of (outside any function), or undefined. */
export function topLevelConstOf(node: Node): string | undefined {
  for (let at: Node | undefined = node; at !== undefined; at = at.getParent()) {
    if (Node.isFunctionLikeDeclaration(at) || Node.isArrowFunction(at) || Node.isFunctionExpression(at)) return undefined;
    if (Node.isVariableDeclaration(at)) return Node.isSourceFile(at.getVariableStatement()?.getParent()) ? at.getName() : undefined;
  }
  return undefined;
}

/** What a top-level table may be, for the hint at a construct in one that nncompile cannot read. */
export function tableHint(name: string): string {
  return `nncompile reads '${name}' as written, it does not run it: a table is an array literal of numbers, const ${name} = [0, 0.5, 1] `
    + `or rows [[0.5, 1.5, 1], …], its items numbers or + - * / ** and Math of numbers; write its values out, `
    + 'or build it in the function (const t = [0, 0, 0]; then t[i] = … in a for loop)';
}

/** For Array.from, new Array, new Float64Array, … in a function: how an array is made there. */
export const LOCAL_ARRAY_HINT = 'an array is written as a literal, const t = [0, 0, 0], its items set at indices known when compiling '
  + '(t[i] = … in a for loop); or pass it as a vector parameter';
