import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Several tests compile, type-check and run generated code, or start the CLI:
    // on a busy 2-core machine one of them can take tens of seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
