/**
 * The ingest log, in the same SQLite database as the reports (DDL in `schema.ts`): one row per
 * ingest run (`ingest_runs`) and one per file that failed (`quarantine`). A quarantined file is
 * retried on a later run only when its bytes (sha256) or the pipeline version changed. A file whose
 * report could not be written is not quarantined (the store failed, not the file): the next run
 * tries it again.
 */
import type { Statement } from 'better-sqlite3';
import type { ReportDatabase } from './schema.js';

/** Counts of one run. */
export interface RunCounts {
  files: number;
  ingested: number;
  skipped: number;
  failed: number;
}

/** A failed file, as stored in `quarantine`. */
export interface QuarantineEntry {
  path: string;
  sha256: string | null;
  code: string;
  message: string;
  page: number | null;
  line: number | null;
}

/** Records the start of a run and returns its id. */
export function startIngestRun(db: ReportDatabase, pipelineVersion: string, now = new Date()): number {
  const r = db
    .prepare('INSERT INTO ingest_runs (started_at, pipeline_version) VALUES (?, ?)')
    .run(now.toISOString(), pipelineVersion);
  return Number(r.lastInsertRowid);
}

/** Records the end of a run with its counts. */
export function finishIngestRun(db: ReportDatabase, runId: number, counts: RunCounts, seconds: number, now = new Date()): void {
  db.prepare(
    `UPDATE ingest_runs SET finished_at = ?, files = ?, ingested = ?, skipped = ?, failed = ?, seconds = ? WHERE id = ?`,
  ).run(now.toISOString(), counts.files, counts.ingested, counts.skipped, counts.failed, seconds, runId);
}

/** Puts a failed file in quarantine (replacing an earlier entry for its path). */
export function quarantineFile(db: ReportDatabase, entry: QuarantineEntry, pipelineVersion: string, runId: number, now = new Date()): void {
  db.prepare(
    `INSERT OR REPLACE INTO quarantine (path, sha256, code, message, page, line, pipeline_version, run_id, quarantined_at)
     VALUES (@path, @sha256, @code, @message, @page, @line, @pipelineVersion, @runId, @at)`,
  ).run({ ...entry, pipelineVersion, runId, at: now.toISOString() });
}

/** Takes a path out of quarantine (it was ingested). */
export function releaseFromQuarantine(db: ReportDatabase, path: string): void {
  db.prepare('DELETE FROM quarantine WHERE path = ?').run(path);
}

// The two look-ups run once per file of every run: prepared once per connection.
const lookups = new WeakMap<ReportDatabase, { quarantined: Statement; ingested: Statement }>();

/** Where a stored report stands (see `ingestedReport`). */
export interface StoredReport {
  /** The path its row names (and its JSON file is named after). */
  path: string;
  /** True when the path asked about is one of the report's paths already. */
  atPath: boolean;
}

function lookupsOf(db: ReportDatabase) {
  let l = lookups.get(db);
  if (!l) {
    l = {
      quarantined: db.prepare('SELECT sha256, pipeline_version AS pipelineVersion FROM quarantine WHERE path = ?'),
      ingested: db.prepare(`SELECT r.path, EXISTS (SELECT 1 FROM report_paths p WHERE p.path = @path AND p.report_id = r.id) AS atPath
        FROM reports r WHERE r.id = @id AND r.pipeline_version = @pipelineVersion`),
    };
    lookups.set(db, l);
  }
  return l;
}

/** The quarantine entry of a path (its sha256 and pipeline version), if it has one. */
export function quarantinedVersion(db: ReportDatabase, path: string): { sha256: string | null; pipelineVersion: string } | undefined {
  return lookupsOf(db).quarantined.get(path) as { sha256: string | null; pipelineVersion: string } | undefined;
}

/**
 * The report with these bytes, when this pipeline version ingested it (from `path` or another path),
 * with the path its row names and whether `path` is one of its paths already.
 */
export function ingestedReport(db: ReportDatabase, sha256: string, pipelineVersion: string, path: string): StoredReport | undefined {
  const row = lookupsOf(db).ingested.get({ id: sha256, pipelineVersion, path }) as { path: string; atPath: number } | undefined;
  return row && { path: row.path, atPath: row.atPath === 1 };
}
