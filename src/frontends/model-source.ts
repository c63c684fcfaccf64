import type { ts as TS } from 'ts-morph';
import { ts } from '../util/ts-morph.js';
import { CompileError, type SourceLocation } from '../util/errors.js';
import { LAYER_ARGUMENTS, type LayerKindName } from '../dsl/network.js';

/** Where an exported declaration of model.ts sits, for error messages. */
export interface ExportSite {
  /** The call's arguments (e.g. the expression string and the options object). */
  readonly args: readonly TS.Expression[];
  readonly declaration: TS.Node;
}

/**
 * model.ts as source text: positions of its exports, so an error found while
 * compiling a value can point at the line and column the user wrote.
 */
export class ModelSource {
  readonly sourceFile: TS.SourceFile;

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
  locationOf(node: TS.Node): SourceLocation {
    return this.locationAt(node.getStart(this.sourceFile));
  }

  /** `export const NAME = f(...)`: the call's arguments and the declaration. */
  exportSite(name: string): ExportSite | undefined {
    for (const statement of this.sourceFile.statements) {
      if (name === 'default' && ts.isExportAssignment(statement) && !statement.isExportEquals) {
        const value = statement.expression;
        return { args: ts.isCallExpression(value) ? [...value.arguments] : [], declaration: statement };
      }
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
  locationInString(literal: TS.Expression, column: number): SourceLocation {
    const start = literal.getStart(this.sourceFile);
    const isPlainString = ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal);
    return this.locationAt(isPlainString ? start + column : start);
  }

  /** A property `key` of an object-literal argument, to point at an option. */
  propertyOf(objectArg: TS.Expression | undefined, key: string): TS.Node | undefined {
    if (!objectArg || !ts.isObjectLiteralExpression(objectArg)) return undefined;
    return objectArg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === key);
  }

  /**
   * The node of model.ts that wrote the value at `path` of an exported spec
   * (keys and indices as CompileError.path has them), for
   * `export const NAME = network({...})`. From the call's first argument it
   * walks object-literal properties by key (the last one wins; spreads and
   * `const` names declared in this file are followed), array-literal elements
   * by index, and `dense(units, activation, options)` calls by argument. When
   * the walk cannot follow (a value computed elsewhere) it stops at the
   * deepest node reached. `target: 'key'` points at the last property's name
   * (for an unknown option) instead of its value. `argument` picks the call's
   * argument the path starts from (1: the options of `expr(source, options)`).
   */
  locatePath(exportName: string, path: readonly (string | number)[], target: 'value' | 'key' = 'value', argument = 0): TS.Node | undefined {
    const site = this.exportSite(exportName);
    if (!site) return undefined;
    const root = site.args[argument];
    if (!root) return site.declaration;
    let reached: TS.Node = root;
    for (let i = 0; i < path.length; i++) {
      const step = this.stepInto(reached, path[i], 0);
      if (!step) return reached;
      if (target === 'key' && i === path.length - 1 && step.key) return step.key;
      reached = step.value;
    }
    // the whole path followed: a name declared `const x = …` here points at its value
    return this.resolve(reached);
  }

