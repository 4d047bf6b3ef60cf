/**
 * Review decisions in the PostgreSQL store against a real server, side by side with the SQLite
 * store: the same file stored gives the same warnings and rows, stored again it replaces them, and a
 * re-parsed report gets the same decisions carried, only for its unchanged goals.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../../output/postgres/open.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import type { Report } from '../../../schemas/report.js';
import type { ReviewFile } from '../../../schemas/review.js';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';
import { sampleReport, sha } from '../v2-report.js';

function reviewOf(report: Report, picks: { index: number; decision: 'accepted' | 'flagged'; note?: string }[]): ReviewFile {
  return {
    reportId: report.id,
    goals: picks.map(({ index, decision, note }) => {
      const g = report.goals[index]!;
      return { key: g.key, decision, note: note ?? '', time: `2026-12-01T10:0${index}:00.000Z`, content: goalContentHash(g) };
    }),
  };
}

/** The sample parsed again from changed bytes: a new report id, and one goal's cell edited. */
function reparsed(report: Report, changedGoal: number): Report {
  const next = structuredClone(report);
  next.id = sha('edited');
  next.source.sha256 = next.id;
  next.goals = next.goals.map((g) => ({ ...g, id: next.id.slice(0, 12) + g.id.slice(12) }));
  const cell = next.goals[changedGoal]!.cells.find((c) => c.role !== 'goal' && c.text !== '')!;
  cell.text = `${cell.text} (rettet)`;
  cell.blocks = [{ type: 'paragraph', text: cell.text }];
  return next;
}

/** The reviews as both stores are compared: every column but `stored_at` (the time of the write), in key order. */
const REVIEW_ROWS = 'SELECT report_id, goal_key, content_hash, decision, note, decided_at, source_file, carried_from FROM reviews ORDER BY report_id, goal_key';

describePg('review decisions in PostgreSQL', () => {
  let url: string;
  let pg: PostgresStore;
  let lite: SqliteStore;
  beforeAll(async () => {
    url = await freshDatabase('reviews');
    pg = await openPostgresStore(url, { pipelineVersion: 'test' });
    lite = new SqliteStore(openReportDatabase(':memory:'));
  });
  afterAll(async () => {
    await pg?.close();
    await lite?.close();
  });

  it('stores, warns, replaces and carries decisions as the SQLite store does', async () => {
    const report = sampleReport();
    const file = reviewOf(report, [{ index: 0, decision: 'accepted' }, { index: 1, decision: 'flagged', note: 'beløbet mangler' }, { index: 3, decision: 'accepted' }]);
    file.goals.push({ key: '9-ukendt', decision: 'accepted', note: '', time: '2026-12-01T10:00:00.000Z', content: '0'.repeat(16) });
    file.goals.push({ ...file.goals[0]!, key: report.goals[2]!.key });
    for (const store of [pg, lite]) await store.writeReport(report, 'test');
    const [a, b] = [await pg.storeReviews(file, 'x.review.json'), await lite.storeReviews(file, 'x.review.json')];
    expect(a).toEqual(b);
    expect(a.diagnostics.map((d) => d.code)).toEqual(['review-goal-unknown', 'review-goal-changed']);
    // Stored again: replaced, not doubled.
    await pg.storeReviews(file, 'x.review.json');
    const stored = await queryRows(url, REVIEW_ROWS);
    expect(stored).toHaveLength(5);
    expect(stored).toEqual(lite.db.prepare(REVIEW_ROWS).all());

    const next = reparsed(report, 1);
    for (const store of [pg, lite]) await store.writeReport(next, 'test');
    expect([await pg.carryReviews(), await lite.carryReviews()]).toEqual([2, 2]);
    expect(await pg.carryReviews()).toBe(0);
    const carried = await queryRows<{ goal_key: string; carried_from: string }>(url, 'SELECT goal_key, carried_from FROM v_goal_reviews WHERE report_id = $1 ORDER BY goal_key', [next.id]);
    expect(carried).toEqual([0, 3].map((i) => ({ goal_key: report.goals[i]!.key, carried_from: report.id })).sort((x, y) => (x.goal_key < y.goal_key ? -1 : 1)));
    expect(await queryRows(url, REVIEW_ROWS)).toEqual(lite.db.prepare(REVIEW_ROWS).all());
  });
});
