import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { escapeForTerminal, formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import type { ParseOptions } from '../index.js';
import { PIPELINE_VERSION } from '../version.js';
import type { FileEvent } from '../batch/ingest.js';
import { DEFAULT_MAX_BYTES } from '../batch/limits.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMetaOptions, metaFromFlags, parseColumns, parseFormat, type MetaFlags } from './shared.js';


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
  reviews?: string[];
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
    .argument('[paths...]', 'report files, folders or glob patterns ("reports/**/*.txt")')
    .option('--db <file>', 'SQLite database to write', 'out/reports.sqlite')
    .option('--json-dir <dir>', 'folder for one canonical JSON file per report')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order', parseColumns)
    .option('--concurrency <n>', 'parallel parses (worker threads); default: number of cores', positiveInteger)
    .option('--force', 're-ingest files already ingested by this version', false)
    .option('--max-bytes <n>', 'refuse inputs larger than this many bytes', positiveInteger, DEFAULT_MAX_BYTES)
    .option('--strict', 'treat warnings as failures', false)
    .option('--follow-symlinks', 'follow symbolic links out of the folders given (default: reported, not followed)', false)
    .option('--json', 'print a machine-readable summary on stdout', false)
    // Review decisions (issue 15): stored after the reports; see ingest-reviews.ts.
    .option('--reviews <files...>', 'exported .review.json files: their decisions go to the reviews table (give them after the paths)');
  addMetaOptions(command, false).action(async (paths: string[], opts: IngestCommandOptions) => {
      if (paths.length === 0 && !opts.reviews?.length) command.error('error: missing report paths (or --reviews FILE…)', { exitCode: 2, code: 'commander.missingArgument' });
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
      let reviewsOk = true;
      try {
        if (paths.length === 0) {
          // Only review files: no batch run.
          reviewsOk = (await import('./ingest-reviews.js')).ingestReviewFiles(db, opts.reviews ?? []);
          return void (process.exitCode = reviewsOk ? 0 : 1);
        }
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
        bar?.stop();
        // Decisions of --reviews files, and those carried to re-parsed reports (every run).
        reviewsOk = (await import('./ingest-reviews.js')).ingestReviewFiles(db, opts.reviews ?? []);
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
      if (summary.failed > 0 || summary.storeError || !reviewsOk) process.exitCode = 1;
    });
}
