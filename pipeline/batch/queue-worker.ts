/**
 * A queue worker: takes file jobs from pg-boss (`queue.ts`), reads each file by its path, parses it
 * (in worker threads when `concurrency` > 1) and writes its report to the PostgreSQL store in one
 * transaction. Any number of workers on any number of machines share one queue: pg-boss hands each
 * job to one of them (SELECT … SKIP LOCKED), and the store's keys make a report land once whoever
 * writes it.
 *
 * Failures: a job that fails is retried by pg-boss (after a second); a worker killed mid-job leaves
 * its job active until its expiry, when pg-boss's maintenance (run by every worker) hands it on. On
 * its last attempt a failing file goes to `quarantine` with its reason, and the job ends failed. A
 * path this machine cannot read is `not-on-worker`: the file lives on storage not mounted here.
 *
 * `stop()` (on SIGTERM or SIGINT) takes no new job and finishes the jobs in hand before it resolves.
 */
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import { Piscina } from 'piscina';
import { hasFailures, parseReport, sha256Hex } from '../index.js';
import { diagnose } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Report } from '../../schemas/report.js';
import type { PostgresStore } from '../../output/postgres/open.js';
import { LARGE_FILE_BYTES, WORKER_HEAP_LIMITS } from './limits.js';
import { readSidecarMeta } from './meta.js';
import { ensureFileQueue, QUEUE_NAME, type FileJob } from './queue.js';
import { readReportFile } from './read.js';
import type { ParseTask } from './worker.js';

/** What a worker did with one job. */
export type JobEvent =
  | { outcome: 'ingested' | 'unchanged'; path: string; attempt: number }
  | { outcome: 'retrying' | 'quarantined'; path: string; attempt: number; problem: DiagnosticRecord };

/** Options of `startWorker`. */
export interface WorkerOptions {
  store: PostgresStore;
  boss: PgBoss;
  pipelineVersion: string;
  /** Jobs in hand at once (and parse threads); default 1. */
  concurrency?: number;
  /** Stop once no job is pending or running (a batch that ends); default: wait for jobs until stopped. */
  untilEmpty?: boolean;
  onJob?: (event: JobEvent) => void;
  /** Called when the queue cannot be reached for a moment (the worker carries on). */
  onError?: (error: Error) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** Resolves when the worker has stopped (asked to, or with `untilEmpty` when the queue is empty). */
  done: Promise<void>;
  /** Takes no new job, finishes the jobs in hand, then resolves `done`. */
  stop(): Promise<void>;
}

/** A file's problem with the job's path: thrown so pg-boss retries the job, quarantined on its last attempt. */
class FileProblem extends Error {
  constructor(readonly problem: DiagnosticRecord) {
    super(`${problem.code}: ${problem.message}`);
    this.name = 'FileProblem';
  }
}

/** How often an `untilEmpty` worker looks whether the queue is empty. */
const EMPTY_CHECK_MS = 500;

/** How long a slot with nothing to do waits before it asks the queue again. */
const POLL_MS = 500;

