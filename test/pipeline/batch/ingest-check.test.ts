/**
 * The store's check before a batch's first write, in-process (`ingestSources` on a database opened
 * as `openStore` opens it, with `deferQuickCheck`): a database damaged in its goal table (which the
 * open does not read) is refused before any report, JSON file, path or quarantine entry is written
 * into it, and the run throws the damage; an unchanged re-run writes nothing but its run row and
 * never runs the whole-file check.
 */
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseCorruptError, isCheckOwed, openReportDatabase } from '../../../output/sqlite/open.js';
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import { ingestSources } from '../../../pipeline/batch/ingest.js';
import { syntheticReport } from '../../helpers.js';

const BOUND_MS = 10_000;

const reportText = (title: string) => syntheticReport([[`Mål om ${title}`, 'En indsats', 'Et resultat']]);

/** A folder with one report ingested into its database (and JSON folder), the goal table's first page then overwritten. */
async function damagedInGoals() {
  const dir = mkdtempSync(join(tmpdir(), 'si-check-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'a.txt'), reportText('a'));
  const path = join(dir, 'r.sqlite');
  const jsonDir = join(dir, 'json');
  const db = openReportDatabase(path);
  await ingestSources({ paths: [input], store: new SqliteStore(db), pipelineVersion: 'test', jsonDir, concurrency: 1 });
  db.close();
  const raw = new Database(path, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'goals'").pluck().get() as number;
  raw.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
  return { input, path, jsonDir };
}

/** Counts of the rows a refused run must not have added. */
function rowsOf(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { reports: count('reports'), paths: count('report_paths'), quarantine: count('quarantine') };
  } finally {
    db.close();
  }
}

const ingest = (store: SqliteStore, input: string, jsonDir: string) => ingestSources({ paths: [input], store, pipelineVersion: 'test', jsonDir, concurrency: 1 });

describe('a database damaged where the open does not look', () => {
  it('is opened, and an unchanged re-run skips every file without the whole-file check', async () => {
    const { input, path, jsonDir } = await damagedInGoals();
    const store = new SqliteStore(openReportDatabase(path, { deferQuickCheck: true }));
    try {
      const summary = await ingest(store, input, jsonDir);
      expect(summary).toMatchObject({ files: 1, skipped: 1, ingested: 0, failed: 0 });
      expect(isCheckOwed(store.db)).toBe(true);
    } finally {
      await store.close();
    }
  }, BOUND_MS);

  it.each([
    ['a new report', (input: string) => writeFileSync(join(input, 'b.txt'), reportText('b'))],
    ['a file to quarantine', (input: string) => writeFileSync(join(input, 'empty.txt'), '')],
    ['a second path of a stored report', (input: string) => copyFileSync(join(input, 'a.txt'), join(input, 'a-again.txt'))],
  ])('is refused by a run with %s to write, before anything is written', async (_, add) => {
    const { input, path, jsonDir } = await damagedInGoals();
    add(input);
    const before = rowsOf(path);
    const json = readdirSync(jsonDir);
    const store = new SqliteStore(openReportDatabase(path, { deferQuickCheck: true }));
    try {
      const error = await ingest(store, input, jsonDir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseCorruptError);
      expect((error as DatabaseCorruptError).message).toContain(`${path} is damaged`);
      // Every later write through the store is refused too, with the same error.
      await expect(store.quarantineFile({ path: 'x', sha256: null, code: 'empty-input', message: '', page: null, line: null }, 'test', null)).rejects.toBe(error);
    } finally {
      await store.close();
    }
    expect(rowsOf(path)).toEqual(before);
    expect(readdirSync(jsonDir)).toEqual(json);
  }, BOUND_MS);

  it('is refused at open when the damage is in a table every run reads (reports)', async () => {
    const { path } = await damagedInGoals();
    const raw = new Database(path, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'reports'").pluck().get() as number;
    raw.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    expect(() => openReportDatabase(path, { deferQuickCheck: true })).toThrow(DatabaseCorruptError);
  }, BOUND_MS);
});
