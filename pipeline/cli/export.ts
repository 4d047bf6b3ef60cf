import { once } from 'node:events';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExportFormat, ExportTable, ExportValueError } from '../../output/export.js';
import { writeChunksAtomicAsync } from '../../output/files.js';
import { exportChunks } from '../../output/sqlite/export.js';
import { databaseError, isDatabaseFailure } from '../../output/sqlite/open.js';
import { openSearchDatabase } from '../../output/sqlite/search.js';
import { isPostgresTarget, redactUrl } from '../../output/store.js';
import { escapeForTerminal, quoteForTerminal } from '../diagnostics.js';
import { PIPELINE_VERSION } from '../version.js';
import { defaultDbTarget } from './shared.js';

function parseTable(value: string): ExportTable {
  const parsed = ExportTable.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`use ${ExportTable.options.join(' or ')}`);
  return parsed.data;
}

function parseExportFormat(value: string): ExportFormat {
  const parsed = ExportFormat.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`use ${ExportFormat.options.join(' or ')}`);
  return parsed.data;
}

/** Writes the pieces to standard output, waiting whenever the reader is behind, so memory stays flat. */
async function toStdout(chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
}

/** True when `out` names the database file itself (by path, or as the same file under another name). */
function isDatabaseFile(out: string, db: string): boolean {
  if (resolve(out) === resolve(db)) return true;
  const stat = (path: string) => {
    try {
      return statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined; // not there to be overwritten (a path through a file), or not ours to see
    }
  };
  const a = stat(out);
  const b = stat(db);
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

interface ExportFlags {
  db?: string;
  table: ExportTable;
  format: ExportFormat;
  out?: string;
  excel: boolean;
}

/**
 * A PostgreSQL store's table as export text (`output/postgres/export.ts`), the store opened to read
 * only (its schema checked, never created or migrated) and closed when the text ends or is left.
 */
async function* postgresChunks(url: string, flags: ExportFlags, options: { excel: boolean }): AsyncGenerator<string> {
  const [{ openPostgresStore }, { exportChunksPg }] = await Promise.all([import('../../output/postgres/open.js'), import('../../output/postgres/export.js')]);
  const store = await openPostgresStore(url, { pipelineVersion: PIPELINE_VERSION, connections: 1, migrate: false });
  try {
    yield* exportChunksPg(store, flags.table, flags.format, options);
  } finally {
    await store.close();
  }
}

/**
 * `export --db FILE|URL --table goals|facts [--format csv|ndjson] [--out FILE] [--excel]`: a table of
 * the database (a SQLite file or a PostgreSQL URL: the same bytes for the same reports) in a stable
 * column and row order (`output/export.ts`), UTF-8, to standard output or (atomically) to a file.
 * Exit 0 when written, 1 when the output file cannot be written, 2 on usage errors or a database
 * that cannot be read (missing, damaged, of another schema version), named.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the goals or facts table as CSV or NDJSON, columns and rows in a stable order')
    .requiredOption('--table <table>', `the table to export (${ExportTable.options.join(' or ')})`, parseTable)
    .option('--db <file|url>', 'SQLite database file, or postgres://… URL, written by ingest (default: $DATABASE_URL when it is one, else out/reports.sqlite)')
    .option('--format <format>', `${ExportFormat.options.join(' or ')}`, parseExportFormat, 'csv' as ExportFormat)
    .option('--out <file>', 'write to this file (replaced whole, never half-written) instead of standard output')
    .option('--excel', 'for spreadsheets (CSV): a byte-order mark, and text that would read as a formula prefixed with \'', false)
    .action(async (opts: ExportFlags) => {
      const options = { excel: opts.excel };
      // Resolved here, not as commander's default, so that --help never prints a DATABASE_URL's password.
      const target = opts.db ?? defaultDbTarget();
      const postgres = isPostgresTarget(target);
      // Messages name the store without a password.
      const name = postgres ? redactUrl(target) : target;
      if (!postgres && opts.out !== undefined && isDatabaseFile(opts.out, target)) {
        process.stderr.write(`status-ingest: error: --out ${quoteForTerminal(opts.out)} is the database itself; name another file\n`);
        return void (process.exitCode = 2);
      }
      let writing = false;
      let close = () => {};
      try {
        let chunks: Iterable<string> | AsyncIterable<string>;
        if (postgres) chunks = postgresChunks(target, opts, options);
        else {
          const db = openSearchDatabase(target);
          close = () => db.close();
          chunks = exportChunks(db, opts.table, opts.format, options);
        }
        if (opts.out === undefined) await toStdout(chunks);
        else {
          writing = true;
          await writeChunksAtomicAsync(opts.out, chunks);
        }
      } catch (error) {
        if (isDatabaseFailure(error) || error instanceof ExportValueError) {
          const failure = error instanceof ExportValueError ? error : databaseError(name, error);
          process.stderr.write(`status-ingest: error: ${escapeForTerminal(failure.message)}\n`);
          return void (process.exitCode = 2);
        }
        if (writing && opts.out !== undefined) {
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`status-ingest: error: cannot write ${quoteForTerminal(opts.out)}: ${escapeForTerminal(message)}\n`);
          return void (process.exitCode = 1);
        }
        throw error;
      } finally {
        close();
      }
    });
}
