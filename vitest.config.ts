import { defineConfig } from 'vitest/config';

// Tests run in three tiers (`npm test` runs all of them):
//   unit      ir, ops, passes, lowering, frontends, middle end — no code generation, seconds
//   backends  generated TypeScript and LaTeX, compiled and run in-process
//   e2e       CLI, goldens, examples, consumer packaging, GC counts — everything not listed above
// Run one: `npm run test:unit`, `npm run test:backends`, `npm run test:e2e`.
const UNIT = [
  'identities', 'ops', 'differentiate', 'tensor-ops', 'program-lowering', 'frontend-errors', 'example-data', 'example-series', 'svg-plot', 'sequence-worked-values',
  'layering', 'network-validate', 'worked-values', 'typescript-function-errors',
].map((name) => `test/${name}.test.ts`);
const BACKENDS = [
  'generated-code', 'property', 'latex', 'workspace', 'network-codegen', 'network-notes', 'trainer-template',
  'network-property', 'api', 'row-step', 'wasm-trainer', 'wasm-kernels', 'wasm-embed', 'wasm-program', 'wasm-memory-plan', 'network-derivatives',
  'typescript-functions', 'expression-fixes', 'preformatted', 'sequence-notes',
].map((name) => `test/${name}.test.ts`);

// Several tests compile, type-check and run generated code, or start the CLI:
// on a busy 2-core machine one of them can take tens of seconds.
const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: [...UNIT, 'test/unit/**/*.test.ts'], ...timeouts } },
      { test: { name: 'backends', include: [...BACKENDS, 'test/backends/**/*.test.ts'], ...timeouts } },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...BACKENDS, 'test/unit/**', 'test/backends/**', '**/node_modules/**'],
          ...timeouts,
        },
      },
    ],
  },
});