/** Starts taking jobs; see `QueueWorker`. */
export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const { store, boss, pipelineVersion } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const host = hostname();
  await ensureFileQueue(store, boss);
  const runId = await store.startRun(pipelineVersion);
  const counts = { files: 0, ingested: 0, skipped: 0, failed: 0 };
  const started = performance.now();

  const pool = concurrency > 1
    ? new Piscina<ParseTask, Report>({
        filename: new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href,
        minThreads: concurrency,
        maxThreads: concurrency,
        resourceLimits: WORKER_HEAP_LIMITS,
      })
    : null;
  const parse = async (task: ParseTask): Promise<Report> => {
    if (!pool || task.bytes.length > LARGE_FILE_BYTES) return parseReport({ path: task.path, bytes: task.bytes }, task.options);
    try {
      return await pool.run(task);
    } catch (error) {
      // A report too big for a worker's heap is parsed again where the heap may grow.
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return parseReport({ path: task.path, bytes: task.bytes }, task.options);
      throw error;
    }
  };

  /** One job: read, skip when stored, parse, write. Throws (for a retry) when the file fails. */
  const work = async (data: FileJob): Promise<'ingested' | 'unchanged'> => {
    const read = await readReportFile(data.path, data.maxBytes);
    if ('problem' in read) {
      const missingHere = read.problem.code === 'cannot-read';
      throw new FileProblem(missingHere ? diagnose('not-on-worker', { reason: read.problem.message, host }) : read.problem);
    }
    const sha256 = sha256Hex(read.bytes);
    const stored = await store.ingestedReport(sha256, pipelineVersion, data.path);
    if (stored) {
      if (!stored.atPath) await store.addReportPath(sha256, data.path);
      await store.releaseFromQuarantine(data.path);
      return 'unchanged';
    }
    const sidecar = await readSidecarMeta(data.path);
    if (sidecar.problem) throw new FileProblem(sidecar.problem);
    const report = await parse({ path: data.path, bytes: read.bytes, options: { ...data.parse, meta: { ...data.parse.meta, ...sidecar.meta } } });
    if (hasFailures(report.diagnostics, data.strict)) {
      throw new FileProblem(report.diagnostics.find((d) => d.severity === 'error') ?? report.diagnostics.find((d) => d.severity === 'warning')!);
    }
    const { outcome } = await store.writeReport(report, pipelineVersion);
    await store.releaseFromQuarantine(data.path);
    return outcome === 'written' ? 'ingested' : 'unchanged';
  };

  /** One job to its end: the outcome pg-boss records, or a throw that it records as a failed attempt. */
  const handle = async (job: PgBoss.JobWithMetadata<FileJob>) => {
    const { data } = job;
    const attempt = job.retryCount + 1;
    const last = job.retryCount >= job.retryLimit;
    counts.files++;
    try {
      const outcome = await work(data);
      counts[outcome === 'ingested' ? 'ingested' : 'skipped']++;
      options.onJob?.({ outcome, path: data.path, attempt });
      return { outcome, host };
    } catch (error) {
      const problem = error instanceof FileProblem ? error.problem : diagnose('internal-error', { detail: error instanceof Error ? error.message : String(error) });
      if (last) {
        counts.failed++;
        await store.quarantineFile({ path: data.path, sha256: data.sha256, code: problem.code, message: problem.message, page: problem.page, line: problem.line }, pipelineVersion, runId);
        options.onJob?.({ outcome: 'quarantined', path: data.path, attempt, problem });
      } else {
        options.onJob?.({ outcome: 'retrying', path: data.path, attempt, problem });
      }
      throw error;
    }
  };

  // Each slot fetches its next job as soon as it is done with one (pg-boss's own work() waits out
  // its polling interval after every job, which caps a slot at two small files a second); it
  // sleeps only when the queue has nothing for it.
  let stopRequested = false;
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) => new Promise<void>((r) => {
    const wake = () => {
      clearTimeout(timer);
      sleepers.delete(wake);
      r();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
  });
  const slot = async () => {
    while (!stopRequested) {
      let jobs: PgBoss.JobWithMetadata<FileJob>[];
      try {
        jobs = await boss.fetch<FileJob>(QUEUE_NAME, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        options.onError?.(error as Error);
        await sleep(POLL_MS);
        continue;
      }
      const job = jobs[0];
      if (!job) {
        await sleep(POLL_MS);
        continue;
      }
      try {
        const result = await handle(job);
        await boss.complete(QUEUE_NAME, job.id, result);
      } catch (error) {
        // pg-boss retries the job after its delay, or on its last attempt marks it failed. Should
        // this not reach the database, the job expires and is retried all the same.
        await boss.fail(QUEUE_NAME, job.id, { message: error instanceof Error ? error.message : String(error) }).catch((e: Error) => options.onError?.(e));
      }
    }
  };
  const slots = Array.from({ length: concurrency }, () => slot());

  let stopping: Promise<void> | null = null;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(emptyCheck);
      // No new job is fetched; the jobs in hand finish (and are completed) first.
      stopRequested = true;
      for (const wake of [...sleepers]) wake();
      await Promise.all(slots);
      await boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 }).catch(() => undefined);
      await pool?.destroy();
      await store.finishRun(runId, counts, (performance.now() - started) / 1000).catch(() => undefined);
      resolveDone();
    })();
    return stopping;
  };
  let checking = false;
  const emptyCheck = setInterval(async () => {
    if (!options.untilEmpty || checking) return;
    checking = true;
    try {
      const { rows } = await store.pool.query(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`, [QUEUE_NAME]);
      if (Number(rows[0].n) === 0) void stop();
    } catch {
      // Looked at again in a moment.
    } finally {
      checking = false;
    }
  }, EMPTY_CHECK_MS);
  return { done, stop };
}
