import type { Command } from 'commander';
import { escapeForTerminal, formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import type { ParseOptions } from '../index.js';
import { PIPELINE_VERSION } from '../version.js';
import { DEFAULT_MAX_BYTES } from '../batch/limits.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMetaOptions, metaFromFlags, parseColumns, parseFormat, type MetaFlags } from './shared.js';
import { openQueueStore, positiveWhole } from './queue-shared.js';

interface EnqueueCommandOptions extends MetaFlags {
  db?: string;
  format: ParseOptions['format'];
  columns?: ColumnRole[];
  strict: boolean;
  maxBytes: number;
  followSymlinks: boolean;
  attempts: number;
  expireSeconds: number;
  json: boolean;
}

/**
 * `enqueue PATH… --db postgres://…`: one queue job per file (files, folders, globs, walked as
 * `ingest` walks them), as one run; a file already stored, quarantined or queued with the same bytes
 * by this version adds nothing. Prints the counts and the run's id. Exit 1 when a file could not be
 * read here, 2 when the database cannot be used.
 */
export function registerEnqueueCommand(program: Command): void {
  const command = program
    .command('enqueue')
    .description('add one job per report file to the PostgreSQL queue, for `status-ingest worker`s on any machine')
    .argument('<paths...>', 'report files, folders or glob patterns; workers read them by absolute path (shared storage)')
    .option('--db <url>', 'PostgreSQL URL (default: $DATABASE_URL)')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order', parseColumns)
    .option('--strict', 'treat warnings as failures', false)
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes', positiveWhole, DEFAULT_MAX_BYTES)
    .option('--follow-symlinks', 'follow symbolic links out of the folders given', false)
    .option('--attempts <n>', 'attempts of a failing file before it is quarantined', positiveWhole, 3)
    .option('--expire-seconds <n>', 'seconds a job may run before it counts as lost (its worker killed) and is retried', positiveWhole, 60)
    .option('--json', 'print the counts as JSON on stdout', false);
  addMetaOptions(command, false).action(async (paths: string[], opts: EnqueueCommandOptions) => {
    const opened = await openQueueStore(opts.db, { supervise: false });
    if (!opened) return;
    const { store, boss } = opened;
    const { enqueueSources } = await import('../batch/queue.js');
    try {
      const summary = await enqueueSources({
        paths,
        store,
        boss,
        pipelineVersion: PIPELINE_VERSION,
        parse: { format: opts.format, columns: opts.columns, meta: metaFromFlags(opts) },
        strict: opts.strict,
        maxBytes: opts.maxBytes,
        followSymlinks: opts.followSymlinks,
        attempts: opts.attempts,
        expireSeconds: opts.expireSeconds,
        onProblem: (path, problem) => process.stderr.write(`${formatDiagnostic(path, problem)}\n`),
      });
      process.stderr.write(
        `run ${summary.run}: enqueued ${summary.added}, unchanged ${summary.unchanged}, failed ${summary.failed} of ${summary.files} files → ${quoteForTerminal(store.name)}\n`,
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      if (summary.failed > 0) process.exitCode = 1;
    } catch (error) {
      process.stderr.write(`status-ingest: error: ${escapeForTerminal(`${store.name}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
      process.exitCode = 2;
    } finally {
      await boss.stop({ graceful: false, close: true, wait: true }).catch(() => undefined);
      await store.close();
    }
  });
}

