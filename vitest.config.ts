import { defineConfig } from 'vitest/config';

/**
 * Three projects that `npm test` runs together and that run apart with `--project`:
 * - unit: examples and small properties, in-process;
 * - property: fuzz, robustness and work-counting scaling tests (bounded in runs, heavier);
 * - e2e: the built CLI, the browser, editors and servers as child processes.
 */
const PACKAGE_TESTS = ['engine/test/**/*.test.ts', 'language-server/test/**/*.test.ts', 'extension/test/**/*.test.ts'];
const CROSS_PACKAGE_UNIT = ['test/conformance/**/*.test.ts'];
const PROPERTY = ['**/*.property.test.ts', '**/*.fuzz.test.ts', '**/robustness.test.ts', '**/linearity.test.ts', '**/*-scaling.test.ts'];
const E2E = ['test/e2e/**/*.test.ts', 'test/cli/**/*.test.ts'];
const EXCLUDED = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: [...PACKAGE_TESTS, ...CROSS_PACKAGE_UNIT], exclude: [...EXCLUDED, ...PROPERTY] } },
      { extends: true, test: { name: 'property', include: PROPERTY, exclude: [...EXCLUDED, ...E2E] } },
      { extends: true, test: { name: 'e2e', include: E2E, exclude: EXCLUDED } },
    ],
  },
});
