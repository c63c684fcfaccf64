import ts from 'typescript';
import { readTemplate } from '../../util/templates.js';

/** The templates a generated module may include, whose top-level names user names must not take. */
const MODULE_TEMPLATES = ['trainer.ts', 'sequence-trainer.ts', 'helpers/softplus.ts', 'wasm/loader.ts'] as const;

/**
 * Top-level names the generated module declares itself through its templates
 * (`NetworkTrainer`, `Dataset`, `sigmoid`, …), read from the templates' syntax
 * trees: every class, interface, type, enum, function and variable declared
 * at the top level, so a new template declaration is covered without a list.
 */
export function templateDeclarationNames(): string[] {
  return MODULE_TEMPLATES.flatMap((file) => topLevelNames(file, readTemplate(file)));
}

/** Names declared at the top level of a TypeScript file, in order (a name declared twice appears twice). */
export function topLevelNames(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false);
  return source.statements.flatMap((s): string[] => {
    if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(d.name));
    if (ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s) || ts.isInterfaceDeclaration(s)
      || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s)) {
      return s.name ? [s.name.text] : [];
    }
    return [];
  });
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? bindingNames(e.name) : []));
}
