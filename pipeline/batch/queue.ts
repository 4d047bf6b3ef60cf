/**
 * The distributed batch's queue, on pg-boss (a PostgreSQL-backed job queue, in the schema `pgboss`
 * of the same database as the store): one job per file. `enqueueSources` adds the jobs of one run
 * (a row of `queue_runs`), `queueStatus` counts them per run; the workers are `queue-worker.ts`.
 *
 * A job is keyed by its file's path, sha256 and the pipeline version: its id is a UUID made from
 * those, so sending it again while pg-boss still holds it adds nothing, and a file whose report is
 * stored (or which is quarantined) with those bytes and this version is not sent at all. Workers read
 * files by path: enqueue stores absolute paths, which must name the same file on every machine
 * (shared storage mounted at the same place).
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import PgBoss from 'pg-boss';
import { sha256Hex, type ParseOptions } from '../index.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { PostgresStore } from '../../output/postgres/open.js';
import { DEFAULT_MAX_BYTES } from './limits.js';
import { portablePath } from './paths.js';
import { readReportFile } from './read.js';
import { listSourceFiles } from './sources.js';

/** The pg-boss queue of status-ingest's file jobs. */
export const QUEUE_NAME = 'status_ingest_files';

/** Attempts of a job before its file is quarantined (pg-boss `retryLimit` is this minus one). */
export const DEFAULT_ATTEMPTS = 3;

/**
 * Seconds a job may stay active before pg-boss takes it as lost (its worker killed or cut off) and
 * hands it to another worker; a parse taking longer is failed and retried too, so it must exceed the
 * slowest file's parse (~0.15 s a PDF report here; large PDFs a few seconds).
 */
export const DEFAULT_EXPIRE_SECONDS = 60;

/** How often pg-boss's maintenance (which expires lost jobs) runs: a killed worker's job is retried within expiry + this. */
export const MAINTENANCE_SECONDS = 2;

/** What a job carries: the file, what enqueue saw of it, and the parse options of its run. */
export interface FileJob {
  run: number;
  /** Absolute path, read by whichever worker takes the job. */
  path: string;
  sha256: string;
  pipelineVersion: string;
  parse: Pick<ParseOptions, 'format' | 'columns' | 'meta'>;
  strict: boolean;
  maxBytes: number;
}

/** Starts a pg-boss client on `url`; workers supervise (expire lost jobs), enqueue and status do not. */
export async function startBoss(url: string, options: { supervise: boolean; connections?: number; onError?: (error: Error) => void }): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'status-ingest queue',
    max: options.connections ?? 2,
    supervise: options.supervise,
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on('error', options.onError ?? (() => undefined));
  await boss.start();
  return boss;
}

/** The advisory lock under which the file queue is created: one creator at a time. */
const CREATE_QUEUE_LOCK = 'status-ingest: create the file queue';

/**
 * Creates the file queue unless it is there. pg-boss's `createQueue` makes a partition of its job
 * table, attaches it and adds foreign keys, which takes table locks: two processes doing that at once
 * (two `enqueue` runs, or workers starting on a new database) can deadlock. So one creates it at a
 * time, under an advisory lock held by a transaction of the store (which runs again if PostgreSQL
 * still picks it as a deadlock's victim), and the others find it made.
 */
export async function ensureFileQueue(store: PostgresStore, boss: PgBoss): Promise<void> {
  await store.transaction(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [CREATE_QUEUE_LOCK]);
    if (!(await boss.getQueue(QUEUE_NAME))) await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, policy: 'standard' });
  });
}

/** Tries of a pg-boss statement that PostgreSQL chose as a deadlock's victim (it rolled back: nothing was done). */
const DEADLOCK_TRIES = 5;

/**
 * Runs a pg-boss call again when PostgreSQL broke a deadlock by cancelling it (SQLSTATE 40P01):
 * two `enqueue` runs sending the same files at once can meet so. Each call retried here is
 * idempotent (a job is sent under its own id, so a second send of it adds nothing).
 */
export async function retryDeadlock<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= DEADLOCK_TRIES || (error as { code?: string }).code !== '40P01') throw error;
      await new Promise((done) => setTimeout(done, 20 * attempt));
    }
  }
}

