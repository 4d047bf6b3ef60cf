/**
 * Migrating a database of schema version 2 (made here with that version's DDL and writer, see
 * `schema-v2.ts`) to this version: opened for writing it is migrated in place, and then holds what a
 * new database written by this version holds (the same columns, rows and full-text index); opened
 * read-only it is migrated in a copy in memory and the file is left as it was.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { DATABASE_SCHEMA_VERSION, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { openSearchDatabase, searchGoals } from '../../../output/sqlite/search.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { sampleReport, strategyReport } from '../v2-report.js';
import { createDatabaseV2 } from './schema-v2.js';

const SEEN_AT = new Date('2024-01-01T00:00:00Z');
const reports = [sampleReport(), strategyReport([['Sygefravær', 'Indsats mod sygefravær', 'Faldet til 4,6 %']], { path: 'other.txt' })];
const tempPath = () => join(mkdtempSync(join(tmpdir(), 'si-migrate-')), 'r.sqlite');

/** The report tables, each with the columns that order its rows (its key). */
const TABLES: [table: string, orderBy: string][] = [
  ['reports', 'id'],
  ['report_paths', 'path'],
  ['report_tables', 'report_id, ordinal'],
  ['report_columns', 'report_id, table_ordinal, ordinal'],
  ['sections', 'report_id, table_ordinal, ordinal'],
  ['goals', 'id'],
  ['goal_cells', 'goal_seq, ordinal'],
  ['cell_blocks', 'goal_seq, cell, block, item'],
  ['facts', 'goal_seq, ordinal'],
  ['series', 'goal_seq, ordinal'],
  ['series_points', 'goal_seq, series_ordinal, ordinal'],
  ['diagnostics', 'report_id, ordinal'],
];

/** A database as this version writes it, holding `reports`. */
function currentDatabase(): ReportDatabase {
  const db = openReportDatabase(':memory:');
  for (const report of reports) writeReport(db, report, 'v2-test', { seenAt: SEEN_AT });
  return db;
}

/** Every column of a table as SQLite describes it (name, type, nullability, default, key), in order. */
const columnsOf = (db: ReportDatabase, table: string) => db.pragma(`table_xinfo(${table})`) as { name: string }[];
/** The derived objects of a database: views, triggers and indexes by name, and the full-text table's declaration. */
const derived = (db: ReportDatabase) =>
  db.prepare("SELECT type, name, CASE WHEN type = 'table' THEN sql END AS sql FROM sqlite_schema WHERE type IN ('view', 'trigger', 'index') OR name = 'goals_fts' ORDER BY type, name").all();
const ftsCheck = (db: ReportDatabase) => db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('migrating a version-2 database', () => {
  it('renames the columns that needed quoting and then holds what a new database holds', () => {
    const path = tempPath();
    createDatabaseV2(path, reports, SEEN_AT);
    const before = new Database(path, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(2);
    expect(columnsOf(before, 'facts').map((c) => c.name)).toContain('end');
    before.close();

    const db = openReportDatabase(path);
    const fresh = currentDatabase();
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    for (const [table, orderBy] of TABLES) {
      expect(columnsOf(db, table), table).toEqual(columnsOf(fresh, table));
      const rows = (d: ReportDatabase) => d.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all();
      expect(rows(db), table).toEqual(rows(fresh));
      expect(rows(db).length, table).toBeGreaterThan(0);
    }
    // The facts of a goal on one page got its page; those of a goal over a page break none.
    expect(db.prepare('SELECT count(*) FROM facts WHERE page IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM facts f JOIN goals g ON g.seq = f.goal_seq WHERE g.page_first < g.page_last AND f.page IS NULL').pluck().get()).toBeGreaterThan(0);
    expect(derived(db)).toEqual(derived(fresh));
    expect(db.prepare('SELECT count(*) FROM ingest_runs').pluck().get()).toBe(1);

    // The new index holds every goal, stays in step with the goals table, and search finds cell text.
    ftsCheck(db);
    expect(db.prepare('SELECT count(*) FROM goals_fts').pluck().get()).toBe(reports[0]!.goals.length + reports[1]!.goals.length);
    expect(searchGoals(db, 'faldet').map((h) => h.title)).toEqual(['Sygefravær']);
    db.prepare('DELETE FROM reports WHERE id = ?').run(reports[1]!.id);
    expect(searchGoals(db, 'faldet')).toEqual([]);
    ftsCheck(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    fresh.close();

    // Migrated once: the next open finds this version and changes nothing.
    const again = openReportDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    again.close();
  });

  it('migrates a read-only database in a copy in memory, leaving the file as it was', () => {
    const path = tempPath();
    createDatabaseV2(path, reports, SEEN_AT);
    // Checkpointed, so a copy of the file holds everything (as a read-only database does).
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    chmodSync(path, 0o444);
    const hash = sha256(path);
    const db = openSearchDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    expect(searchGoals(db, 'faldet').map((h) => h.title)).toEqual(['Sygefravær']);
    expect(db.prepare("SELECT count(*) FROM v_facts WHERE kind = 'money'").pluck().get()).toBeGreaterThan(0);
    db.close();
    expect(sha256(path)).toBe(hash);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    after.close();
  });

  it('migrates when searched: a writable version-2 database opened for reading is brought up to this version', () => {
    const path = tempPath();
    createDatabaseV2(path, reports, SEEN_AT);
    const db = openSearchDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM v_facts').pluck().get()).toBe(reports.reduce((n, r) => n + r.goals.reduce((m, g) => m + g.facts.length, 0), 0));
    db.close();
  });
});
