import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/test/**/*.test.ts', 'test/**/*.test.ts', 'language-server/test/**/*.test.ts', 'extension/test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
