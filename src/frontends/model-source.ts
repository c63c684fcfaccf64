import ts from 'typescript';
import { CompileError, type SourceLocation } from '../util/errors.js';

/** Where an exported declaration of model.ts sits, for error messages. */
export interface ExportSite {
  /** The call's arguments (e.g. the expression string and the options object). */
  readonly args: readonly ts.Expression[];
  readonly declaration: ts.Node;
}

/**
 * model.ts as source text: positions of its exports, so an error found while
 * compiling a value can point at the line and column the user wrote.
 */
export class ModelSource {
  readonly sourceFile: ts.SourceFile;

  constructor(
    readonly fileName: string,
    readonly text: string,
  ) {
    this.sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  }

  /** file:line:col of a character offset. */
  locationAt(offset: number): SourceLocation {
    const { line, character } = this.sourceFile.getLineAndCharacterOfPosition(offset);
    const lineText = this.text.split(/\r?\n/)[line] ?? '';
    return { file: this.fileName, line: line + 1, column: character + 1, lineText };
  }

  /** The location of a node's first character (leading trivia skipped). */
  locationOf(node: ts.Node): SourceLocation {
    return this.locationAt(node.getStart(this.sourceFile));
  }

  /** `export const NAME = f(...)`: the call's arguments and the declaration. */
  exportSite(name: string): ExportSite | undefined {
    for (const statement of this.sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || decl.name.text !== name) continue;
        const init = decl.initializer;
        const args = init && ts.isCallExpression(init) ? [...init.arguments] : [];
        return { args, declaration: decl };
      }
    }
    return undefined;
  }

  /**
   * Maps a column of an expression string to model.ts: the string literal's
   * position plus the column (exact for literals without escape sequences).
   */
  locationInString(literal: ts.Expression, column: number): SourceLocation {
    const start = literal.getStart(this.sourceFile);
    const isPlainString = ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal);
    return this.locationAt(isPlainString ? start + column : start);
  }

  /** A property `key` of an object-literal argument, to point at an option. */
  propertyOf(objectArg: ts.Expression | undefined, key: string): ts.Node | undefined {
    if (!objectArg || !ts.isObjectLiteralExpression(objectArg)) return undefined;
    return objectArg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key);
  }

  /** Syntax errors of the file, reported like the TypeScript compiler does. */
  syntaxErrors(): CompileError[] {
    const diagnostics = (this.sourceFile as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
    return diagnostics.map(
      (d) =>
        new CompileError(ts.flattenDiagnosticMessageText(d.messageText, '\n'), this.locationAt(d.start ?? 0),
          'fix the TypeScript syntax of the model file'),
    );
  }
}
