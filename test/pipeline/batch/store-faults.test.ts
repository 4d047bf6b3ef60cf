/**
 * Store faults in a batch, in-process (`ingestSources`, one parse at a time): a report that cannot be
 * written (JSON or database) is the store's failure, so it is counted as failed but not quarantined,
 * leaves no temporary file, and lands on the next run; the good files beside it land exactly once.
 * And the paths: the same bytes at a second path add a path, a changed path takes its old report's
 * place, a file that turns bad keeps its last good report, and the JSON folder always says what the
 * database says. Each case has a time bound (the test's timeout). The disk-full variant, on a small
 * tmpfs, is in `store-faults.e2e.test.ts`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import { ingestSources, type FileEvent, type IngestSummary } from '../../../pipeline/batch/ingest.js';
import { portablePath } from '../../../pipeline/batch/paths.js';
import { sha256Hex } from '../../../pipeline/index.js';
import { jsonNameFor } from '../../../output/json-files.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import type { ReportDatabase } from '../../../output/sqlite/schema.js';
import { syntheticReport } from '../../helpers.js';

const BOUND_MS = 10_000;

/** A small report of its own bytes, named by `title`. */
const reportText = (title: string) => syntheticReport([[`Mål om ${title}`, 'En indsats', 'Et resultat']]);

/** A folder of report files (name → text) and a database and JSON folder to ingest them into. */
function setUp(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'si-faults-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(input, name), text);
  return { dir, input, db: openReportDatabase(join(dir, 'r.sqlite')), jsonDir: join(dir, 'json') };
}

/** Runs one batch and returns its summary and the failures' problems. */
async function ingest(db: ReportDatabase, input: string, jsonDir: string): Promise<IngestSummary & { problems: FileEvent[] }> {
  const problems: FileEvent[] = [];
  const summary = await ingestSources({
    paths: [input],
    store: new SqliteStore(db),
    pipelineVersion: 'test',
    jsonDir,
    concurrency: 1,
    onFile: (event) => event.outcome === 'failed' && problems.push(event),
  });
  return { ...summary, problems };
}

/** The JSON file name of a file in `input` as it is now. */
const jsonNameOf = (file: string) => jsonNameFor(portablePath(file), sha256Hex(readFileSync(file)));

const count = (db: ReportDatabase, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Every file in the JSON folder, temporary ones (hidden) included. */
const listJson = (jsonDir: string) => readdirSync(jsonDir).sort();

/** The JSON folder holds one file per report row, named after the path the row names: the two say one thing. */
function expectJsonFollowsDatabase(db: ReportDatabase, jsonDir: string): void {
  const rows = db.prepare('SELECT id, path FROM reports').all() as { id: string; path: string }[];
  expect(listJson(jsonDir)).toEqual(rows.map((r) => jsonNameFor(r.path, r.id)).sort());
  for (const r of rows) expect(JSON.parse(readFileSync(join(jsonDir, jsonNameFor(r.path, r.id)), 'utf8')).source.path).toBe(r.path);
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

describe('a report that cannot be written', () => {
  it('to its JSON file: failed, not quarantined, no temporary file left, written by the next run', async () => {
    const { input, db, jsonDir } = setUp({ 'a.txt': reportText('a'), 'b.txt': reportText('b'), 'c.txt': reportText('c') });
    // A folder where b's JSON file goes: the rename onto it fails after the temporary file was written.
    const blocked = join(jsonDir, jsonNameOf(join(input, 'b.txt')));
    mkdirSync(join(blocked, 'in-the-way'), { recursive: true });
    const first = await ingest(db, input, jsonDir);
    expect(first).toMatchObject({ ingested: 2, failed: 1, unwritten: 1, skipped: 0 });
    const [failure] = first.problems as Extract<FileEvent, { outcome: 'failed' }>[];
    expect(failure!.problem).toMatchObject({ code: 'write-failed', params: { target: blocked } });
    expect(failure!.path).toMatch(/b\.txt$/);
    expect(count(db, 'quarantine')).toBe(0);
    expect(listJson(jsonDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(count(db, 'reports')).toBe(2);

    rmSync(blocked, { recursive: true });
    const second = await ingest(db, input, jsonDir);
    expect(second).toMatchObject({ ingested: 1, skipped: 2, failed: 0, stillQuarantined: 0 });
    expect(count(db, 'reports')).toBe(3);
    expectJsonFollowsDatabase(db, jsonDir);
    db.close();
  }, BOUND_MS);

  it('to the database: failed, not quarantined, its new JSON file removed, both written by the next run', async () => {
    const { input, db, jsonDir } = setUp({ 'a.txt': reportText('a'), 'b.txt': reportText('b'), 'c.txt': reportText('c') });
    // The database refuses b's row as a full disk would.
    db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON reports WHEN NEW.path LIKE '%b.txt'
             BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const first = await ingest(db, input, jsonDir);
    expect(first).toMatchObject({ ingested: 2, failed: 1, unwritten: 1 });
    const [failure] = first.problems as Extract<FileEvent, { outcome: 'failed' }>[];
    expect(failure!.problem).toMatchObject({ code: 'write-failed', params: { target: db.name, detail: 'database or disk is full' } });
    expect(count(db, 'quarantine')).toBe(0);
    expectJsonFollowsDatabase(db, jsonDir);

    db.exec('DROP TRIGGER full_disk');
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 1, skipped: 2, failed: 0 });
    expect(count(db, 'reports')).toBe(3);
    expectJsonFollowsDatabase(db, jsonDir);
    db.close();
  }, BOUND_MS);

  it('when the database rolls back the whole transaction (a full disk): the group fails as not written, the rest lands', async () => {
    const { input, db, jsonDir } = setUp({ 'a.txt': reportText('a'), 'b.txt': reportText('b'), 'c.txt': reportText('c') });
    // SQLite rolls back the whole transaction on SQLITE_FULL, not only the statement: so does RAISE(ROLLBACK).
    db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON reports WHEN NEW.path LIKE '%b.txt'
             BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full'); END`);
    const first = await ingest(db, input, jsonDir);
    const failures = first.problems as Extract<FileEvent, { outcome: 'failed' }>[];
    expect(failures.map((f) => f.path).some((p) => p.endsWith('b.txt'))).toBe(true);
    for (const f of failures) expect(f.problem).toMatchObject({ code: 'write-failed', params: { target: db.name } });
    // What was announced is what is stored: the reports of the lost group are failed, none half-counted.
    expect(first.ingested + first.failed).toBe(3);
    expect(first.unwritten).toBe(first.failed);
    expect(count(db, 'reports')).toBe(first.ingested);
    expect(count(db, 'quarantine')).toBe(0);
    expectJsonFollowsDatabase(db, jsonDir);

    db.exec('DROP TRIGGER full_disk');
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: first.failed, skipped: first.ingested, failed: 0 });
    expect(count(db, 'reports')).toBe(3);
    expectJsonFollowsDatabase(db, jsonDir);
    db.close();
  }, BOUND_MS);

  it('into a JSON folder under a regular file: every one fails, none is quarantined, all land once there is a folder', async () => {
    const { dir, input, db } = setUp({ 'a.txt': reportText('a'), 'b.txt': reportText('b') });
    const parent = join(dir, 'not-a-folder');
    writeFileSync(parent, '');
    const jsonDir = join(parent, 'json');
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 0, failed: 2, unwritten: 2 });
    expect(count(db, 'quarantine')).toBe(0);
    expect(count(db, 'reports')).toBe(0);
    rmSync(parent);
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 2, failed: 0, skipped: 0 });
    expectJsonFollowsDatabase(db, jsonDir);
    db.close();
  }, BOUND_MS);
});

