import type { Node } from 'ts-morph';
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
