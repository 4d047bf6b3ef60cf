/**
 * Migrating a database of schema version 3 (made here with that version's DDL and writer, see
 * `schema-v3.ts`) to this version (through 4), on real reports (fixtures of text, HTML and PDF, whose facts have
 * boxes) and hand-made ones: every row, every view, search and export give what they gave before,
 * and the database then holds what a new one written by this version holds, row for row.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXPORT_SPECS, ExportTable, exportHeader, exportText, shapeExportRow } from '../../../output/export.js';
import { exportChunks } from '../../../output/sqlite/export.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { DATABASE_SCHEMA_VERSION, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { searchGoals } from '../../../output/sqlite/search.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { Report } from '../../../schemas/report.js';
import { sampleReport, strategyReport } from '../v2-report.js';
import { createDatabaseV3 } from './schema-v3.js';

const SEEN_AT = new Date('2024-01-01T00:00:00Z');
const fixture = (name: string): Report => Report.parse(JSON.parse(readFileSync(join('fixtures', name, 'expected.json'), 'utf8')));
const reports = [
  fixture('oekonomiudvalget-2014-2017'),
  fixture('oekonomiudvalget-2014-2017-html'),
  fixture('oekonomiudvalget-2014-2017-pdf'),
  sampleReport(),
  strategyReport([['Sygefravær', 'Indsats mod sygefravær', 'Faldet til 4,6 %']], { path: 'other.txt' }),
];
const tempPath = () => join(mkdtempSync(join(tmpdir(), 'si-migrate-v3-')), 'r.sqlite');

/** What users read, the same in version 3 and now: the views and the tables that did not change, each in a full order. */
const READS: Record<string, string> = {
  reports: 'SELECT * FROM reports ORDER BY id',
  report_paths: 'SELECT * FROM report_paths ORDER BY path',
  report_tables: 'SELECT * FROM report_tables ORDER BY report_id, ordinal',
  report_columns: 'SELECT * FROM report_columns ORDER BY report_id, table_ordinal, ordinal',
  sections: 'SELECT * FROM sections ORDER BY report_id, table_ordinal, ordinal',
  goals: 'SELECT * FROM goals ORDER BY seq',
  diagnostics: 'SELECT * FROM diagnostics ORDER BY report_id, ordinal',
  v_goal_cells: 'SELECT * FROM v_goal_cells ORDER BY goal_id, ordinal',
  v_goals: 'SELECT * FROM v_goals ORDER BY goal_id',
  v_money_facts: 'SELECT * FROM v_money_facts ORDER BY goal_id, fact_ordinal',
  v_facts: 'SELECT * FROM v_facts ORDER BY goal_id, fact_ordinal',
  v_series_points: 'SELECT * FROM v_series_points ORDER BY goal_id, series_ordinal, point_ordinal',
};

/** The goal tables of version 3 as version 3 had them (goal ids, block text, facts' boxes from their JSON). */
const V3_PARTS: Record<string, string> = {
  cell_blocks: 'SELECT goal_id, cell, block, item, type, text FROM cell_blocks ORDER BY goal_id, cell, block, item',
  facts: `SELECT * FROM facts ORDER BY goal_id, ordinal`,
  boxes: `SELECT f.goal_id, f.ordinal AS fact_ordinal, b.key + 1 AS ordinal, b.value ->> 'page' AS page, b.value ->> 'x' AS x,
            b.value ->> 'y' AS y, b.value ->> 'width' AS width, b.value ->> 'height' AS height
          FROM facts f, json_each(f.json, '$.boxes') b ORDER BY f.goal_id, f.ordinal, b.key`,
  series: 'SELECT * FROM series ORDER BY goal_id, ordinal',
  series_points: 'SELECT * FROM series_points ORDER BY goal_id, series_ordinal, ordinal',
};

/** The same now (version 4 and later), each goal named by its id again. */
const V4_PARTS: Record<string, string> = {
  cell_blocks: 'SELECT * FROM v_cell_blocks ORDER BY goal_id, cell, block, item',
  facts: 'SELECT g.id AS goal_id, f.* FROM facts f JOIN goals g ON g.seq = f.goal_seq ORDER BY g.id, f.ordinal',
  boxes: 'SELECT * FROM v_fact_boxes ORDER BY goal_id, fact_ordinal, ordinal',
  series: 'SELECT g.id AS goal_id, s.* FROM series s JOIN goals g ON g.seq = s.goal_seq ORDER BY g.id, s.ordinal',
  series_points: 'SELECT g.id AS goal_id, p.* FROM series_points p JOIN goals g ON g.seq = p.goal_seq ORDER BY g.id, p.series_ordinal, p.ordinal',
};

