/**
 * Review decisions in the database: `ingest --reviews FILE…` stores the decisions of exported
 * `<report>.review.json` files in `reviews` (one row per report and goal key), and after every
 * ingest the decisions are carried to re-parsed reports: a goal with no decision of its own takes the
 * latest decision made on a goal of the same key whose cells were the same (same content hash), so
 * a re-parse keeps what a person decided about every goal that did not change, and only those.
 */
import { diagnose } from '../../pipeline/diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { RowCell } from '../../schemas/report.js';
import type { ReviewFile } from '../../schemas/review.js';
import { goalContentHash } from '../review/goal-content.js';
import type { ReportDatabase } from './schema.js';

/** The cells of a stored goal, as the content hash reads them (label, role, text, in table order). */
function storedCells(db: ReportDatabase, goalId: string): Pick<RowCell, 'label' | 'role' | 'text'>[] {
  return db.prepare('SELECT label, role, text FROM v_goal_cells WHERE goal_id = ? ORDER BY ordinal').all(goalId) as Pick<RowCell, 'label' | 'role' | 'text'>[];
}

/** What storing one review file did: decisions stored, and warnings about goals unknown or changed. */
export interface StoredReviews {
  stored: number;
  /** Whether the report the file reviews is in the database. */
  reportKnown: boolean;
  diagnostics: DiagnosticRecord[];
}

/**
 * Stores the decisions of one review file (a decision already stored for the same report and goal
 * is replaced). A goal the stored report lacks, or whose cells differ from what was decided on, is
 * stored all the same and said: the decision then waits for a goal of that key and content.
 */
export function storeReviews(db: ReportDatabase, file: ReviewFile, sourceFile: string, now = new Date()): StoredReviews {
  const reportKnown = db.prepare('SELECT 1 FROM reports WHERE id = ?').get(file.reportId) !== undefined;
  const goalId = db.prepare('SELECT id FROM goals WHERE report_id = ? AND key = ?');
  const insert = db.prepare(
    `INSERT OR REPLACE INTO reviews (report_id, goal_key, content_hash, decision, note, decided_at, stored_at, source_file, carried_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const diagnostics: DiagnosticRecord[] = [];
  db.transaction(() => {
    for (const g of file.goals) {
      if (reportKnown) {
        const row = goalId.get(file.reportId, g.key) as { id: string } | undefined;
        if (!row) diagnostics.push(diagnose('review-goal-unknown', { key: g.key }));
        else if (goalContentHash({ cells: storedCells(db, row.id) as RowCell[] }) !== g.content) diagnostics.push(diagnose('review-goal-changed', { key: g.key }));
      }
      insert.run(file.reportId, g.key, g.content, g.decision, g.note, g.time, now.toISOString(), sourceFile);
    }
  })();
  return { stored: file.goals.length, reportKnown, diagnostics };
}

/**
 * Carries decisions to goals that have none: for every stored goal whose key has a decision on some
 * report, but not on its own, the latest decision on a goal of that key with the same content hash
 * is copied to it (`carried_from` names the report it was made on). Returns how many were carried.
 * Only goals whose key was ever decided on are read, so this costs nothing without reviews.
 */
export function carryReviews(db: ReportDatabase, now = new Date()): number {
  const candidates = db
    .prepare(
      `SELECT g.id, g.report_id, g.key AS key FROM goals g
       WHERE g.key IN (SELECT goal_key FROM reviews)
         AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.report_id = g.report_id AND r.goal_key = g.key)`,
    )
    .all() as { id: string; report_id: string; key: string }[];
  if (candidates.length === 0) return 0;
  const latest = db.prepare(
    'SELECT report_id, decision, note, decided_at, source_file FROM reviews WHERE goal_key = ? AND content_hash = ? ORDER BY decided_at DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO reviews (report_id, goal_key, content_hash, decision, note, decided_at, stored_at, source_file, carried_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let carried = 0;
  db.transaction(() => {
    for (const c of candidates) {
      const hash = goalContentHash({ cells: storedCells(db, c.id) as RowCell[] });
      const from = latest.get(c.key, hash) as { report_id: string; decision: string; note: string; decided_at: string; source_file: string | null } | undefined;
      if (!from) continue;
      insert.run(c.report_id, c.key, hash, from.decision, from.note, from.decided_at, now.toISOString(), from.source_file, from.report_id);
      carried++;
    }
  })();
  return carried;
}
