/**
 * The SQLite store's batch groups write with the foreign keys off (`SqliteStore.beginGroup`): the
 * writer's own deletes take every child row of a replaced or superseded report, a report whose rows
 * reference a parent it lacks is refused as SQLite would refuse it, and the keys are on again after.
 * A first load writes without the index of goals by key and builds it at its end, or at the next open.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hasGoalsKeyIndex as hasKeyIndex, isCheckOwed, openReportDatabase } from '../../../output/sqlite/open.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import { reportRows } from '../../../output/sqlite/rows.js';
import { hasPendingGoals } from '../../../output/sqlite/search-index.js';
import type { Report } from '../../../schemas/report.js';
import { clone, sampleReport } from '../v2-report.js';

/** Every table that holds rows of a report or of its goals' parts. */
const REPORT_TABLES = ['reports', 'report_paths', 'report_tables', 'report_columns', 'sections', 'goals', 'goal_cells', 'cell_blocks', 'facts', 'fact_boxes', 'series', 'series_points', 'diagnostics'];

const counts = (db: Database.Database) =>
  Object.fromEntries(REPORT_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));

/** The sample with boxes on two facts (as a PDF's have them), so that every child table has rows. */
function boxedSample(): Report {
  const report = clone(sampleReport());
  const boxed = report.goals.find((g) => g.facts.length >= 2)!.facts;
  boxed[0]!.boxes = [{ page: 1, x: 56.5, y: 100.25, width: 80, height: 11.5 }];
  boxed[1]!.boxes = [{ page: 2, x: 300, y: 512.75, width: 33.3, height: 9 }];
  return report;
}

/** Another report of the same rows: other bytes (`c` repeated as its id), its own path and goal ids. */
function copyOf(report: Report, c: string, path: string): Report {
  const copy = clone(report);
  return { ...copy, id: c.repeat(64), source: { ...copy.source, path }, goals: copy.goals.map((g) => ({ ...g, id: `${c}${g.id}` })) };
}

/** Writes reports in one group of a store, as a batch does. */
async function writeInGroup(store: SqliteStore, ...reports: Report[]): Promise<void> {
  await store.beginGroup();
  for (const r of reports) await store.writeReportRows(reportRows(r), 'test', { deferSearchIndex: true });
  await store.commitGroup();
  await store.indexPending();
}

/** The rows of the database, table by table, when only `reports` were written (one by one, foreign keys on). */
function countsOfOnly(...reports: Report[]) {
  const store = new SqliteStore(openReportDatabase(':memory:'));
  for (const r of reports) store.db.transaction(() => void store.writeReportRows(reportRows(r), 'test'))();
  const c = counts(store.db);
  store.db.close();
  return c;
}

