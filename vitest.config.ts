import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure, in-process: stages, formats, extractors, writers; `npm run test:unit`,
 * well under 20 s) and `e2e` (files named `*.e2e.test.ts`: they spawn the built CLI, drive a browser,
 * render PDFs or SIGKILL processes). `npm test` runs both. The e2e project starts a throwaway
 * PostgreSQL server for the `*.pg.e2e.test.ts` files (or uses `STATUS_INGEST_TEST_PG_URL`): see
 * `test/postgres-server.ts`. Both run with `TMPDIR` in a folder of the run's own, removed at its end
 * (`test/temp-dir.ts`).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      // Unit files on every core (vitest's default leaves one free: a single fork on a 2-core machine,
      // 21-22 s against 16 s here); e2e files spawn processes and browsers of their own, so they keep
      // the default. Projects with their own worker counts run in groups of their own: unit first.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.e2e.test.ts'], isolate: false, maxWorkers: '100%', sequence: { groupOrder: 0 }, globalSetup: ['test/temp-dir.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.e2e.test.ts'], sequence: { groupOrder: 1 }, globalSetup: ['test/temp-dir.ts', 'test/postgres-server.ts'] } },
    ],
  },
});
