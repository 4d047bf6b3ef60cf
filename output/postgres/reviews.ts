/**
 * Review decisions in the PostgreSQL store (`reviews`, DDL in `schema.ts`), as the SQLite store keeps
 * them (`output/sqlite/reviews.ts`, which says what is stored and carried): `ingest --reviews FILE…`
 * stores a review file's decisions, and after every ingest a goal with no decision of its own takes
 * the latest decision on a goal of the same key whose cells were the same. Each is one transaction.
 */
import type pg from 'pg';
import { diagnose } from '../../pipeline/diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { RowCell } from '../../schemas/report.js';
import type { ReviewFile } from '../../schemas/review.js';
import { goalContentHash } from '../review/goal-content.js';
import type { StoredReviews } from '../sqlite/reviews.js';

type StoredCell = Pick<RowCell, 'label' | 'role' | 'text'>;

/** The content hash of each stored goal `ids` names, from its cells as `v_goal_cells` gives them. */
async function contentHashes(client: pg.ClientBase, ids: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await client.query('SELECT goal_id, label, role, text FROM v_goal_cells WHERE goal_id = ANY ($1::text[]) ORDER BY goal_id, ordinal', [ids]);
  const cells = new Map<string, StoredCell[]>(ids.map((id) => [id, []]));
  for (const r of rows as (StoredCell & { goal_id: string })[]) cells.get(r.goal_id)!.push({ label: r.label, role: r.role, text: r.text });
  return new Map([...cells].map(([id, c]) => [id, goalContentHash({ cells: c as RowCell[] })]));
}

/**
 * Stores the decisions of one review file (a decision stored already for the same report and goal is
 * replaced; of two in one file for the same goal, the later stands, as in SQLite), saying which goals
 * the stored report lacks or whose cells changed; the caller runs it in a transaction.
 */
export async function storeReviewsPg(client: pg.ClientBase, file: ReviewFile, sourceFile: string, now = new Date()): Promise<StoredReviews> {
  const reportKnown = ((await client.query('SELECT 1 FROM reports WHERE id = $1', [file.reportId])).rowCount ?? 0) > 0;
  const diagnostics: DiagnosticRecord[] = [];
  if (reportKnown) {
    const { rows } = await client.query('SELECT id, key FROM goals WHERE report_id = $1', [file.reportId]);
    const idOf = new Map((rows as { id: string; key: string }[]).map((r) => [r.key, r.id]));
    const hashes = await contentHashes(client, [...idOf.values()]);
    for (const g of file.goals) {
      const id = idOf.get(g.key);
      if (id === undefined) diagnostics.push(diagnose('review-goal-unknown', { key: g.key }));
      else if (hashes.get(id) !== g.content) diagnostics.push(diagnose('review-goal-changed', { key: g.key }));
    }
  }
  const last = [...new Map(file.goals.map((g) => [g.key, g])).values()];
  if (last.length > 0) {
    await client.query(
      `INSERT INTO reviews (report_id, goal_key, content_hash, decision, note, decided_at, stored_at, source_file, carried_from)
       SELECT $1, k, c, d, n, t, $7, $8, NULL FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x (k, c, d, n, t)
       ON CONFLICT (report_id, goal_key) DO UPDATE SET content_hash = excluded.content_hash, decision = excluded.decision, note = excluded.note,
         decided_at = excluded.decided_at, stored_at = excluded.stored_at, source_file = excluded.source_file, carried_from = NULL`,
      [file.reportId, last.map((g) => g.key), last.map((g) => g.content), last.map((g) => g.decision), last.map((g) => g.note), last.map((g) => g.time),
        now.toISOString(), sourceFile],
    );
  }
  return { stored: file.goals.length, reportKnown, diagnostics };
}

/**
 * Carries decisions to goals that have none (see `carryReviews` in `output/sqlite/reviews.ts`): the
 * latest decision on a goal of the same key and content hash, `carried_from` naming its report.
 * Returns how many were carried; the caller runs it in a transaction.
 */
export async function carryReviewsPg(client: pg.ClientBase, now = new Date()): Promise<number> {
  const { rows } = await client.query(
    `SELECT g.id, g.report_id, g.key FROM goals g
     WHERE g.key IN (SELECT goal_key FROM reviews)
       AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.report_id = g.report_id AND r.goal_key = g.key)`,
  );
  const candidates = rows as { id: string; report_id: string; key: string }[];
  if (candidates.length === 0) return 0;
  const hashes = await contentHashes(client, candidates.map((c) => c.id));
  let carried = 0;
  for (const c of candidates) {
    const hash = hashes.get(c.id)!;
    const inserted = await client.query(
      `INSERT INTO reviews (report_id, goal_key, content_hash, decision, note, decided_at, stored_at, source_file, carried_from)
       SELECT $1, goal_key, content_hash, decision, note, decided_at, $4, source_file, report_id FROM reviews
       WHERE goal_key = $2 AND content_hash = $3 ORDER BY decided_at DESC LIMIT 1
       ON CONFLICT (report_id, goal_key) DO NOTHING`,
      [c.report_id, c.key, hash, now.toISOString()],
    );
    carried += inserted.rowCount ?? 0;
  }
  return carried;
}