  /** One step of locatePath: the value (and the key, for a property) at `key` of the node. */
  private stepInto(node: TS.Node, key: string | number, depth: number): { value: TS.Node; key?: TS.Node } | undefined {
    if (depth > 20) return undefined; // a cycle of spreads or names
    const value = this.resolve(node);
    if (ts.isObjectLiteralExpression(value) && typeof key === 'string') {
      for (let i = value.properties.length - 1; i >= 0; i--) {
        const p = value.properties[i];
        if (ts.isSpreadAssignment(p)) {
          const inner = this.stepInto(p.expression, key, depth + 1);
          if (inner) return inner;
          continue;
        }
        if (!p.name || propertyNameText(p.name) !== key) continue;
        if (ts.isPropertyAssignment(p)) return { value: p.initializer, key: p.name };
        return { value: ts.isShorthandPropertyAssignment(p) ? p.name : p, key: p.name };
      }
      return undefined;
    }
    if (ts.isArrayLiteralExpression(value) && typeof key === 'number') {
      const before = value.elements.slice(0, key + 1);
      if (before.some((e) => ts.isSpreadElement(e))) return undefined;
      const element = value.elements[key];
      return element && !ts.isOmittedExpression(element) ? { value: element } : undefined;
    }
    const layerArguments = ts.isCallExpression(value) && typeof key === 'string' ? this.layerCallArguments(value) : undefined;
    if (ts.isCallExpression(value) && typeof key === 'string' && layerArguments) {
      const index = layerArguments.indexOf(key);
      const arg = index >= 0 ? value.arguments[index] : undefined;
      return arg && !value.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a)) ? { value: arg } : undefined;
    }
    return undefined;
  }

  /**
   * What an expression stands for as far as the source shows: parentheses,
   * `as`/`satisfies`/`!` removed, and (with `followNames`) a name declared
   * `const NAME = …` at the top level of this file replaced by its initializer.
   */
  private resolve(node: TS.Node, followNames = true): TS.Node {
    for (let hops = 0; hops < 20; hops++) {
      if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)
        || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
        node = node.expression;
      } else if (followNames && ts.isIdentifier(node)) {
        const init = this.topLevelConst(node.text);
        if (!init) return node;
        node = init;
      } else {
        return node;
      }
    }
    return node;
  }

  /**
   * For a layer constructor call — `dense(...)`, `nn.lstm(...)`, or a name
   * imported as `{ dense as d }` — the layer fields its arguments fill.
   */
  private layerCallArguments(call: TS.CallExpression): readonly string[] | undefined {
    const callee = call.expression;
    const known = (name: string) => (Object.hasOwn(LAYER_ARGUMENTS, name) ? LAYER_ARGUMENTS[name as LayerKindName] : undefined);
    if (ts.isPropertyAccessExpression(callee)) return known(callee.name.text);
    if (!ts.isIdentifier(callee)) return undefined;
    const direct = known(callee.text);
    if (direct) return direct;
    for (const s of this.sourceFile.statements) {
      if (!ts.isImportDeclaration(s) || !s.importClause?.namedBindings || !ts.isNamedImports(s.importClause.namedBindings)) continue;
      const element = s.importClause.namedBindings.elements.find((e) => e.name.text === callee.text && e.propertyName);
      const imported = element?.propertyName?.getText(this.sourceFile);
      if (imported !== undefined && known(imported)) return known(imported);
    }
    return undefined;
  }

  private topLevelConst(name: string): TS.Expression | undefined {
    for (const statement of this.sourceFile.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === name) return decl.initializer;
      }
    }
    return undefined;
  }

  /**
   * Top-level `const NAME = expr(…)` (or `network(…)`, `differentiable(…)`,
   * as imported from nncompile, by any name or through `import * as nn`) that
   * no export reads: specs the compiler never sees, most likely a forgotten `export`.
   */
  unexportedSpecs(): { readonly name: string; readonly kind: string; readonly node: TS.Node }[] {
    // names an export reads (export { Net }, export const Model = Net, export default Net) are exported too
    const exported = new Set<string>();
    const isExport = (s: TS.Statement) => ts.isExportDeclaration(s) || ts.isExportAssignment(s)
      || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true);
    const collect = (node: TS.Node): void => {
      if (ts.isIdentifier(node)) exported.add(node.text);
      node.forEachChild(collect);
    };
    this.sourceFile.statements.filter(isExport).forEach(collect);
    const found: { name: string; kind: string; node: TS.Node }[] = [];
    for (const s of this.sourceFile.statements) {
      if (!ts.isVariableStatement(s) || isExport(s)) continue;
      for (const decl of s.declarationList.declarations) {
        const init = decl.initializer && this.resolve(decl.initializer, false);
        const kind = init && ts.isCallExpression(init) ? this.specKind(init.expression) : undefined;
        if (kind && ts.isIdentifier(decl.name) && !exported.has(decl.name.text)) found.push({ name: decl.name.text, kind, node: decl.name });
      }
    }
    return found;
  }

  /** expr, network or differentiable, for a callee that names one of them (directly, by alias, or as `nn.expr`). */
  private specKind(callee: TS.Expression): string | undefined {
    const kinds = ['expr', 'network', 'differentiable'];
    for (const s of this.sourceFile.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || s.moduleSpecifier.text !== 'nncompile') continue;
      const bindings = s.importClause?.namedBindings;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const namespace = bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : s.importClause?.name?.text;
        if (namespace === callee.expression.text) return kinds.find((k) => k === callee.name.text);
      } else if (ts.isIdentifier(callee) && bindings && ts.isNamedImports(bindings)) {
        const element = bindings.elements.find((e) => e.name.text === callee.text);
        if (element) return kinds.find((k) => k === (element.propertyName ?? element.name).getText(this.sourceFile));
      }
    }
    return undefined;
  }

  /** Syntax errors of the file, reported like the TypeScript compiler does. */
  syntaxErrors(): CompileError[] {
    const diagnostics = (this.sourceFile as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
    return diagnostics.map(
      (d) =>
        new CompileError(ts.flattenDiagnosticMessageText(d.messageText, '\n'), this.locationAt(d.start ?? 0),
          'fix the TypeScript syntax of the model file'),
    );
  }
}

function propertyNameText(name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    || ts.isNoSubstitutionTemplateLiteral(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression))) {
    return name.expression.text;
  }
  return undefined;
}
