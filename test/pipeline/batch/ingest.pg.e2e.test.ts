/**
 * Batch ingestion into PostgreSQL hands the store each report's rows, made where the report was
 * parsed (`writeReportRows`), never the report's object graph: a store whose `writeReport` throws
 * still takes every file, and holds what the reports' own writes hold.
 */
import { expect, it } from 'vitest';
import { ingestSources } from '../../../pipeline/batch/ingest.js';
import { openPostgresStore } from '../../../output/postgres/open.js';
import type { ReportRows } from '../../../output/sqlite/rows.js';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';

const INPUTS = ['fixtures/oekonomiudvalget-2014-2017/input.txt', 'fixtures/oekonomiudvalget-2014-2017-html/input.html', 'fixtures/layout-2col-text/input.txt'];

describePg('ingest into PostgreSQL', () => {
  it('writes the rows the parse made, not the report, and a second run skips every file', async () => {
    const url = await freshDatabase('ingest_rows');
    const store = await openPostgresStore(url, { pipelineVersion: 'test' });
    const written: ReportRows[] = [];
    const writeRows = store.writeReportRows.bind(store);
    store.writeReportRows = (rows, version, options) => {
      written.push(rows);
      return writeRows(rows, version, options);
    };
    store.writeReport = () => Promise.reject(new Error('the batch handed the store a report, not its rows'));
    try {
      const first = await ingestSources({ paths: INPUTS, store, pipelineVersion: 'test', concurrency: 1 });
      expect(first.failures).toEqual([]);
      expect(first.ingested).toBe(INPUTS.length);
      expect(written.map((r) => r.path).sort()).toEqual([...INPUTS].sort());
      const goals = written.reduce((n, r) => n + r.goals.length, 0);
      expect(goals).toBeGreaterThan(40);
      expect(await queryRows(url, 'SELECT count(*)::int AS n FROM goals')).toEqual([{ n: goals }]);
      expect(await queryRows(url, 'SELECT count(*)::int AS n FROM facts')).toEqual([{ n: written.reduce((n, r) => n + r.facts.length, 0) }]);
      const again = await ingestSources({ paths: INPUTS, store, pipelineVersion: 'test', concurrency: 1 });
      expect([again.ingested, again.skipped, again.failed]).toEqual([0, INPUTS.length, 0]);
      expect(written).toHaveLength(INPUTS.length);
    } finally {
      await store.close();
    }
  });
});
