/**
 * `status-ingest ingest --reviews FILE…`, run as a user runs it: decisions exported by the review page
 * land in `reviews`; a file that is no review file is an error naming it (exit 1, the rest stored);
 * a later ingest of the edited source carries the decisions of the goals that did not change; and
 * `ingest` with neither paths nor reviews is a usage error.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import type { ReviewFile } from '../../../schemas/review.js';
import { SEED } from '../../output/review/review-fixtures.js';
import { runCli } from '../../cli-runner.js';

describe('status-ingest ingest --reviews', () => {
  it('stores decisions, names a bad file, and carries decisions to the re-parsed report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-reviews-'));
    const source = join(dir, 'seed.txt');
    copyFileSync(SEED, source);
    const report = await parseReport({ path: source, bytes: readFileSync(source) });
    const [a, b] = [report.goals[0]!, report.goals[1]!];
    const file: ReviewFile = {
      reportId: report.id,
      goals: [
        { key: a.key, decision: 'accepted', note: '', time: '2026-12-01T10:00:00.000Z', content: goalContentHash(a) },
        { key: b.key, decision: 'flagged', note: 'mangler beløb', time: '2026-12-01T10:01:00.000Z', content: goalContentHash(b) },
      ],
    };
    const good = join(dir, 'seed.review.json');
    const bad = join(dir, 'bad.review.json');
    writeFileSync(good, JSON.stringify(file));
    writeFileSync(bad, JSON.stringify({ reportId: report.id, goals: [{ key: 'x' }] }));
    const db = join(dir, 'r.sqlite');

    const first = runCli(['ingest', source, '--db', db, '--reviews', good, bad]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`${bad}: error invalid-review:`);
    expect(first.stderr).toContain('reviews: stored 2 decisions from 2 files');
    const rows = () => {
      const read = new Database(db, { readonly: true });
      try {
        return read.prepare('SELECT report_id, goal_key, decision, note, carried_from FROM reviews ORDER BY report_id, goal_key').all();
      } finally {
        read.close();
      }
    };
    expect(rows()).toEqual(
      [
        { report_id: report.id, goal_key: a.key, decision: 'accepted', note: '', carried_from: null },
        { report_id: report.id, goal_key: b.key, decision: 'flagged', note: 'mangler beløb', carried_from: null },
      ].sort((x, y) => x.goal_key.localeCompare(y.goal_key)),
    );

    // The source is edited in the second goal's cells: only the first goal's decision is carried.
    const text = readFileSync(source, 'utf8');
    const words = b.cells.find((c) => c.role !== 'goal' && c.text.length > 20)!.text.split(' ');
    // Three words of the cell that stand nowhere else in the file.
    const unique = words.map((_, i) => words.slice(i, i + 3).join(' ')).find((w) => text.indexOf(w) >= 0 && text.indexOf(w) === text.lastIndexOf(w))!;
    writeFileSync(source, text.replace(unique, `${unique} (rettet)`));
    const second = runCli(['ingest', source, '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('reviews: carried 1 decision to re-parsed reports');
    const carried = (rows() as { report_id: string; goal_key: string; carried_from: string | null }[]).filter((r) => r.carried_from !== null);
    expect(carried.map((r) => [r.goal_key, r.carried_from])).toEqual([[a.key, report.id]]);
    expect(carried[0]!.report_id).not.toBe(report.id);
  });

  it('is a usage error without paths or reviews', () => {
    const r = runCli(['ingest', '--db', join(mkdtempSync(join(tmpdir(), 'si-reviews-')), 'r.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing report paths');
  });
});