/** The job id of a file: a UUID from its path, sha256 and the pipeline version (the same file enqueued twice is one job). */
export function jobId(path: string, sha256: string, pipelineVersion: string): string {
  const h = createHash('sha256').update(`${path}\0${sha256}\0${pipelineVersion}`).digest('hex');
  // Shaped as a version-8 (custom) UUID, which PostgreSQL's uuid type takes.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Options of `enqueueSources`. */
export interface EnqueueOptions {
  paths: readonly string[];
  store: PostgresStore;
  boss: PgBoss;
  pipelineVersion: string;
  parse?: FileJob['parse'];
  strict?: boolean;
  maxBytes?: number;
  followSymlinks?: boolean;
  attempts?: number;
  expireSeconds?: number;
  /** Called for a file that could not be enqueued (not readable here, not a regular file, …). */
  onProblem?: (path: string, problem: DiagnosticRecord) => void;
}

/** Counts of one enqueue run. */
export interface EnqueueSummary {
  run: number;
  files: number;
  /** Jobs added. */
  added: number;
  /** Files already stored, quarantined or queued with these bytes by this pipeline version: nothing added. */
  unchanged: number;
  /** Files that could not be read here (listed through `onProblem`). */
  failed: number;
}

/**
 * Adds one job per file under `paths` (files, folders, globs: the walk of `ingest`), as one run,
 * recorded in `queue_runs`. Reads each file once, for its sha256.
 */
export async function enqueueSources(options: EnqueueOptions): Promise<EnqueueSummary> {
  const { store, boss, pipelineVersion } = options;
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  await ensureFileQueue(store, boss);
  const run = await store.transaction(async (c) =>
    Number((await c.query('INSERT INTO queue_runs (started_at, pipeline_version, host) VALUES ($1, $2, $3) RETURNING id', [new Date().toISOString(), pipelineVersion, hostname()])).rows[0].id),
  );
  const summary: EnqueueSummary = { run, files: 0, added: 0, unchanged: 0, failed: 0 };
  const problem = (path: string, p: DiagnosticRecord) => {
    summary.failed++;
    options.onProblem?.(path, p);
  };
  for await (const entry of listSourceFiles(options.paths, { followSymlinks: options.followSymlinks })) {
    summary.files++;
    if (entry.kind === 'problem') {
      problem(portablePath(entry.path), entry.problem);
      continue;
    }
    const path = resolve(entry.path);
    const read = await readReportFile(path, maxBytes);
    if ('problem' in read) {
      problem(portablePath(entry.path), read.problem);
      continue;
    }
    const sha256 = sha256Hex(read.bytes);
    const stored = await store.ingestedReport(sha256, pipelineVersion, path);
    const quarantined = await store.quarantinedVersion(path);
    if (stored?.atPath || (quarantined?.sha256 === sha256 && quarantined.pipelineVersion === pipelineVersion)) {
      summary.unchanged++;
      continue;
    }
    const job: FileJob = { run, path, sha256, pipelineVersion, parse: options.parse ?? {}, strict: options.strict ?? false, maxBytes };
    const id = await retryDeadlock(() =>
      boss.send(QUEUE_NAME, job, {
        id: jobId(path, sha256, pipelineVersion),
        retryLimit: attempts - 1,
        retryDelay: 1,
        expireInSeconds: options.expireSeconds ?? DEFAULT_EXPIRE_SECONDS,
      }),
    );
    if (id === null) summary.unchanged++;
    else summary.added++;
  }
  await store.transaction((c) =>
    c.query('UPDATE queue_runs SET files = $1, added = $2, unchanged = $3, failed = $4 WHERE id = $5', [summary.files, summary.added, summary.unchanged, summary.failed, run]),
  );
  return summary;
}

/** The jobs of one run by state, and what enqueue counted. */
export interface RunStatus {
  run: number;
  startedAt: string;
  host: string;
  files: number;
  added: number;
  unchanged: number;
  /** Waiting for a worker (new, or to be retried after a failure or a lost worker). */
  pending: number;
  running: number;
  done: number;
  failed: number;
}

/**
 * The queue per run, newest first: pending, running, done and failed jobs (from pg-boss's tables,
 * its archive too; pg-boss deletes archived jobs after 7 days) next to what enqueue counted.
 */
export async function queueStatus(store: PostgresStore, limit = 20): Promise<{ runs: RunStatus[]; quarantined: number }> {
  return store.transaction(async (c) => {
    const hasBoss = (await c.query("SELECT to_regclass('pgboss.job') IS NOT NULL AS present")).rows[0].present as boolean;
    const jobs = hasBoss
      ? `SELECT (data->>'run')::bigint AS run, state::text AS state FROM pgboss.job WHERE name = $2
         UNION ALL SELECT (data->>'run')::bigint, state::text FROM pgboss.archive WHERE name = $2`
      : 'SELECT NULL::bigint AS run, NULL::text AS state WHERE $2::text IS NULL';
    const { rows } = await c.query(
      `WITH jobs AS (${jobs})
       SELECT r.id AS run, r.started_at AS "startedAt", r.host, r.files, r.added, r.unchanged,
              count(*) FILTER (WHERE j.state IN ('created', 'retry'))::int AS pending,
              count(*) FILTER (WHERE j.state = 'active')::int AS running,
              count(*) FILTER (WHERE j.state = 'completed')::int AS done,
              count(*) FILTER (WHERE j.state IN ('failed', 'cancelled'))::int AS failed
       FROM queue_runs r LEFT JOIN jobs j ON j.run = r.id
       GROUP BY r.id ORDER BY r.id DESC LIMIT $1`,
      [limit, QUEUE_NAME],
    );
    const quarantined = Number((await c.query('SELECT count(*) AS n FROM quarantine')).rows[0].n);
    return { runs: rows as RunStatus[], quarantined };
  });
}
