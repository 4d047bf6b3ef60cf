/**
 * Version 6 keeps what the full-text index holds as one row number (`search_index_state`) instead
 * of a flag on every goal (`goals.indexed`). Migrating a database of version 5 drops the flag, its
 * partial index and the triggers that read it, and builds the index anew over every goal: goals a
 * stopped batch had left pending are found, none twice, also where an indexed goal's row number is
 * above a pending one's (a single write after a stopped batch), which no one row number described.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { DATABASE_SCHEMA_VERSION, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { searchGoals } from '../../../output/sqlite/search.js';
import { hasPendingGoals, indexPendingGoals } from '../../../output/sqlite/search-index.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { Report } from '../../../schemas/report.js';
import { sampleReport } from '../v2-report.js';
import { searchBookkeepingAsVersion5 } from './schema-v5.js';

const SEEN_AT = new Date('2024-01-01T00:00:00Z');
const fixture = (name: string): Report => Report.parse(JSON.parse(readFileSync(join('fixtures', name, 'expected.json'), 'utf8')));
const reports = [fixture('oekonomiudvalget-2014-2017'), sampleReport(), fixture('oekonomiudvalget-2014-2017-pdf')];
const tempPath = () => join(mkdtempSync(join(tmpdir(), 'si-migrate-v5-')), 'r.sqlite');

const columnsOf = (db: Database.Database, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
const one = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get();
/** Every goal's id with the search hits of a few queries, and the hits of a query per goal title word. */
const searches = (db: ReportDatabase) => ['sygefravær', 'bolig*', 'budget', 'bandepartnerskab', 'borgere'].map((q) => searchGoals(db, q, { limit: 500 }).map((h) => h.goalId).sort());

describe('migrating a version-5 database (what the full-text index holds as one row number)', () => {
  it('drops goals.indexed and its index, and indexes every goal once, pending ones included', () => {
    const fresh = openReportDatabase(':memory:');
    for (const report of reports) writeReport(fresh, report, 'v5-test', { seenAt: SEEN_AT });
    const expected = searches(fresh);
    expect(expected.flat().length).toBeGreaterThan(20);

    const path = tempPath();
    const old = openReportDatabase(path);
    for (const report of reports) writeReport(old, report, 'v5-test', { seenAt: SEEN_AT });
    // The middle report pending: its goals' row numbers are below the last report's, which are in.
    searchBookkeepingAsVersion5(old, [reports[1]!.id]);
    old.pragma('user_version = 5');
    expect(one(old, 'SELECT count(*) FROM goals WHERE indexed = 0')).toBe(reports[1]!.goals.length);
    expect(one(old, 'SELECT count(*) FROM goals_fts_docsize')).toBe(reports[0]!.goals.length + reports[2]!.goals.length);
    old.close();

    const db = openReportDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    expect(columnsOf(db, 'goals')).not.toContain('indexed');
    expect(one(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'goals_unindexed'")).toBe(0);
    const goals = one(db, 'SELECT count(*) FROM goals') as number;
    expect(goals).toBe(reports.reduce((n, r) => n + r.goals.length, 0));
    expect(one(db, 'SELECT count(*) FROM goals_fts_docsize')).toBe(goals);
    expect(db.prepare('SELECT indexed_through, pending FROM search_index_state').get()).toEqual({ indexed_through: goals, pending: 0 });
    expect(hasPendingGoals(db)).toBe(false);
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
    expect(searches(db)).toEqual(expected);
    expect(indexPendingGoals(db)).toBe(0);
    // The triggers are this version's: a report deleted takes its goals out of the index.
    db.prepare('DELETE FROM reports WHERE id = ?').run(reports[1]!.id);
    expect(one(db, 'SELECT count(*) FROM goals_fts_docsize')).toBe(goals - reports[1]!.goals.length);
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    fresh.close();
  });
});
