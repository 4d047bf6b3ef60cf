/**
 * Report paths: every path a report's bytes were seen at is kept (`report_paths`); the same bytes at
 * a second path add a path and never take the first one's row; a path whose bytes changed moves to
 * the new report, and the old report goes only when no path holds it any more.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import type { ReportDatabase } from '../../../output/sqlite/schema.js';
import { addReportPath, writeReport } from '../../../output/sqlite/store.js';
import type { Report } from '../../../schemas/report.js';
import { strategyReport } from '../v2-report.js';

/** A one-goal report of its own bytes (`seed`), as parsed from `path`. */
const report = (seed: string, path: string): Report => strategyReport([[`Mål ${seed}`, 'Indsats', 'Resultat']], { seed, path });

const paths = (db: ReportDatabase) => db.prepare('SELECT path, report_id AS id FROM report_paths ORDER BY path').all();
const rows = (db: ReportDatabase) => db.prepare('SELECT id, path FROM reports ORDER BY path').all();
const T1 = new Date('2024-01-01T00:00:00Z');
const T2 = new Date('2024-01-02T00:00:00Z');

describe('report paths', () => {
  it('keeps every path the same bytes were seen at, the row naming the first', () => {
    const db = openReportDatabase(':memory:');
    const a = report('x', 'in/a.txt');
    expect(writeReport(db, a, 'test', { seenAt: T1 })).toEqual({ superseded: [], moved: [] });
    expect(addReportPath(db, a.id, 'in/b.txt', T2)).toEqual({ superseded: [], moved: [] });
    expect(addReportPath(db, a.id, 'in/b.txt', T2)).toEqual({ superseded: [], moved: [] }); // already there: nothing written
    expect(rows(db)).toEqual([{ id: a.id, path: 'in/a.txt' }]);
    expect(paths(db)).toEqual([
      { path: 'in/a.txt', id: a.id },
      { path: 'in/b.txt', id: a.id },
    ]);
    // Written again (a forced run, a new pipeline version): the paths stay.
    writeReport(db, a, 'test');
    expect(paths(db)).toHaveLength(2);
    expect(db.prepare('SELECT seen_at FROM report_paths ORDER BY path').pluck().all()).toEqual([T1.toISOString(), T2.toISOString()]);
    db.close();
  });

  it('moves a changed path to its new report; the old one goes when no path holds it', () => {
    const db = openReportDatabase(':memory:');
    const old = report('old', 'in/a.txt');
    writeReport(db, old, 'test');
    const edited = report('new', 'in/a.txt');
    expect(writeReport(db, edited, 'test')).toEqual({ superseded: [{ id: old.id, path: 'in/a.txt' }], moved: [] });
    expect(rows(db)).toEqual([{ id: edited.id, path: 'in/a.txt' }]);
    expect(paths(db)).toEqual([{ path: 'in/a.txt', id: edited.id }]);
    expect(db.prepare('SELECT count(*) FROM goals').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps a report whose first path changed at its next path, and says it moved', () => {
    const db = openReportDatabase(':memory:');
    const shared = report('shared', 'in/a.txt');
    writeReport(db, shared, 'test', { seenAt: T1 });
    addReportPath(db, shared.id, 'in/b.txt', T2);
    const edited = report('edited', 'in/a.txt');
    expect(writeReport(db, edited, 'test')).toEqual({ superseded: [], moved: [{ id: shared.id, from: 'in/a.txt', to: 'in/b.txt' }] });
    expect(rows(db)).toEqual([
      { id: edited.id, path: 'in/a.txt' },
      { id: shared.id, path: 'in/b.txt' },
    ]);
    // A second path that changed leaves the row where it is.
    const c = report('c', 'in/c.txt');
    writeReport(db, c, 'test');
    addReportPath(db, c.id, 'in/d.txt');
    expect(writeReport(db, report('d', 'in/d.txt'), 'test')).toEqual({ superseded: [], moved: [] });
    expect(db.prepare('SELECT path FROM reports WHERE id = ?').pluck().get(c.id)).toBe('in/c.txt');
    db.close();
  });

  it('moves a path to a report stored from another path when the bytes there became the same', () => {
    const db = openReportDatabase(':memory:');
    const a = report('a', 'in/a.txt');
    const b = report('b', 'in/b.txt');
    writeReport(db, a, 'test');
    writeReport(db, b, 'test');
    // in/b.txt now holds in/a.txt's bytes: b's report is held by nothing.
    expect(addReportPath(db, a.id, 'in/b.txt')).toEqual({ superseded: [{ id: b.id, path: 'in/b.txt' }], moved: [] });
    expect(rows(db)).toEqual([{ id: a.id, path: 'in/a.txt' }]);
    expect(paths(db)).toEqual([
      { path: 'in/a.txt', id: a.id },
      { path: 'in/b.txt', id: a.id },
    ]);
    db.close();
  });

  it('says the old row is superseded when a report is written again from another of its paths', () => {
    const db = openReportDatabase(':memory:');
    const a = report('x', 'in/a.txt');
    writeReport(db, a, 'test');
    addReportPath(db, a.id, 'in/b.txt');
    expect(writeReport(db, report('x', 'in/b.txt'), 'test')).toEqual({ superseded: [{ id: a.id, path: 'in/a.txt' }], moved: [] });
    expect(rows(db)).toEqual([{ id: a.id, path: 'in/b.txt' }]);
    expect(paths(db)).toHaveLength(2);
    db.close();
  });

  it('gives each report of a database written before report_paths existed the path its row names', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-paths-')), 'r.sqlite');
    const db = openReportDatabase(path);
    const a = report('x', 'in/a.txt');
    writeReport(db, a, 'test');
    db.exec('DROP TABLE report_paths');
    db.close();
    const reopened = openReportDatabase(path);
    expect(paths(reopened)).toEqual([{ path: 'in/a.txt', id: a.id }]);
    expect(reopened.pragma('foreign_key_check')).toEqual([]);
    reopened.close();
  });
});
