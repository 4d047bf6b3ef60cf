/**
 * Limits of batch ingestion that the CLI shows as defaults. Apart from `ingest.ts` so that the CLI can
 * name them without loading the batch machinery (worker pool, database) before a command needs it.
 */
import { availableParallelism, totalmem } from 'node:os';

/** Default `--max-bytes`: larger inputs are refused (`too-large`). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Heap limits of the parse workers. V8 sizes a heap generously for throughput; capped, two workers
 * stay near their old-generation limit instead of growing with the batch, which keeps a 10 000-file
 * ingest under 256 MB peak RSS.
 * - The old generation: at 64 MB a worker ran a full collection every 17 reports or so, and parsed
 *   19% slower than with no limit (7.2 against 6.0 ms a report, one worker alone on one thread,
 *   500 reports); at 128 MB, 6.4 ms. The full collections themselves take 3 ms each: what costs is
 *   the code V8 compiles again after them. A whole ingest of 1,000 reports took 12.6 s of CPU at
 *   64 MB and 11.9 s at 128 MB; at 10,000 it peaked at 238 MB RSS (256 MB would be 252).
 * - The young generation is where a parse's short-lived objects go: at 8 MB a worker collected it
 *   three or four times per seed-sized report, each time copying the report in hand, and parsed at
 *   10.2 ms a report; at 24 MB about once, at 7.1 ms (one worker alone, 500 reports). The CLI's
 *   `--max-semi-space-size=8` (`main.ts`'s `#!` line) gives every thread the same 24 MB, so that a V8
 *   flag, which overrides these limits, changes nothing here. (V8 rounds a semi-space, a third of the
 *   young generation, up to a power of two: 8 MB gave 4 MB semi-spaces, 24 MB gives 8.)
 */
export const WORKER_HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24 } as const;

/**
 * Tasks a parse worker holds at once: the one it parses and the next, queued behind it (`parseForStore`
 * runs them one at a time). With one task a worker, a worker that finished a report waited for the main
 * thread to hand it the next, and the main thread is the writer: between its writes, and through a group
 * commit (18 ms on average at N = 10,000, up to 150 ms with a checkpoint) or a bulk pass of the full-text
 * index (80 ms, up to 300 ms), the workers stood idle and the machine used 158% of its two cores. First
 * ingests of 10,000 seed-like reports into SQLite, interleaved, three rounds: 42.5, 41.4 and 42.3 s with
 * one task a worker (peak RSS 218-233 MB), 38.9, 38.1 and 39.0 s with two (226-237 MB), 36.3, 37.7 and
 * 40.0 s with four (239-244 MB; 254 MB in another run, too near the 256 MB target). Only the small files'
 * pool: the large-file worker takes one file at a time (`LARGE_FILES_IN_FLIGHT`).
 */
export const TASKS_PER_WORKER = 2;

/**
 * Files larger than this are parsed by the one large-file worker (`LARGE_FILE_HEAP_LIMITS`), and so is
 * a file that ran a parse worker out of its heap: never on the main thread, which keeps writing the
 * reports of the files beside it meanwhile.
 */
export const LARGE_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Heap limits of the large-file worker: room for the largest report the other limits let through
 * (a 50 MB file, a 20 MB line of amounts, a 10 MB cell). A file that needs more fails with
 * `out-of-memory`, naming the limit, instead of taking the machine's memory. Its young generation
 * is the other workers' (see `WORKER_HEAP_LIMITS`).
 */
export const LARGE_FILE_HEAP_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb } as const;

/**
 * Memory a parse worker is counted at when `--concurrency` is capped: its heap limits, plus its code,
 * stack and buffers (40 MB: 64 workers on empty files once took 2 GB, 32 MB each).
 */
export const WORKER_MEMORY_MB = WORKER_HEAP_LIMITS.maxOldGenerationSizeMb + WORKER_HEAP_LIMITS.maxYoungGenerationSizeMb + 40;

/** Share of the machine's memory (or of the cgroup's limit) the parse workers are counted into. */
export const WORKER_MEMORY_SHARE = 0.5;

/** What the machine allows: its cores and its memory in bytes (a cgroup's limit when one is set). */
export interface MachineLimits {
  cores: number;
  memoryBytes: number;
}

/** The machine this runs on. */
export function machineLimits(): MachineLimits {
  // Without a cgroup limit, constrainedMemory() says 0, undefined or 2^64: the machine's memory counts.
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = totalmem();
  return { cores: availableParallelism(), memoryBytes: constrained > 0 ? Math.min(constrained, total) : total };
}

/** How many parse workers an ingest runs, and why fewer than asked for. */
export interface WorkerCount {
  workers: number;
  /** The number asked for (`--concurrency`), when one was. */
  requested: number | null;
  /** Set when `requested` was lowered: the cores, and how many workers the memory allows. */
  lowered: { cores: number; byMemory: number } | null;
}

/**
 * The parse workers for a requested `--concurrency`: by default one per core; never more than the
 * cores (parsing is CPU-bound, so more only adds memory) or than `WORKER_MEMORY_SHARE` of the
 * machine's memory holds at `WORKER_MEMORY_MB` each; at least one.
 */
export function workerCount(requested: number | undefined, machine: MachineLimits = machineLimits()): WorkerCount {
  const byMemory = Math.max(1, Math.floor((machine.memoryBytes * WORKER_MEMORY_SHARE) / (WORKER_MEMORY_MB * 1024 * 1024)));
  const cap = Math.max(1, Math.min(machine.cores, byMemory));
  const workers = Math.max(1, Math.min(requested ?? machine.cores, cap));
  const lowered = requested !== undefined && workers < requested ? { cores: machine.cores, byMemory } : null;
  return { workers, requested: requested ?? null, lowered };
}
