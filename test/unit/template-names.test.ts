import { describe, expect, it } from 'vitest';
import { MODULE_TEMPLATES, declaredAtColumnZero, templateDeclarationNames, topLevelNames } from '../../src/backends/ts/template-names.js';

// The reserved template names are read by a line scan at start-up (no parser);
// the TypeScript parser's reading is the reference it must match on every template.
describe('template declaration names', () => {
  for (const [file, read] of Object.entries(MODULE_TEMPLATES)) {
    it(`the line scan of templates/${file} finds what the parser finds`, () => {
      const text = read();
      const parsed = topLevelNames('template.ts', text);
      expect(parsed.length).toBeGreaterThan(0);
      expect(declaredAtColumnZero(text)).toEqual(parsed);
    });
  }

  it('covers the trainer classes, and not the helpers (they adapt: helper-names.ts)', () => {
    expect(templateDeclarationNames()).toEqual(expect.arrayContaining(['NetworkTrainer', 'SequenceTrainer', 'Dataset', 'instantiateWasm']));
    expect(templateDeclarationNames(['trainer/'])).not.toContain('SequenceTrainer');
    expect(templateDeclarationNames()).not.toContain('softplus');
  });

  it('reads every kind of declaration at column 0 and nothing indented', () => {
    const text = [
      'export abstract class A {', '  const inner = 1;', '}', 'declare const b: number;', 'function* c() {}',
      'export interface D {}', 'type E = number;', 'export enum F { X }', 'let g = 1, h = 2;', 'export async function i() {}',
    ].join('\n');
    expect(declaredAtColumnZero(text)).toEqual(['A', 'b', 'c', 'D', 'E', 'F', 'g', 'i']);
    expect(topLevelNames('t.ts', text)).toEqual(['A', 'b', 'c', 'D', 'E', 'F', 'g', 'h', 'i']);
  });
});