describe('paths across runs', () => {
  it('keeps every path, moves changed ones, keeps a bad file’s last good report, and the JSON follows', async () => {
    const shared = reportText('delt');
    const { input, db, jsonDir } = setUp({ 'a.txt': shared, 'b.txt': shared, 'c.txt': reportText('c') });
    const a = join(input, 'a.txt');
    const b = join(input, 'b.txt');
    const sharedId = sha256Hex(readFileSync(a));
    const paths = () => db.prepare('SELECT p.path, r.path AS named FROM report_paths p JOIN reports r ON r.id = p.report_id ORDER BY p.path').all();

    // The same bytes at a second path: one report, both paths, its row naming the first.
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 2, skipped: 1, failed: 0 });
    expect(paths()).toEqual([
      { path: portablePath(a), named: portablePath(a) },
      { path: portablePath(b), named: portablePath(a) },
      { path: portablePath(join(input, 'c.txt')), named: portablePath(join(input, 'c.txt')) },
    ]);
    expectJsonFollowsDatabase(db, jsonDir);

    // The first path edited: a new report there; the shared one stays, at b, and its JSON file says so.
    writeFileSync(a, reportText('a, ændret'));
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 1, skipped: 2 });
    expect(count(db, 'reports')).toBe(3);
    expect(db.prepare('SELECT path FROM reports WHERE id = ?').pluck().get(sharedId)).toBe(portablePath(b));
    expectJsonFollowsDatabase(db, jsonDir);

    // The last path of the shared bytes edited: that report goes, and its JSON file with it.
    writeFileSync(b, reportText('b, ændret'));
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 1, skipped: 2 });
    expect(db.prepare('SELECT count(*) FROM reports WHERE id = ?').pluck().get(sharedId)).toBe(0);
    expect(count(db, 'reports')).toBe(3);
    expectJsonFollowsDatabase(db, jsonDir);

    // b turns bad: quarantined, and its last good report stays (the quarantine entry marks it stale).
    const lastGood = sha256Hex(readFileSync(b));
    writeFileSync(b, '');
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 0, skipped: 2, failed: 1, unwritten: 0 });
    const stale = db.prepare('SELECT p.report_id AS id, q.code FROM report_paths p JOIN quarantine q USING (path)').all();
    expect(stale).toEqual([{ id: lastGood, code: 'empty-input' }]);
    expectJsonFollowsDatabase(db, jsonDir);

    // b fixed with new bytes: its new report takes the stale one's place.
    writeFileSync(b, reportText('b, rettet'));
    expect(await ingest(db, input, jsonDir)).toMatchObject({ ingested: 1, skipped: 2, failed: 0 });
    expect(count(db, 'quarantine')).toBe(0);
    expect(count(db, 'reports')).toBe(3);
    expect(count(db, 'report_paths')).toBe(3);
    expectJsonFollowsDatabase(db, jsonDir);
    db.close();
  }, BOUND_MS);
});
