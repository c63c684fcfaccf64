import type { ts as TS } from 'ts-morph';
import { ts } from '../../util/ts-morph.js';
import { readTemplate } from '../../util/templates.js';
import { trainerTemplate } from './trainer-template.js';

/**
 * The templates a generated module with networks includes, by name, with
 * their text: their top-level names an export must not take in such a
 * module. (The helpers' templates are not here: a helper takes another name
 * where a user's name is its own, helper-names.ts.)
 */
export const MODULE_TEMPLATES = {
  'trainer/': trainerTemplate, // with any network
  'sequence-trainer.ts': () => readTemplate('sequence-trainer.ts'), // with a sequence network
  'wasm/loader.ts': () => readTemplate('wasm/loader.ts'), // with a network whose products may run as WebAssembly kernels
} as const satisfies Readonly<Record<string, () => string>>;

export type ModuleTemplate = keyof typeof MODULE_TEMPLATES;

/**
 * Top-level names the generated module declares itself through these
 * templates (`NetworkTrainer`, `Dataset`, …): every class, interface, type,
 * enum, function and variable declared at the top level, so a new template
 * declaration is covered without a list. Read by `declaredAtColumnZero`, not
 * the TypeScript parser: this runs at every start-up, where parsing the 50 kB
 * trainer template with a parser not yet compiled by V8 costs ~0.3 s; the
 * templates are formatted, and a test checks both readings agree on each.
 */
export function templateDeclarationNames(templates: readonly ModuleTemplate[] = Object.keys(MODULE_TEMPLATES) as ModuleTemplate[]): string[] {
  return templates.flatMap((t) => declaredAtColumnZero(MODULE_TEMPLATES[t]()));
}

/** A declaration starting a line: `export abstract class X`, `declare const x`, `function f`, … and its name. */
const DECLARATION_LINE = /^(?:export\s+)?(?:declare\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|interface|type|enum|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;

/** Names declared by lines that start with a declaration keyword (formatted code: the top level is column 0). */
export function declaredAtColumnZero(text: string): string[] {
  return [...text.matchAll(DECLARATION_LINE)].map((m) => m[1]!);
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

function bindingNames(name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isBindingElement(e) ? bindingNames(e.name) : []));
}
