/**
 * The PostgreSQL store against a real server: the schema created and its version recorded, the
 * golden fixtures written into PostgreSQL and into SQLite giving the same rows table by table,
 * idempotent writes, paths following their bytes, and many writers at once storing a report once.
 * A batch's writes (rows a parse worker made, `writeReportRows`) store what `writeReport` stores.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExportFormat, ExportTable } from '../../../output/export.js';
import { openPostgresStore, type PostgresStore } from '../../../output/postgres/open.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL, PG_SCHEMA_VERSION, REPORT_TABLES_IN_ORDER } from '../../../output/postgres/schema.js';
import { asComparableReport } from '../../../output/report-file.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { reportRows } from '../../../output/sqlite/rows.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { packReportRows, unpackReportRows } from '../../../pipeline/batch/packed-rows.js';
import type { Report } from '../../../schemas/report.js';
import { goldenCases } from '../../golden-files.js';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';
import { postgresExport, postgresRows, sqliteExport, sqliteRows } from './rows.js';

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
    expect(versions).toEqual(Array.from({ length: PG_SCHEMA_VERSION - 1 }, (_, i) => ({ version: i + 2, pipeline_version: 'test' })));
  });

  it('refuses a database of a newer schema version, naming it without its password', async () => {
    const newer = await freshDatabase('newer');
    await (await openPostgresStore(newer, { pipelineVersion: 'test' })).close();
    await queryRows(newer, 'INSERT INTO schema_migrations (version, pipeline_version) VALUES ($1, $2)', [PG_SCHEMA_VERSION + 1, 'future']);
    const withPassword = newer.replace('postgres@', 'postgres:secret@');
    await expect(openPostgresStore(withPassword, { pipelineVersion: 'test' })).rejects.toThrow(/schema version \d+, newer than this status-ingest/);
    await expect(openPostgresStore(withPassword, { pipelineVersion: 'test' })).rejects.not.toThrow(/secret/);
  });

  it('exports the same bytes as SQLite for goals and facts, and holds the same rows in every other table and view, for every golden fixture', async () => {
    const reports = goldenReports();
    expect(reports.length).toBeGreaterThan(10);
    const sqlite = openReportDatabase(':memory:');
    for (const r of reports) {
      writeReport(sqlite, r, 'test');
      expect((await store.writeReport(r, 'test')).outcome).toBe('written');
    }
    for (const table of ExportTable.options) {
      for (const format of ExportFormat.options) {
        const [lite, pg] = [sqliteExport(sqlite, table, format), await postgresExport(store, table, format, 97)];
        expect(lite.split('\n').length, `${table} ${format}`).toBeGreaterThan(reports.length);
        // Compared as lines first, so a difference shows where it is; then byte for byte.
        expect.soft(pg.split('\n'), `${table} ${format}`).toEqual(lite.split('\n'));
        expect(Buffer.from(pg).equals(Buffer.from(lite)), `${table} ${format} byte for byte`).toBe(true);
      }
    }
    const [lite, pg] = [sqliteRows(sqlite), await postgresRows(url)];
    sqlite.close();
    for (const table of Object.keys(lite)) {
      expect.soft(pg[table]!.length, table).toBe(lite[table]!.length);
      expect.soft(pg[table], table).toEqual(lite[table]);
    }
    expect(lite.v_facts!.length).toBeGreaterThan(100);
    // Facts of a PDF stand on their first box's page, and some text report's goal spans two pages.
    const pdfFacts = reports.filter((r) => r.source.format === 'pdf').flatMap((r) => r.goals.flatMap((g) => g.facts.filter((f) => f.boxes?.length)));
    expect(pdfFacts.length).toBeGreaterThan(0);
    expect(lite.v_facts!.some((row) => JSON.parse(row).page === null)).toBe(true);
  });

  it('stores the rows a parse worker made (packed, unpacked) as it stores the report: the same rows as SQLite holds, and the same outcomes', async () => {
    const reports = goldenReports();
    const rowsUrl = await freshDatabase('rows');
    const rowsStore = await openPostgresStore(rowsUrl, { pipelineVersion: 'test' });
    const sqlite = openReportDatabase(':memory:');
    try {
      for (const r of reports) {
        writeReport(sqlite, r, 'test');
        // What crosses from a worker: the rows as one buffer, unpacked in the writer's turn.
        expect((await rowsStore.writeReportRows(unpackReportRows(packReportRows(reportRows(r))), 'test')).outcome).toBe('written');
      }
      const [lite, pg] = [sqliteRows(sqlite), await postgresRows(rowsUrl)];
      for (const table of Object.keys(lite)) expect.soft(pg[table], table).toEqual(lite[table]);
      expect(lite.v_facts!.length).toBeGreaterThan(100);
      const [first] = reports.filter((r) => r.goals.length > 0);
      const copy = reportRows({ ...first!, source: { ...first!.source, path: 'copy/by-rows.txt' } });
      expect((await rowsStore.writeReportRows(copy, 'test')).outcome).toBe('existing');
      const paths = await queryRows<{ path: string }>(rowsUrl, 'SELECT path FROM report_paths WHERE report_id = $1', [first!.id]);
      expect(paths.map((p) => p.path)).toContain('copy/by-rows.txt');
      expect((await rowsStore.writeReportRows(reportRows(first!), 'test', { replace: true })).outcome).toBe('written');
      expect(await queryRows(rowsUrl, 'SELECT count(*)::int AS n FROM goals WHERE report_id = $1', [first!.id])).toEqual([{ n: first!.goals.length }]);
    } finally {
      sqlite.close();
      await rowsStore.close();
    }
  });

  it('orders exported rows as SQLite does, by code point, in a database of Danish collation too', async () => {
    const ids = ['b', 'B', 'a', 'Å', 'æ', 'aa', 'z', '\uFFFD', '\u{1F600}', 'a b', 'a-b', 'a_b', '10', '9'];
    const [report] = goldenReports().filter((r) => r.goals.some((g) => g.facts.length > 0));
    const goal = report!.goals.find((g) => g.facts.length > 0)!;
    const odd: Report = {
      ...report!, id: 'd'.repeat(64), source: { ...report!.source, path: 'collation/odd.txt' },
      goals: ids.map((id, i) => ({ ...goal, id: `dddd-${id}`, key: `k-${i}`, ordinal: i + 1 })),
    };
    // Danish collation puts "aa" after "z" (it is "å") and sorts case and punctuation apart from code points.
    const pgUrl = await freshDatabase('collation', "LOCALE_PROVIDER icu ICU_LOCALE 'da-DK' LOCALE 'C.UTF-8'");
    const [{ danish }] = await queryRows<{ danish: boolean }>(pgUrl, "SELECT 'aa' > 'z' AS danish") as [{ danish: boolean }];
    expect(danish).toBe(true);
    const pgStore = await openPostgresStore(pgUrl, { pipelineVersion: 'test' });
    const sqlite = openReportDatabase(':memory:');
    try {
      writeReport(sqlite, odd, 'test');
      await pgStore.writeReport(odd, 'test');
      for (const table of ExportTable.options) {
        const lite = sqliteExport(sqlite, table, 'ndjson');
        expect(await postgresExport(pgStore, table, 'ndjson', 5), table).toBe(lite);
      }
      const order = sqliteExport(sqlite, 'facts', 'ndjson').trimEnd().split('\n').map((l) => (JSON.parse(l) as { goal_id: string }).goal_id.slice(5));
      expect([...new Set(order)]).toEqual([...ids].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    } finally {
      sqlite.close();
      await pgStore.close();
    }
  });

  it('refuses to migrate a version-4 database whose copy of a column label is not its column\'s, and leaves it at version 4', async () => {
    const oldUrl = await freshDatabase('old4');
    const old = new pg.Client({ connectionString: oldUrl });
    await old.connect();
    try {
      await old.query('BEGIN');
      await old.query(MIGRATIONS_TABLE_SQL);
      for (let i = 0; i < 3; i++) {
        await old.query(MIGRATIONS[i]!);
        await old.query("INSERT INTO schema_migrations (version, pipeline_version) VALUES ($1, 'v4')", [i + 2]);
      }
      // One goal of one report, its cell keeping a label its column does not have.
      await old.query(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, schema_version, pipeline_version, table_count, goal_count, error_count)
                       VALUES ('r', 'r.txt', 'text', 1, 1, 'T', '', 2, 'v4', 1, 1, 0)`);
      await old.query("INSERT INTO report_tables (report_id, ordinal, page_first, page_last, line_first, line_last) VALUES ('r', 1, 1, 1, 1, 2)");
      await old.query("INSERT INTO report_columns (report_id, table_ordinal, ordinal, role, role_from, label) VALUES ('r', 1, 1, 'goal', 'header', 'Mål')");
      await old.query(`INSERT INTO goals (seq, id, report_id, table_ordinal, ordinal, title, total, page_first, page_last, line_first, line_last, body, key)
                       VALUES (1, 'r-1-g', 'r', 1, 1, 'G', 0, 1, 1, 2, 2, '', '1-g')`);
      await old.query("INSERT INTO goal_cells (goal_seq, ordinal, label, role, text) VALUES (1, 0, 'Another label', 'goal', 'G')");
      await old.query('COMMIT');
    } finally {
      await old.end();
    }
    await expect(openPostgresStore(oldUrl, { pipelineVersion: 'test' })).rejects.toThrow(/copies of column labels differ from report_columns: not migrated/);
    const versions = await queryRows<{ version: number }>(oldUrl, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([2, 3, 4]);
    expect(await queryRows(oldUrl, 'SELECT label FROM goal_cells')).toEqual([{ label: 'Another label' }]);
  });

  it('migrates a database of schema version 2 to the rows and exports a new one holds', async () => {
    const reports = goldenReports();
    const [freshUrl, oldUrl] = await Promise.all([freshDatabase('fresh3'), freshDatabase('old2')]);
    const fresh = await openPostgresStore(freshUrl, { pipelineVersion: 'test' });
    for (const r of reports) await fresh.writeReport(r, 'test');
    // Version 2 as its writer left it: the first migration, and the fresh rows in its columns (a
    // goal's parts named by the goal's id, facts with their JSON, no boxes table).
    const json = new Map<string, string>(reports.flatMap((r) => r.goals.flatMap((g) => g.facts.map((f, i) => [`${g.id} ${i + 1}`, JSON.stringify(f)] as const))));
    const byGoalId = (table: string, columns = 'x.*') => `SELECT g.id AS goal_id, ${columns} FROM ${table} x JOIN goals g ON g.seq = x.goal_seq`;
    // Before version 5, a cell, fact and series kept a copy of their column's label (and a cell its role).
    const withColumn = (table: string, columns: string) =>
      `${byGoalId(table, `x.*, ${columns}`)} LEFT JOIN report_columns c ON c.report_id = g.report_id AND c.table_ordinal = g.table_ordinal AND c.ordinal = x.${table === 'goal_cells' ? 'ordinal' : 'cell'} + 1`;
    const v3Shaped: Record<string, string> = {
      goal_cells: withColumn('goal_cells', 'c.label, c.role'),
      cell_blocks: 'SELECT goal_id, cell, block, item, type, text FROM v_cell_blocks',
      facts: withColumn('facts', 'c.label AS column_label'),
      series: withColumn('series', 'c.label AS column_label'),
      series_points: byGoalId('series_points'),
      // Before version 6, goals.indexed (always 1 here).
      goals: 'SELECT *, 1 AS indexed FROM goals',
    };
    const renamed: Record<string, Record<string, string | null>> = {
      goals: { key: null, body: null },
      facts: { period_start: 'start', period_end: 'end', page: null },
      series_points: { point_start: 'start', point_end: 'end' },
      diagnostics: { column_number: 'column' },
    };
    const old = new pg.Client({ connectionString: oldUrl });
    await old.connect();
    try {
      await old.query('BEGIN');
      await old.query(MIGRATIONS_TABLE_SQL);
      await old.query(MIGRATIONS[0]!);
      await old.query("INSERT INTO schema_migrations (version, pipeline_version) VALUES (2, 'v2')");
      for (const table of [...REPORT_TABLES_IN_ORDER.filter((t) => t !== 'reviews' && t !== 'fact_boxes'), 'goals_fts']) {
        const rows = (await fresh.pool.query(v3Shaped[table] ?? `SELECT * FROM ${table}`)).rows as Record<string, unknown>[];
        const v2 = rows.map((row) => Object.fromEntries(Object.entries(table === 'facts' ? { ...row, json: json.get(`${row.goal_id} ${row.ordinal}`) } : row).flatMap(([k, v]) => {
          const to = k === 'goal_seq' ? null : renamed[table]?.[k];
          return to === null ? [] : [[to ?? k, v]];
        })));
        await old.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(null::${table}, $1)`, [JSON.stringify(v2)]);
      }
      await old.query('COMMIT');
    } finally {
      await old.end();
    }
    const migrated = await openPostgresStore(oldUrl, { pipelineVersion: 'test' });
    try {
      const versions = await queryRows<{ version: number }>(oldUrl, 'SELECT version FROM schema_migrations ORDER BY version');
      // Every step ran, the last one version 6's (no goals.indexed).
      expect(versions.map((v) => v.version)).toEqual([2, 3, 4, 5, 6]);
      expect(PG_SCHEMA_VERSION).toBe(6);
      for (const table of ExportTable.options) expect(await postgresExport(migrated, table, 'csv'), table).toBe(await postgresExport(fresh, table, 'csv'));
      const [was, is] = [await postgresRows(freshUrl), await postgresRows(oldUrl)];
      for (const table of Object.keys(was)) expect.soft(is[table], table).toEqual(was[table]);
      expect(await migrated.search('sygefravær')).toEqual(await fresh.search('sygefravær'));
    } finally {
      await Promise.all([migrated.close(), fresh.close()]);
    }
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
