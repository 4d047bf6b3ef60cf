/**
 * The ingest log and the queue's runs in the PostgreSQL store (DDL in `schema.ts`): ingest runs,
 * quarantine (as the SQLite store's `output/sqlite/runs.ts`), the look-ups batch ingestion makes
 * per file, and one row per `enqueue` (`queue_runs`).
 */
import type pg from 'pg';
import type { QuarantineEntry, RunCounts, StoredReport } from '../store.js';

/** Records the start of an ingest run and returns its id. */
export async function startIngestRunPg(client: pg.ClientBase, pipelineVersion: string, now = new Date()): Promise<number> {
  const { rows } = await client.query('INSERT INTO ingest_runs (started_at, pipeline_version) VALUES ($1, $2) RETURNING id', [now.toISOString(), pipelineVersion]);
  return Number(rows[0].id);
}

/** Records the end of an ingest run with its counts. */
export async function finishIngestRunPg(client: pg.ClientBase, runId: number, counts: RunCounts, seconds: number, now = new Date()): Promise<void> {
  await client.query(
    'UPDATE ingest_runs SET finished_at = $1, files = $2, ingested = $3, skipped = $4, failed = $5, seconds = $6 WHERE id = $7',
    [now.toISOString(), counts.files, counts.ingested, counts.skipped, counts.failed, seconds, runId],
  );
}

/** Puts a failed file in quarantine, replacing an earlier entry for its path. */
export async function quarantineFilePg(client: pg.ClientBase, entry: QuarantineEntry, pipelineVersion: string, runId: number | null, now = new Date()): Promise<void> {
  await client.query(
    `INSERT INTO quarantine (path, sha256, code, message, page, line, pipeline_version, run_id, quarantined_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, code = excluded.code, message = excluded.message, page = excluded.page,
       line = excluded.line, pipeline_version = excluded.pipeline_version, run_id = excluded.run_id, quarantined_at = excluded.quarantined_at`,
    [entry.path, entry.sha256, entry.code, entry.message, entry.page, entry.line, pipelineVersion, runId, now.toISOString()],
  );
}

/** Takes a path out of quarantine. */
export async function releaseFromQuarantinePg(client: pg.ClientBase, path: string): Promise<void> {
  await client.query('DELETE FROM quarantine WHERE path = $1', [path]);
}

/** The quarantine entry of a path (its sha256 and pipeline version), if it has one. */
export async function quarantinedVersionPg(client: pg.ClientBase, path: string): Promise<{ sha256: string | null; pipelineVersion: string } | undefined> {
  const { rows } = await client.query('SELECT sha256, pipeline_version AS "pipelineVersion" FROM quarantine WHERE path = $1', [path]);
  return rows[0];
}

/** The report with these bytes when this pipeline version stored it, with the path its row names and whether `path` is one of its paths. */
export async function ingestedReportPg(client: pg.ClientBase, sha256: string, pipelineVersion: string, path: string): Promise<StoredReport | undefined> {
  const { rows } = await client.query(
    `SELECT r.path, EXISTS (SELECT 1 FROM report_paths p WHERE p.path = $3 AND p.report_id = r.id) AS "atPath"
     FROM reports r WHERE r.id = $1 AND r.pipeline_version = $2`,
    [sha256, pipelineVersion, path],
  );
  return rows[0] && { path: rows[0].path, atPath: rows[0].atPath === true };
}
