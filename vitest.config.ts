import { defineConfig } from 'vitest/config';

/**
 * Test harness (see test/README.md): one template database is built once in globalSetup
 * (PGlite data directory, and a PostgreSQL template database when TEST_DATABASE_URL is set);
 * each test file copies it. Forks, at most two workers: the machines have two cores and every
 * embedded database runs in its own worker thread.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/server/**/*.test.ts', 'src/contracts/**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', 'dist/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
    env: { TZ: 'UTC' },
  },
});
