import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { diagnose, escapeForTerminal, formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import type { ParseOptions } from '../index.js';
import { PIPELINE_VERSION } from '../version.js';
import type { FileEvent } from '../batch/ingest.js';
import { isPostgresTarget } from '../../output/store.js';
import { WORKER_MEMORY_MB, workerCount } from '../batch/limits.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMaxBytesOption, addMetaOptions, addSourceLimitsHelp, defaultDbTarget, metaFromFlags, parseColumns, parseFormat, positiveInteger, type MetaFlags } from './shared.js';


interface IngestCommandOptions extends MetaFlags {
  db?: string;
  jsonDir?: string;
  format: ParseOptions['format'];
  columns?: ColumnRole[];
  strict: boolean;
  force: boolean;
  concurrency?: number;
  maxBytes: number;
  followSymlinks: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  reviews?: string[];
}

/** The exit status of a run stopped by SIGINT or SIGTERM (128 + SIGINT's number, as shells report it). */
const STOPPED_EXIT_CODE = 130;

/** Prints what went wrong with a file: its error (and with --strict or --verbose its warnings) with file and place. */
function printFailure(event: Extract<FileEvent, { outcome: 'failed' }>, warnings: boolean): void {
  const shown = event.diagnostics.filter((d) => d.severity === 'error' || (warnings && d.severity === 'warning'));
  for (const d of shown.length ? shown : [event.problem]) process.stderr.write(`${formatDiagnostic(event.path, d)}\n`);
}

/** `--verbose`: one line per file saying what happened to it (a failure's diagnostics are printed as always). */
function printOutcome(event: FileEvent): void {
  const path = quoteForTerminal(event.path);
  if (event.outcome === 'ingested') {
    process.stderr.write(`ingested ${path}: ${event.report.goals} goals, ${event.report.facts} facts\n`);
    for (const d of event.report.warnings) process.stderr.write(`${formatDiagnostic(event.path, d)}\n`);
  } else if (event.outcome === 'skipped') {
    process.stderr.write(`skipped ${path}: ${event.reason === 'unchanged' ? 'unchanged since it was ingested' : 'still quarantined, unchanged'}\n`);
  } else {
    process.stderr.write(`failed ${path}: ${event.problem.code}\n`);
  }
}

/**
 * Stops the run on SIGINT or SIGTERM: the first signal aborts `controller` (the files in hand are
 * finished, the summary printed and the run recorded); a second one exits at once. Returns whether a
 * signal came, and a function that removes the handlers.
 */
function stopOnSignals(controller: AbortController, quiet: boolean): { signalled: () => boolean; remove: () => void } {
  let signalled = false;
  const onSignal = () => {
    if (signalled) process.exit(STOPPED_EXIT_CODE);
    signalled = true;
    controller.abort();
    if (!quiet) process.stderr.write('status-ingest: stopping: finishing the files in hand (a second signal quits at once)\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signalled: () => signalled,
    remove: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** `ingest PATH...`: reports (files, folders, globs) into SQLite and one JSON file each. */
export function registerIngestCommand(program: Command): void {
  const command = program
    .command('ingest')
    .description('parse reports (files, folders walked recursively, or globs) into SQLite and one JSON file per report')
    .argument('[paths...]', 'report files, folders or glob patterns ("reports/**/*.txt")')
    .option('--db <file|url>', 'SQLite database file, or postgres://… URL, to write (default: $DATABASE_URL when it is one, else out/reports.sqlite)')
    .option('--json-dir <dir>', 'folder for one canonical JSON file per report')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order', parseColumns)
    .option(
      '--concurrency <n>',
      `parallel parses (worker threads); default and most: the number of cores (fewer when memory holds fewer workers of ${WORKER_MEMORY_MB} MB)`,
      positiveInteger,
    )
    .option('--force', 're-ingest files already ingested by this version', false)
    .option('--strict', 'treat warnings as failures', false)
    .option('--follow-symlinks', 'follow symbolic links out of the folders given (default: reported, not followed)', false)
    .option('--json', 'print a machine-readable summary on stdout', false)
    .addOption(new Option('--quiet', 'print only errors and the final summary (no progress line, no warnings)').default(false).conflicts('verbose'))
    .option('--verbose', "print each file's outcome (and the warnings of every file)", false)
    // Review decisions (issue 15): stored after the reports; see ingest-reviews.ts.
    .option('--reviews <files...>', 'exported .review.json files: their decisions go to the reviews table (give them after the paths)');
  addMaxBytesOption(command);
  addSourceLimitsHelp(command);
  addMetaOptions(command, false).action(async (paths: string[], opts: IngestCommandOptions) => {
      if (paths.length === 0 && !opts.reviews?.length) command.error('error: missing report paths (or --reviews FILE…)', { exitCode: 2, code: 'commander.missingArgument' });
      // A database in a folder that is not there is a typo more often than a wish: refused, not created.
      // (The default, out/reports.sqlite, makes its folder; `npm start`, which names it, makes out/ first.)
      const dbGiven = opts.db !== undefined;
      // Resolved here, not as commander's default, so that --help never prints a DATABASE_URL's password.
      opts.db ??= defaultDbTarget();
      const postgres = isPostgresTarget(opts.db);
      if (dbGiven && !postgres && opts.db !== ':memory:' && !existsSync(dirname(resolve(opts.db)))) {
        const problem = diagnose('missing-folder', { option: '--db', folder: dirname(opts.db) });
        process.stderr.write(`${formatDiagnostic(opts.db, problem)}\n`);
        return void (process.exitCode = 2);
      }
      // Loaded here, not at start-up, so that the other commands start fast.
      const [{ ingestSources }, { DatabaseCorruptError, databaseError, isDatabaseFailure }, { openStore }, { redactUrl }] = await Promise.all([
        import('../batch/ingest.js'),
        import('../../output/sqlite/open.js'),
        import('../../output/open-store.js'),
        import('../../output/store.js'),
      ]);
      const printDatabaseError = (error: unknown) =>
        process.stderr.write(`status-ingest: error: ${escapeForTerminal(databaseError(redactUrl(opts.db!), error).message)}\n`);
      let db;
      try {
        db = await openStore(opts.db!, PIPELINE_VERSION);
      } catch (error) {
        // Missing folder rights, a damaged file, another schema version: nothing was done (exit 2).
        printDatabaseError(error);
        return void (process.exitCode = 2);
      }
      // More workers than cores (or than memory holds) only cost memory: say when fewer run than asked.
      const workers = workerCount(opts.concurrency);
      if (workers.lowered && !opts.quiet) {
        const { cores, byMemory } = workers.lowered;
        process.stderr.write(
          `status-ingest: notice: --concurrency ${workers.requested} lowered to ${workers.workers} (${cores} cores; memory for ${byMemory} workers of ${WORKER_MEMORY_MB} MB)\n`,
        );
      }
      // A progress line only for a person watching: never in logs or pipes, nor with --quiet, nor
      // between --verbose's lines.
      // (Its module, and cli-progress with it, is loaded only then.)
      const bar = process.stderr.isTTY && !opts.quiet && !opts.verbose ? new (await import('./progress.js')).IngestProgress(paths, { followSymlinks: opts.followSymlinks }) : null;
      const counts = { ingested: 0, skipped: 0, failed: 0 };
      const stop = new AbortController();
      const signals = stopOnSignals(stop, opts.quiet);
      let summary;
      let reviewsOk = true;
      try {
        if (paths.length === 0) {
          // Only review files: no batch run.
          reviewsOk = await (await import('./ingest-reviews.js')).ingestReviewFiles(db, opts.reviews ?? []);
          return void (process.exitCode = reviewsOk ? 0 : 1);
        }
        summary = await ingestSources({
          paths,
          store: db,
          pipelineVersion: PIPELINE_VERSION,
          jsonDir: opts.jsonDir,
          concurrency: opts.concurrency,
          force: opts.force,
          strict: opts.strict,
          maxBytes: opts.maxBytes,
          followSymlinks: opts.followSymlinks,
          parse: { format: opts.format, columns: opts.columns, meta: metaFromFlags(opts) },
          signal: stop.signal,
          onFile: (event) => {
            counts[event.outcome]++;
            if (opts.verbose) printOutcome(event);
            if (event.outcome === 'failed') printFailure(event, opts.strict || opts.verbose);
            bar?.update(counts);
          },
        });
        bar?.stop();
        // Decisions of --reviews files, and those carried to re-parsed reports (every run).
        reviewsOk = await (await import('./ingest-reviews.js')).ingestReviewFiles(db, opts.reviews ?? []);
      } catch (error) {
        // The store failed outside any one file (the run could not even be recorded as started), or
        // its check before the first write found it damaged: refused as at open (exit 2).
        if (!isDatabaseFailure(error)) throw error;
        bar?.stop();
        printDatabaseError(error);
        return void (process.exitCode = error instanceof DatabaseCorruptError ? 2 : 1);
      } finally {
        bar?.stop();
        signals.remove();
        await db.close();
      }
      const usage = process.resourceUsage();
      const peakRssMb = Math.round(usage.maxRSS / 1024);
      const stopped = summary.stopped ? 'stopped by a signal: ' : '';
      const quarantined = summary.stillQuarantined ? ` (${summary.stillQuarantined} still quarantined, unchanged)` : '';
      const unwritten = summary.unwritten ? ` (${summary.unwritten} not written, tried again by the next run)` : '';
      if (summary.storeError) process.stderr.write(`status-ingest: error: ${escapeForTerminal(summary.storeError)}\n`);
      process.stderr.write(
        `${stopped}ingested ${summary.ingested}, skipped ${summary.skipped}${quarantined}, failed ${summary.failed}${unwritten} in ${summary.seconds.toFixed(2)} s → ${quoteForTerminal(db.name)}\n`,
      );
      if (opts.json) {
        // Seconds to the millisecond: no float noise in a machine-readable summary.
        const ms = (seconds: number) => Number(seconds.toFixed(3));
        const time = Object.fromEntries(Object.entries(summary.time).map(([part, seconds]) => [part, ms(seconds)]));
        // The process's CPU, all its threads (workers, writer, V8's own): set against `seconds`, how
        // busy the run kept the cores (a batch here is bound by its CPU, not by waiting).
        const cpu = { user: ms(usage.userCPUTime / 1e6), system: ms(usage.systemCPUTime / 1e6) };
        process.stdout.write(`${JSON.stringify({ ...summary, seconds: ms(summary.seconds), time, cpu, peakRssMb, db: db.name })}\n`);
      }
      if (summary.failed > 0 || summary.storeError || !reviewsOk) process.exitCode = 1;
      // Stopped by a signal: what landed is recorded, the rest waits for the next run.
      if (signals.signalled()) process.exitCode = STOPPED_EXIT_CODE;
    });
}
