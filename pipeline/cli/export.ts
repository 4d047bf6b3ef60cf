import { once } from 'node:events';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExportFormat, ExportTable, ExportValueError } from '../../output/export.js';
import { writeChunksAtomic } from '../../output/files.js';
import { exportChunks } from '../../output/sqlite/export.js';
import { databaseError, isDatabaseFailure } from '../../output/sqlite/open.js';
import { openSearchDatabase } from '../../output/sqlite/search.js';
import { escapeForTerminal, quoteForTerminal } from '../diagnostics.js';

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
async function toStdout(chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
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
  db: string;
  table: ExportTable;
  format: ExportFormat;
  out?: string;
  excel: boolean;
}

/**
 * `export --db FILE --table goals|facts [--format csv|ndjson] [--out FILE] [--excel]`: a table of the
 * database in a stable column and row order (`output/export.ts`), UTF-8, to standard output or
 * (atomically) to a file. Exit 0 when written, 1 when the output file cannot be written, 2 on
 * usage errors or a database that cannot be read (missing, damaged, of another schema version), named.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the goals or facts table as CSV or NDJSON, columns and rows in a stable order')
    .requiredOption('--table <table>', `the table to export (${ExportTable.options.join(' or ')})`, parseTable)
    .option('--db <file>', 'SQLite database written by ingest', 'out/reports.sqlite')
    .option('--format <format>', `${ExportFormat.options.join(' or ')}`, parseExportFormat, 'csv' as ExportFormat)
    .option('--out <file>', 'write to this file (replaced whole, never half-written) instead of standard output')
    .option('--excel', 'for spreadsheets (CSV): a byte-order mark, and text that would read as a formula prefixed with \'', false)
    .action(async (opts: ExportFlags) => {
      const options = { excel: opts.excel };
      if (opts.out !== undefined && isDatabaseFile(opts.out, opts.db)) {
        process.stderr.write(`status-ingest: error: --out ${quoteForTerminal(opts.out)} is the database itself; name another file\n`);
        return void (process.exitCode = 2);
      }
      let writing = false;
      try {
        const db = openSearchDatabase(opts.db);
        try {
          const chunks = exportChunks(db, opts.table, opts.format, options);
          if (opts.out === undefined) await toStdout(chunks);
          else {
            writing = true;
            writeChunksAtomic(opts.out, chunks);
          }
        } finally {
          db.close();
        }
      } catch (error) {
        if (isDatabaseFailure(error) || error instanceof ExportValueError) {
          const failure = error instanceof ExportValueError ? error : databaseError(opts.db, error);
          process.stderr.write(`status-ingest: error: ${escapeForTerminal(failure.message)}\n`);
          return void (process.exitCode = 2);
        }
        if (writing && opts.out !== undefined) {
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`status-ingest: error: cannot write ${quoteForTerminal(opts.out)}: ${escapeForTerminal(message)}\n`);
          return void (process.exitCode = 1);
        }
        throw error;
      }
    });
}
