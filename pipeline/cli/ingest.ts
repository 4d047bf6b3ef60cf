import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { escapeForTerminal, formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import type { ParseOptions } from '../index.js';
import { PIPELINE_VERSION } from '../version.js';
import type { FileEvent } from '../batch/ingest.js';
import { DEFAULT_MAX_BYTES, WORKER_MEMORY_MB, workerCount } from '../batch/limits.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMetaOptions, addSourceLimitsHelp, metaFromFlags, parseColumns, parseFormat, type MetaFlags } from './shared.js';


interface IngestCommandOptions extends MetaFlags {
  db: string;
  jsonDir?: string;
  format: ParseOptions['format'];
  columns?: ColumnRole[];
  strict: boolean;
  force: boolean;
  concurrency?: number;
  maxBytes: number;
  followSymlinks: boolean;
  json: boolean;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** Prints what went wrong with a file: its error (and with --strict its warnings) with file and place. */
function printFailure(event: Extract<FileEvent, { outcome: 'failed' }>, strict: boolean): void {
  const shown = event.diagnostics.filter((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
  for (const d of shown.length ? shown : [event.problem]) process.stderr.write(`${formatDiagnostic(event.path, d)}\n`);
}

/** `ingest PATH...`: reports (files, folders, globs) into SQLite and one JSON file each. */
export function registerIngestCommand(program: Command): void {
  const command = program
    .command('ingest')
    .description('parse reports (files, folders walked recursively, or globs) into SQLite and one JSON file per report')
    .argument('<paths...>', 'report files, folders or glob patterns ("reports/**/*.txt")')
    .option('--db <file>', 'SQLite database to write', 'out/reports.sqlite')
    .option('--json-dir <dir>', 'folder for one canonical JSON file per report')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order', parseColumns)
    .option(
      '--concurrency <n>',
      `parallel parses (worker threads); default and most: the number of cores (fewer when memory holds fewer workers of ${WORKER_MEMORY_MB} MB)`,
      positiveInteger,
    )
    .option('--force', 're-ingest files already ingested by this version', false)
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes', positiveInteger, DEFAULT_MAX_BYTES)
    .option('--strict', 'treat warnings as failures', false)
    .option('--follow-symlinks', 'follow symbolic links out of the folders given (default: reported, not followed)', false)
    .option('--json', 'print a machine-readable summary on stdout', false);
  addSourceLimitsHelp(command);
  addMetaOptions(command, false).action(async (paths: string[], opts: IngestCommandOptions) => {
      // Loaded here, not at start-up, so that the other commands start fast.
      const [{ ingestSources }, { databaseError, isDatabaseFailure, openReportDatabase }, { default: cliProgress }] = await Promise.all([
        import('../batch/ingest.js'),
        import('../../output/sqlite/open.js'),
        import('cli-progress'),
      ]);
      const printDatabaseError = (error: unknown) =>
        process.stderr.write(`status-ingest: error: ${escapeForTerminal(databaseError(opts.db, error).message)}\n`);
      let db;
      try {
        db = openReportDatabase(opts.db);
      } catch (error) {
        // Missing folder rights, a damaged file, another schema version: nothing was done (exit 2).
        printDatabaseError(error);
        return void (process.exitCode = 2);
      }
      // More workers than cores (or than memory holds) only cost memory: say when fewer run than asked.
      const workers = workerCount(opts.concurrency);
      if (workers.lowered) {
        const { cores, byMemory } = workers.lowered;
        process.stderr.write(
          `status-ingest: notice: --concurrency ${workers.requested} lowered to ${workers.workers} (${cores} cores; memory for ${byMemory} workers of ${WORKER_MEMORY_MB} MB)\n`,
        );
      }
      // A progress bar only for a person watching: never in logs or pipes.
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            { format: 'ingest {value} files | {ingested} ingested | {skipped} skipped | {failed} failed', clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      const counts = { ingested: 0, skipped: 0, failed: 0 };
      bar?.start(0, 0, counts);
      let summary;
      try {
        summary = await ingestSources({
          paths,
          db,
          pipelineVersion: PIPELINE_VERSION,
          jsonDir: opts.jsonDir,
          concurrency: opts.concurrency,
          force: opts.force,
          strict: opts.strict,
          maxBytes: opts.maxBytes,
          followSymlinks: opts.followSymlinks,
          parse: { format: opts.format, columns: opts.columns, meta: metaFromFlags(opts) },
          onFile: (event) => {
            counts[event.outcome]++;
            if (event.outcome === 'failed') printFailure(event, opts.strict);
            bar?.setTotal(counts.ingested + counts.skipped + counts.failed);
            bar?.increment(1, counts);
          },
        });
      } catch (error) {
        // The store failed outside any one file (the run could not even be recorded as started).
        if (!isDatabaseFailure(error)) throw error;
        bar?.stop();
        printDatabaseError(error);
        return void (process.exitCode = 1);
      } finally {
        bar?.stop();
        db.close();
      }
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const quarantined = summary.stillQuarantined ? ` (${summary.stillQuarantined} still quarantined, unchanged)` : '';
      const unwritten = summary.unwritten ? ` (${summary.unwritten} not written, tried again by the next run)` : '';
      if (summary.storeError) process.stderr.write(`status-ingest: error: ${escapeForTerminal(summary.storeError)}\n`);
      process.stderr.write(
        `ingested ${summary.ingested}, skipped ${summary.skipped}${quarantined}, failed ${summary.failed}${unwritten} in ${summary.seconds.toFixed(2)} s → ${quoteForTerminal(opts.db)}\n`,
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...summary, seconds: Number(summary.seconds.toFixed(3)), peakRssMb, db: opts.db })}\n`);
      }
      if (summary.failed > 0 || summary.storeError) process.exitCode = 1;
    });
}