describe('SQLite store runs', () => {
  it('keep the statement journals of a group\'s savepoints in memory, in a database on disk', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'si-store-run-'));
    const db = openReportDatabase(join(folder, 'runs.sqlite'));
    const store = new SqliteStore(db);
    expect(db.pragma('temp_store', { simple: true })).toBe(0);
    await store.startRun('test');
    // 2 is MEMORY (0 the default, a file past 64 KB of journal).
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    await writeInGroup(store, boxedSample());
    expect(counts(db).reports).toBe(1);
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a first load writes without the index of goals by key and builds it at the run\'s end; a run into a database with goals keeps it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'si-store-key-'));
    const file = join(folder, 'first.sqlite');
    const store = new SqliteStore(openReportDatabase(file));
    expect(hasKeyIndex(store.db)).toBe(true);
    const runId = await store.startRun('test');
    expect(hasKeyIndex(store.db)).toBe(false);
    const a = boxedSample();
    await writeInGroup(store, a, copyOf(a, 'b', 'b.txt'));
    await store.finishRun(runId, { files: 2, ingested: 2, skipped: 0, failed: 0 }, 1);
    expect(hasKeyIndex(store.db)).toBe(true);
    // The index is the one the schema declares, and a query by key uses it.
    const plan = store.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM goals WHERE key = ?').all(a.goals[0]!.key) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX goals_key/);
    expect(store.db.prepare('SELECT count(*) AS n FROM goals WHERE key = ?').get(a.goals[0]!.key)).toEqual({ n: 2 });
    expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
    // A second run: the database has goals, so the index stays while it writes.
    await store.startRun('test');
    expect(hasKeyIndex(store.db)).toBe(true);
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('builds the index of goals by key when a first load ends without finishing its run, and at the next open after a killed one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'si-store-key-'));
    const ended = new SqliteStore(openReportDatabase(join(folder, 'ended.sqlite')));
    await ended.startRun('test');
    await writeInGroup(ended, boxedSample());
    await ended.close();
    // Read as it is, not through an open (which would build the index itself).
    const rawEnded = new Database(join(folder, 'ended.sqlite'));
    expect(hasKeyIndex(rawEnded)).toBe(true);
    rawEnded.close();
    // Killed: the connection goes without `close` or `finishRun`, as a SIGKILLed process's does.
    const killed = new SqliteStore(openReportDatabase(join(folder, 'killed.sqlite')));
    await killed.startRun('test');
    await writeInGroup(killed, boxedSample());
    killed.db.close();
    const raw = new Database(join(folder, 'killed.sqlite'));
    expect(hasKeyIndex(raw)).toBe(false);
    raw.close();
    const reopened = openReportDatabase(join(folder, 'killed.sqlite'), { deferQuickCheck: true });
    expect(hasKeyIndex(reopened)).toBe(true);
    // Building it wrote the goal tables: the open checked the whole file first, and owes no check.
    expect(isCheckOwed(reopened)).toBe(false);
    expect(reopened.prepare('SELECT count(*) AS n FROM goals').get()).toEqual({ n: boxedSample().goals.length });
    reopened.close();
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('SQLite store groups (foreign keys off)', () => {
  it('leaves no orphan row when a report is replaced or superseded, and keeps the search index whole', async () => {
    const store = new SqliteStore(openReportDatabase(':memory:'));
    const sample = boxedSample();
    await writeInGroup(store, sample);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The same bytes again (a forced re-parse): replaced, in a group of its own and within one group.
    await writeInGroup(store, sample);
    await writeInGroup(store, sample, sample);
    expect(counts(store.db)).toEqual(countsOfOnly(sample));
    // Changed bytes at the same path: the old report is superseded, every row of it goes.
    const changed: Report = { ...clone(sample), id: 'f'.repeat(64) };
    changed.goals = changed.goals.slice(0, 3).map((g) => ({ ...g, id: `x${g.id}` }));
    await writeInGroup(store, changed);
    expect(counts(store.db)).toEqual(countsOfOnly(changed));
    expect(counts(store.db).fact_boxes).toBeGreaterThan(0);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // The full-text index holds exactly the goals there are (FTS5 checks itself against its content table).
    expect(() => store.db.exec("INSERT INTO goals_fts (goals_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect((store.db.prepare('SELECT count(*) AS n FROM goals_fts').get() as { n: number }).n).toBe(3);
    await store.close();
  });

  it('refuses a report whose goal names a table or section it lacks, as the foreign keys would, and keeps the rest of the group', async () => {
    const store = new SqliteStore(openReportDatabase(':memory:'));
    const sample = boxedSample();
    const noTable = { ...clone(sample), id: 'e'.repeat(64) };
    noTable.source = { ...noTable.source, path: 'other.txt' };
    noTable.goals[0]!.table = 9;
    const noSection = reportRows({ ...clone(sample), id: 'd'.repeat(64), source: { ...sample.source, path: 'third.txt' } });
    noSection.goals[0]![7] = 99;
    await store.beginGroup();
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(0);
    await store.writeReportRows(reportRows(sample), 'test', { deferSearchIndex: true });
    await expect(store.writeReportRows(reportRows(noTable), 'test')).rejects.toThrow(/FOREIGN KEY constraint failed: goal .*: no table 9/);
    await expect(store.writeReportRows(noSection, 'test')).rejects.toThrow(/FOREIGN KEY constraint failed: goal .*: no section 99/);
    await store.commitGroup();
    expect(counts(store.db)).toEqual(countsOfOnly(sample));
    // Outside a group the foreign keys are SQLite's to check, as before.
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
  });

  it('keeps the rest of a group and the search index whole after a failed write, and a lost group leaves neither goals nor index entries', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-')), 'g.sqlite');
    const store = new SqliteStore(openReportDatabase(path));
    const sample = boxedSample();
    await store.beginGroup();
    await store.writeReportRows(reportRows(sample), 'test', { deferSearchIndex: true });
    await store.commitGroup();
    await store.indexPending();
    expect(hasPendingGoals(store.db)).toBe(false);
    const goals = (store.db.prepare('SELECT count(*) AS n FROM goals').get() as { n: number }).n;
    expect((store.db.prepare('SELECT count(*) AS n FROM goals_fts').get() as { n: number }).n).toBe(goals);
    const title = sample.goals[0]!.title.split(/\s+/)[0]!;
    expect((await store.search(title)).map((h) => h.goalId)).toContain(sample.goals[0]!.id);
    // A failed write that replaced a report (its rows deleted first, then rolled back to its savepoint): the rest stays whole.
    const other = copyOf(sample, 'c', 'other.txt');
    const broken = { ...clone(sample), goals: [sample.goals[0]!, sample.goals[0]!] }; // duplicate goal id violates the key
    await store.beginGroup();
    await store.writeReportRows(reportRows(other), 'test', { deferSearchIndex: true });
    await expect(store.writeReportRows(reportRows(broken), 'test', { deferSearchIndex: true })).rejects.toThrow();
    await store.writeReportRows(reportRows(sample), 'test', { deferSearchIndex: true });
    await store.commitGroup();
    await store.indexPending();
    expect(() => store.db.exec("INSERT INTO goals_fts (goals_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect((store.db.prepare('SELECT count(*) AS n FROM goals_fts').get() as { n: number }).n).toBe(2 * goals);
    // A group whose transaction SQLite rolled back (a full disk): the commit says so, and the keys are on again.
    await store.beginGroup();
    store.db.exec('ROLLBACK');
    await expect(store.commitGroup()).rejects.toThrow(/rolled back/);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // A run killed in the middle of a group: its transaction never commits.
    await store.beginGroup();
    await store.writeReportRows(reportRows(copyOf(sample, 'b', 'third.txt')), 'test', { deferSearchIndex: true });
    await store.close();
    const reopened = new SqliteStore(openReportDatabase(path));
    expect(counts(reopened.db)).toEqual(countsOfOnly(sample, other));
    expect(hasPendingGoals(reopened.db)).toBe(false);
    expect(() => reopened.db.exec("INSERT INTO goals_fts (goals_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    await reopened.close();
  });
});
