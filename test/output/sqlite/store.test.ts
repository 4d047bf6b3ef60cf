import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import { DatabaseVersionError, openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import type { Report } from '../../../schemas/report.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
let seed: Report;

beforeAll(async () => {
  seed = await parseReport({ path: SEED, bytes: readFileSync(SEED) });
});

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('SQLite store', () => {
  it('writes every part of a report, with WAL and the schema version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-')), 'r.sqlite');
    const db = openReportDatabase(path);
    writeReport(db, seed, 'test');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'sections')).toBe(13);
    expect(count(db, 'goals')).toBe(40);
    expect(count(db, 'facts')).toBe(seed.goals.reduce((n, g) => n + g.facts.length, 0));
    expect(count(db, 'diagnostics')).toBe(seed.diagnostics.length);
    const items = db
      .prepare(`SELECT b.text FROM cell_blocks b JOIN goals g ON g.id = b.goal_id
                WHERE g.title = 'Bandepartnerskab' AND b.cell = 'results' AND b.type = 'list_item' ORDER BY b.item`)
      .all() as { text: string }[];
    expect(items.map((i) => i.text)).toHaveLength(4);
    const goal = db.prepare('SELECT section, section_ordinal, page_first, page_last FROM goals WHERE ordinal = 2').get();
    expect(goal).toEqual({ section: 'POLITISK ORGANISERING', section_ordinal: 2, page_first: 1, page_last: 2 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('replaces a report written again instead of duplicating it', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, seed, 'test');
    writeReport(db, seed, 'test');
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'goals')).toBe(40);
    // A changed file at the same path replaces the old report.
    const changed = { ...seed, id: 'f'.repeat(64), goals: seed.goals.slice(0, 3).map((g) => ({ ...g, id: `x${g.id}` })) };
    writeReport(db, changed, 'test');
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'goals')).toBe(3);
    expect(count(db, 'cell_blocks')).toBeGreaterThan(0);
    db.close();
  });

  it('rolls back a report that fails half-way', () => {
    const db = openReportDatabase(':memory:');
    const broken = { ...seed, goals: [seed.goals[0]!, seed.goals[0]!] }; // duplicate goal id violates the key
    expect(() => writeReport(db, broken, 'test')).toThrow();
    expect(count(db, 'reports')).toBe(0);
    expect(count(db, 'goals')).toBe(0);
    db.close();
  });

  it('refuses a database of another schema version', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-')), 'old.sqlite');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openReportDatabase(path)).toThrow(DatabaseVersionError);
  });
});
