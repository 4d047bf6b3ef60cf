/**
 * The PostgreSQL store against a real server: the schema created and its version recorded, the
 * golden fixtures written into PostgreSQL and into SQLite giving the same rows table by table,
 * idempotent writes, paths following their bytes, and many writers at once storing a report once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../../output/postgres/open.js';
import { PG_SCHEMA_VERSION } from '../../../output/postgres/schema.js';
import { asComparableReport } from '../../../output/report-file.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import type { Report } from '../../../schemas/report.js';
import { goldenCases } from '../../golden-files.js';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';
import { postgresRows, sqliteRows } from './rows.js';

/** The expected report of every golden case (the corpus cases too: their expected files are committed). */
function goldenReports(): Report[] {
  return goldenCases().map((c) => {
    const report = asComparableReport(JSON.parse(readFileSync(c.expected, 'utf8')));
    if (!report) throw new Error(`${c.expected} is not a report`);
    return report;
  });
}

describePg('the PostgreSQL store', () => {
  let url: string;
  let store: PostgresStore;
  beforeAll(async () => {
    url = await freshDatabase('store');
    store = await openPostgresStore(url, { pipelineVersion: 'test' });
  });
  afterAll(async () => store?.close());

  it('creates its schema once, with its version recorded, however many open it at once', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, { pipelineVersion: 'test' })));
    await Promise.all(stores.map((s) => s.close()));
    const versions = await queryRows<{ version: number; pipeline_version: string }>(url, 'SELECT version, pipeline_version FROM schema_migrations');
    expect(versions).toEqual([{ version: PG_SCHEMA_VERSION, pipeline_version: 'test' }]);
  });

  it('refuses a database of a newer schema version, naming it without its password', async () => {
    const newer = await freshDatabase('newer');
    await (await openPostgresStore(newer, { pipelineVersion: 'test' })).close();
    await queryRows(newer, 'INSERT INTO schema_migrations (version, pipeline_version) VALUES ($1, $2)', [PG_SCHEMA_VERSION + 1, 'future']);
    const withPassword = newer.replace('postgres@', 'postgres:secret@');
    await expect(openPostgresStore(withPassword, { pipelineVersion: 'test' })).rejects.toThrow(/schema version \d+, newer than this status-ingest/);
    await expect(openPostgresStore(withPassword, { pipelineVersion: 'test' })).rejects.not.toThrow(/secret/);
  });

  it('holds the same rows as SQLite, table by table, for every golden fixture', async () => {
    const reports = goldenReports();
    expect(reports.length).toBeGreaterThan(10);
    const sqlite = openReportDatabase(':memory:');
    for (const r of reports) {
      writeReport(sqlite, r, 'test');
      expect((await store.writeReport(r, 'test')).outcome).toBe('written');
    }
    const [lite, pg] = [sqliteRows(sqlite), await postgresRows(url)];
    sqlite.close();
    for (const table of Object.keys(lite)) {
      expect.soft(pg[table]!.length, table).toBe(lite[table]!.length);
      expect.soft(pg[table], table).toEqual(lite[table]);
    }
    expect(lite.facts!.length).toBeGreaterThan(100);
  });

  it('keeps a report stored by this pipeline version (a second write only adds its path); a forced write replaces it', async () => {
    const [report] = goldenReports();
    const before = await queryRows<{ n: number }>(url, 'SELECT count(*)::int AS n FROM goals');
    const again = await store.writeReport({ ...report!, source: { ...report!.source, path: 'copy/elsewhere.txt' } }, 'test');
    expect(again.outcome).toBe('existing');
    const paths = await queryRows<{ path: string }>(url, 'SELECT path FROM report_paths WHERE report_id = $1 ORDER BY path', [report!.id]);
    expect(paths.map((p) => p.path)).toContain('copy/elsewhere.txt');
    expect((await store.writeReport(report!, 'test', { replace: true })).outcome).toBe('written');
    expect(await queryRows(url, 'SELECT count(*)::int AS n FROM goals')).toEqual(before);
  });

  it('moves a path whose bytes changed to the new report, removing the old one no path holds', async () => {
    const [a, b] = goldenReports().filter((r) => r.goals.length > 0);
    const path = 'moving/report.txt';
    await store.writeReport({ ...a!, id: 'a'.repeat(64), goals: [], source: { ...a!.source, path } }, 'test');
    const result = await store.writeReport({ ...b!, id: 'b'.repeat(64), goals: [], source: { ...b!.source, path } }, 'test');
    expect(result.superseded).toEqual([{ id: 'a'.repeat(64), path }]);
    expect(await queryRows(url, 'SELECT id FROM reports WHERE id = $1', ['a'.repeat(64)])).toEqual([]);
  });

  it('stores a report once when many writers write it at once', async () => {
    const [report] = goldenReports().filter((r) => r.goals.length > 3);
    const twin = { ...report!, id: 'c'.repeat(64), goals: report!.goals.map((g) => ({ ...g, id: `cccc-${g.id}` })) };
    const writers = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore(url, { pipelineVersion: 'test' })));
    const outcomes = await Promise.all(writers.flatMap((w) => [1, 2].map(() => w.writeReport(twin, 'test'))));
    await Promise.all(writers.map((w) => w.close()));
    expect(outcomes.filter((o) => o.outcome === 'written')).toHaveLength(1);
    const [{ n }] = await queryRows<{ n: number }>(url, 'SELECT count(*)::int AS n FROM goals WHERE report_id = $1', [twin.id]) as [{ n: number }];
    expect(n).toBe(twin.goals.length);
  });
});