/** The tables version 4 made anew, raw, in key order (a new database and a migrated one hold the same rows): each with its key. */
const V4_TABLES: Record<string, string> = {
  goal_cells: 'goal_seq, ordinal',
  cell_blocks: 'goal_seq, cell, block, item',
  facts: 'goal_seq, ordinal',
  fact_boxes: 'goal_seq, fact_ordinal, ordinal',
  series: 'goal_seq, ordinal',
  series_points: 'goal_seq, series_ordinal, ordinal',
};

type Row = Record<string, unknown>;
const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[];
/** Rows without the columns version 3 kept and this version does not (`facts.json`, `goals.indexed`, the goal's row number). */
const without = (rows: Row[], ...columns: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !columns.includes(k))));

/** A table's export as version 3 read it: the table's own columns, in key order. */
function exportV3(db: Database.Database, table: ExportTable): string {
  const spec = EXPORT_SPECS[table];
  const rows = all(db, `SELECT ${spec.columns.map((c) => c.name).join(', ')} FROM ${spec.table} ORDER BY ${spec.orderBy.join(', ')}`);
  return exportHeader(spec, 'csv') + exportText(spec, 'csv', rows.map((r) => shapeExportRow(spec, r)));
}

const searches = (db: Database.Database) => ['faldet', 'sygefravær', 'bolig*', 'budget'].map((q) => searchGoals(db as ReportDatabase, q));

describe('migrating a version-3 database', () => {
  it('keeps every row, view, search and export, and then holds what a new database holds', () => {
    const path = tempPath();
    createDatabaseV3(path, reports, SEEN_AT);
    const before = new Database(path, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(3);
    // Version 6 keeps what the full-text index holds as one row number, not as goals.indexed.
    const read = Object.fromEntries(Object.entries(READS).map(([name, sql]) => [name, without(all(before, sql), 'indexed')]));
    // Version 5 keeps the column labels once, in report_columns: the views (READS) give them as before.
    const parts = Object.fromEntries(Object.entries(V3_PARTS).map(([name, sql]) => [name, without(all(before, sql), 'json', 'column_label')]));
    const exports = ExportTable.options.map((t) => exportV3(before, t));
    const found = searches(before);
    before.close();
    // Real rows of every kind: boxes (PDF), blocks in bodies, series, list items.
    expect(parts.boxes!.length).toBeGreaterThan(100);
    expect(parts.series_points!.length).toBeGreaterThan(0);
    expect(found.flat().length).toBeGreaterThan(0);

    const db = openReportDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    for (const [name, sql] of Object.entries(READS)) expect(all(db, sql), name).toEqual(read[name]);
    for (const [name, sql] of Object.entries(V4_PARTS)) {
      expect(without(all(db, sql), 'goal_seq'), name).toEqual(parts[name]);
      expect(parts[name]!.length, name).toBeGreaterThan(0);
    }
    expect(ExportTable.options.map((t) => [...exportChunks(db, t, 'csv')].join(''))).toEqual(exports);
    expect(searches(db)).toEqual(found);
    // Most blocks point into their goal's body: the text is stored once.
    const stored = db.prepare('SELECT count(*) AS blocks, count(text) AS texts FROM cell_blocks').get() as { blocks: number; texts: number };
    expect(stored.texts).toBeLessThan(stored.blocks / 2);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'v3_%' OR name = 'facts_kind'").pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");

    // Row for row what this version writes into a new database (the same goal row numbers: written in the same order).
    const fresh = openReportDatabase(':memory:');
    for (const report of reports) writeReport(fresh, report, 'v3-test', { seenAt: SEEN_AT });
    for (const [table, key] of Object.entries(V4_TABLES)) {
      const rows = (d: ReportDatabase) => all(d, `SELECT * FROM ${table} ORDER BY ${key}`);
      expect(rows(db), table).toEqual(rows(fresh));
    }
    for (const [name, sql] of Object.entries(READS)) expect(all(db, sql), name).toEqual(all(fresh, sql));
    fresh.close();

    // A report deleted after the migration takes its goals' parts with it (the new foreign keys cascade).
    db.prepare('DELETE FROM reports WHERE id = ?').run(reports[2]!.id);
    expect(db.prepare('SELECT count(*) FROM fact_boxes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cell_blocks b WHERE NOT EXISTS (SELECT 1 FROM goals g WHERE g.seq = b.goal_seq)').pluck().get()).toBe(0);
    db.close();
  });
});
