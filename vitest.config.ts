import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Every test file starts with no AWS settings from the developer's shell and no retry delay.
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
});
