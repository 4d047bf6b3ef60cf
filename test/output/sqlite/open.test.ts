/**
 * Opening a database under faults: a damaged file (random bytes, a damaged page) is refused by name
 * and left as it was; every error names the file; a read-only database is never written (root's
 * rights notwithstanding) and is still searched, from a copy in memory. Each case has a time bound
 * (the test's timeout).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkBeforeWriting, DatabaseCorruptError, DatabaseError, isCheckOwed, OPEN_CHECKED_TABLES, openReportDatabase, walAutocheckpointPages, NEW_DATABASE_PAGE_SIZE } from '../../../output/sqlite/open.js';
import { openSearchDatabase, searchGoals } from '../../../output/sqlite/search.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { strategyReport } from '../v2-report.js';

const BOUND_MS = 5_000;
const tempPath = (name = 'r.sqlite') => join(mkdtempSync(join(tmpdir(), 'si-open-')), name);

/** What a file is, to tell that nothing wrote to it: its bytes' hash and its modification time. */
function fingerprint(path: string) {
  return { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs };
}

/** A database holding one report with the goal "Sygefravær" (its goals left out of the index with `pending`). */
function databaseWithReport(path = tempPath(), pending = false): string {
  const db = openReportDatabase(path);
  writeReport(db, strategyReport([['Sygefravær', 'Indsats for nedbringelse', 'Faldet til 4,6 %']]), 'test', { deferSearchIndex: pending });
  db.close();
  return path;
}

/** The error `open` throws. */
function errorOf(open: () => unknown): Error {
  try {
    open();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the open to fail');
}

describe('the connection ingest writes through', () => {
  it('creates a database with NEW_DATABASE_PAGE_SIZE pages, and keeps the page size of one created with another', () => {
    const fresh = openReportDatabase(tempPath());
    expect(fresh.pragma('page_size', { simple: true })).toBe(NEW_DATABASE_PAGE_SIZE);
    fresh.close();
    const path = tempPath();
    const old = new Database(path);
    old.exec('CREATE TABLE x (a); DROP TABLE x'); // SQLite's default page size, fixed by the first write
    const pageSize = old.pragma('page_size', { simple: true }) as number;
    old.close();
    const db = openReportDatabase(path);
    expect(db.pragma('page_size', { simple: true })).toBe(pageSize);
    writeReport(db, strategyReport([['Sygefravær', 'Indsats', 'Faldet']]), 'test');
    expect((db.prepare('SELECT count(*) AS n FROM goals').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('checkpoints the WAL in large steps, and a reopened database holds every report written before', () => {
    const path = tempPath();
    const db = openReportDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(walAutocheckpointPages(db));
    expect(walAutocheckpointPages(db) * (db.pragma('page_size', { simple: true }) as number)).toBeGreaterThan(4 * 1024 * 1024);
    writeReport(db, strategyReport([['Sygefravær', 'Indsats for nedbringelse', 'Faldet til 4,6 %']]), 'test');
    db.close();
    const reader = new Database(path, { readonly: true });
    expect((reader.prepare('SELECT count(*) AS n FROM goals').get() as { n: number }).n).toBe(1);
    reader.close();
  });
});

describe('opening a damaged database', () => {
  it('refuses a file of random bytes, naming it, and leaves it as it was', () => {
    const path = tempPath();
    writeFileSync(path, randomBytes(4096));
    const before = fingerprint(path);
    for (const open of [() => openReportDatabase(path), () => openSearchDatabase(path)]) {
      const error = errorOf(open);
      expect(error).toBeInstanceOf(DatabaseCorruptError);
      expect(error).toMatchObject({ path });
      expect(error.message).toContain(path);
    }
    expect(fingerprint(path)).toEqual(before);
  }, BOUND_MS);

  it('refuses a database with a damaged page (PRAGMA quick_check), for ingest and search', () => {
    const path = databaseWithReport();
    const raw = new Database(path, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'goals'").pluck().get() as number;
    raw.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const before = fingerprint(path);
    for (const open of [() => openReportDatabase(path), () => openSearchDatabase(path)]) {
      const error = errorOf(open);
      expect(error).toBeInstanceOf(DatabaseCorruptError);
      expect((error as DatabaseCorruptError).problems.length).toBeGreaterThan(0);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
    }
    expect(fingerprint(path).sha256).toBe(before.sha256);
  }, BOUND_MS);

  it('with deferQuickCheck, is opened when the damage is outside the tables checked at open, and refused by checkBeforeWriting, every time', () => {
    const path = databaseWithReport();
    const raw = new Database(path, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'goals'").pluck().get() as number;
    raw.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, randomBytes(pageSize), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const db = openReportDatabase(path, { deferQuickCheck: true });
    expect(isCheckOwed(db)).toBe(true);
    const first = errorOf(() => checkBeforeWriting(db));
    expect(first).toBeInstanceOf(DatabaseCorruptError);
    expect(first.message.startsWith(`${path} is damaged`)).toBe(true);
    expect(errorOf(() => checkBeforeWriting(db))).toBe(first);
    db.close();
  }, BOUND_MS);

  it('with deferQuickCheck, checks whole at open a database the open writes more into (goals pending for the index), and owes nothing after', () => {
    const path = databaseWithReport(tempPath(), true);
    const db = openReportDatabase(path, { deferQuickCheck: true });
    expect(isCheckOwed(db)).toBe(false);
    db.close();
    const again = openReportDatabase(path, { deferQuickCheck: true });
    expect(isCheckOwed(again)).toBe(true);
    checkBeforeWriting(again);
    expect(isCheckOwed(again)).toBe(false);
    again.close();
  }, BOUND_MS);

  it('checks at open tables that every database of this version has (a renamed table would go unchecked)', () => {
    const db = openReportDatabase(':memory:');
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    for (const t of OPEN_CHECKED_TABLES) if (t !== 'sqlite_schema') expect(tables.has(t), t).toBe(true);
    db.close();
  });

  it('names the database in an error it cannot open it with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-open-'));
    writeFileSync(join(dir, 'file'), 'not a folder');
    const path = join(dir, 'file', 'r.sqlite');
    const error = errorOf(() => openReportDatabase(path));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.message.startsWith(`${path}: cannot open the database: `)).toBe(true);
  }, BOUND_MS);
});

describe('a read-only database', () => {
  it('is not written by ingest, even by root', () => {
    const path = databaseWithReport();
    chmodSync(path, 0o444);
    const before = fingerprint(path);
    const error = errorOf(() => openReportDatabase(path));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.message).toMatch(/r\.sqlite: the database is read-only/);
    expect(fingerprint(path)).toEqual(before);
  }, BOUND_MS);

  it.each([
    ['indexed', false],
    ['with goals a stopped batch left out of the index', true],
  ])('is searched without a write, %s', (_, pending) => {
    const path = databaseWithReport(tempPath(), pending);
    chmodSync(path, 0o444);
    const before = fingerprint(path);
    const db = openSearchDatabase(path);
    expect(searchGoals(db, 'sygefravær').map((h) => h.title)).toEqual(['Sygefravær']);
    db.close();
    expect(fingerprint(path)).toEqual(before);
    // Not even the files a WAL reader makes beside the database.
    expect(existsSync(`${path}-shm`) || existsSync(`${path}-wal`)).toBe(false);
  }, BOUND_MS);
});
