/** Review decisions in SQLite: stored from a review file, said when a goal is unknown or changed, carried to a re-parsed report only for unchanged goals. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { carryReviews, storeReviews } from '../../../output/sqlite/reviews.js';
import { readReviewFile } from '../../../output/review-file.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import type { ReviewFile } from '../../../schemas/review.js';
import type { Report } from '../../../schemas/report.js';
import { sampleReport, sha } from '../v2-report.js';

const tempDb = () => openReportDatabase(join(mkdtempSync(join(tmpdir(), 'si-rev-')), 'r.sqlite'));

function reviewOf(report: Report, picks: { index: number; decision: 'accepted' | 'flagged'; note?: string }[]): ReviewFile {
  return {
    reportId: report.id,
    goals: picks.map(({ index, decision, note }) => {
      const g = report.goals[index]!;
      return { key: g.key, decision, note: note ?? '', time: `2026-12-01T10:0${index}:00.000Z`, content: goalContentHash(g) };
    }),
  };
}

/** The sample parsed again from changed bytes: a new report id, and the text of one goal's cell edited. */
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

describe('reviews in SQLite', () => {
  it('stores decisions, and says which goals it does not know or that changed', () => {
    const db = tempDb();
    const report = sampleReport();
    writeReport(db, report, 'test');
    const file = reviewOf(report, [{ index: 0, decision: 'accepted' }, { index: 1, decision: 'flagged', note: 'beløbet mangler' }]);
    file.goals.push({ key: '9-ukendt', decision: 'accepted', note: '', time: '2026-12-01T10:00:00.000Z', content: '0'.repeat(16) });
    file.goals.push({ ...file.goals[0]!, key: report.goals[2]!.key });
    const result = storeReviews(db, file, 'x.review.json');
    expect(result.stored).toBe(4);
    expect(result.diagnostics.map((d) => [d.code, (d.params as { key: string }).key])).toEqual([
      ['review-goal-unknown', '9-ukendt'],
      ['review-goal-changed', report.goals[2]!.key],
    ]);
    const rows = db.prepare("SELECT goal_key, decision, note FROM v_goal_reviews WHERE decision = 'flagged'").all();
    expect(rows).toEqual([{ goal_key: report.goals[1]!.key, decision: 'flagged', note: 'beløbet mangler' }]);
    // Stored again: replaced, not doubled.
    storeReviews(db, file, 'x.review.json');
    expect((db.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n).toBe(4);
    db.close();
  });

  it('carries decisions to a re-parsed report for the goals whose cells did not change', () => {
    const db = tempDb();
    const report = sampleReport();
    writeReport(db, report, 'test');
    storeReviews(db, reviewOf(report, [{ index: 0, decision: 'accepted' }, { index: 1, decision: 'flagged', note: 'n' }, { index: 3, decision: 'accepted' }]), 'x.review.json');
    const next = reparsed(report, 1);
    writeReport(db, next, 'test');
    expect(carryReviews(db)).toBe(2);
    const carried = db.prepare('SELECT goal_key, decision, carried_from FROM reviews WHERE report_id = ? ORDER BY goal_key').all(next.id);
    expect(carried).toEqual(
      [0, 3].map((i) => ({ goal_key: report.goals[i]!.key, decision: 'accepted', carried_from: report.id })).sort((a, b) => a.goal_key.localeCompare(b.goal_key)),
    );
    // Nothing more to carry on the next run.
    expect(carryReviews(db)).toBe(0);
    db.close();
  });

  it('reads review files and refuses what is not one', () => {
    const report = sampleReport();
    const good = readReviewFile(JSON.stringify(reviewOf(report, [{ index: 0, decision: 'accepted' }])));
    expect(good.ok && good.file.goals[0]!.key).toBe(report.goals[0]!.key);
    const notJson = readReviewFile('{');
    expect(!notJson.ok && notJson.error.code).toBe('invalid-json');
    const wrong = readReviewFile(JSON.stringify({ reportId: report.id, goals: [{ key: 'k', decision: 'maybe', note: '', time: 'x', content: 'y' }] }));
    expect(!wrong.ok && wrong.error.code).toBe('invalid-review');
    expect(!wrong.ok && (wrong.error.params as { detail: string }).detail).toMatch(/^goals\.0\.decision/);
  });
});
