/** What the commands share: option parsers, reading input files, printing diagnostics. */
import { InvalidArgumentError } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import type { ParseOptions } from '../index.js';
import { DEFAULT_MAX_BYTES } from '../batch/limits.js';
import { readReportFileSync, readStreamSync, type ReadResult } from '../batch/read.js';
import type { ColumnRole, Report } from '../../schemas/report.js';
import { ENUM_VALUES } from '../../schemas/enum-values.js';
import type { Command } from 'commander';
import type { ReportMeta } from '../../schemas/meta.js';
import { readSidecarMeta } from '../batch/meta.js';
import { MAX_HTML_TAGS, MAX_PDF_UNPACKED_BYTES } from '../vocabulary/source-limits.js';

/**
 * Adds the limits every parse keeps to a command's help: what a hostile file is refused for
 * (`pdf-too-large-unpacked`, `html-too-many-tags`).
 */
export function addSourceLimitsHelp(command: Command): Command {
  const mb = Math.round(MAX_PDF_UNPACKED_BYTES / 1024 / 1024);
  return command.addHelpText(
    'after',
    `\nLimits: a PDF whose compressed streams unpack to more than ${mb} MB, and an HTML page of more than ` +
      `${MAX_HTML_TAGS} tags, are refused (pdf-too-large-unpacked, html-too-many-tags).`,
  );
}

/** Parses `--columns goal,initiatives,results` (checked against `ColumnRole`'s values without loading zod: `ingest` takes it too). */
export function parseColumns(value: string): ColumnRole[] {
  const roles = value.split(',').map((s) => s.trim());
  const known: readonly string[] = ENUM_VALUES.columnRole;
  for (const r of roles) {
    if (!known.includes(r)) {
      throw new InvalidArgumentError(`"${r}" is not a column role (${known.join(', ')})`);
    }
  }
  return roles as ColumnRole[];
}

/**
 * The exit status of a command whose input file cannot be read at all (missing, unreadable, not a
 * regular file, larger than `--max-bytes`): the same for `parse`, `review` and `diff`, and not `1`,
 * which says what the command found (a document that failed, two reports that differ).
 */
export const UNREADABLE_INPUT_EXIT = 2;

/** Parses a whole number of 1 or more (`--max-bytes`, `--concurrency`). */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** Parses `--format`. */
export function parseFormat(value: string): NonNullable<ParseOptions['format']> {
  if (!['auto', 'text', 'html', 'pdf'].includes(value)) throw new InvalidArgumentError('use auto, text, html or pdf');
  return value as NonNullable<ParseOptions['format']>;
}

/** Adds `--max-bytes N` (default {@link DEFAULT_MAX_BYTES}); the command reads it as `opts.maxBytes`. */
export function addMaxBytesOption(command: Command): Command {
  return command.option('--max-bytes <n>', 'refuse inputs larger than this many bytes', positiveInteger, DEFAULT_MAX_BYTES);
}

/**
 * Reads a file for the CLI: a regular file of at most `maxBytes`. Null, after printing why
 * (`path: error code: message`), when it is unreadable, not a regular file (a FIFO, `/dev/zero`) or
 * too large.
 */
export function readInput(path: string, maxBytes = DEFAULT_MAX_BYTES): Uint8Array | null {
  return bytesOrSay(path, readReportFileSync(path, maxBytes));
}

/** The bytes read, or null after printing the problem under `label`. */
function bytesOrSay(label: string, read: ReadResult): Uint8Array | null {
  if ('bytes' in read) return read.bytes;
  process.stderr.write(`${formatDiagnostic(label, read.problem)}\n`);
  return null;
}

/** Prints a report's diagnostics to stderr (info is never printed; warnings only when `quiet` is off or `strict` is on). */
export function printDiagnostics(report: Report, strict: boolean, quiet = false): void {
  for (const d of report.diagnostics) {
    if (d.severity === 'info' || (quiet && d.severity === 'warning' && !strict)) continue;
    process.stderr.write(`${formatDiagnostic(report.source.path, d)}\n`);
  }
}

/** Reads all of standard input, up to `maxBytes` (`… < /dev/zero` stops there with `too-large`). */
export function readStdin(maxBytes = DEFAULT_MAX_BYTES): Uint8Array | null {
  return bytesOrSay('-', readStreamSync(0, maxBytes));
}


/** The meta flags a command takes (see `ReportMeta`). */
export interface MetaFlags {
  title?: string;
  committee?: string;
  date?: string;
  municipality?: string;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return value;
}

/**
 * Adds the report-meta options to a command: `--title` and `--date` name one report (parse, review);
 * `--committee` and `--municipality` may name a whole batch.
 */
export function addMetaOptions(command: Command, oneReport: boolean): Command {
  if (oneReport) {
    command.option('--title <title>', "the report's title, when its body names none (an agenda item)");
    command.option('--date <YYYY-MM-DD>', 'the meeting date (also the year of dates written without one)', isoDate);
  }
  return command
    .option('--committee <name>', 'the committee the report was presented to')
    .option('--municipality <name>', 'the municipality that published it');
}

/** The meta the flags give. */
export function metaFromFlags(flags: MetaFlags): ReportMeta {
  const meta: ReportMeta = {};
  if (flags.title) meta.title = flags.title;
  if (flags.committee) meta.committee = flags.committee;
  if (flags.date) meta.meetingDate = flags.date;
  if (flags.municipality) meta.municipality = flags.municipality;
  return meta;
}

/**
 * The meta of one report file: its sidecar `<file>.meta.json`, with the flags given on the command
 * line over it. Null, after printing why, when the sidecar is invalid.
 */
export async function metaOfFile(file: string, flags: MetaFlags): Promise<ReportMeta | null> {
  const sidecar = await readSidecarMeta(file);
  if (sidecar.problem) {
    process.stderr.write(`${formatDiagnostic(file, sidecar.problem)}\n`);
    return null;
  }
  return { ...sidecar.meta, ...metaFromFlags(flags) };
}

/**
 * The `--db` default of the commands that read or write a store: `DATABASE_URL` when it names a
 * PostgreSQL database (`postgres://…`), else the SQLite file `out/reports.sqlite`. A `DATABASE_URL`
 * of another kind (another program's setting) is left alone.
 */
export function defaultDbTarget(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  return url && /^postgres(?:ql)?:\/\//i.test(url) ? url : 'out/reports.sqlite';
}
