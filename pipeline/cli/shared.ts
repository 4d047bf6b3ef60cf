/** What the commands share: option parsers, reading input files, printing diagnostics. */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { formatDiagnostic, type ParseOptions } from '../index.js';
import { diagnose } from '../diagnostics.js';
import { describeFsError } from '../batch/sources.js';
import { ColumnRole } from '../../schemas/report.js';
import type { Report } from '../../schemas/report.js';

/** Parses `--columns goal,initiatives,results`. */
export function parseColumns(value: string): ColumnRole[] {
  const roles = value.split(',').map((s) => s.trim());
  for (const r of roles) {
    if (!ColumnRole.safeParse(r).success) {
      throw new InvalidArgumentError(`"${r}" is not a column role (goal, initiatives, results, other)`);
    }
  }
  return roles as ColumnRole[];
}

/** Parses `--format`. */
export function parseFormat(value: string): NonNullable<ParseOptions['format']> {
  if (!['auto', 'text', 'html', 'pdf'].includes(value)) throw new InvalidArgumentError('use auto, text, html or pdf');
  return value as NonNullable<ParseOptions['format']>;
}

/** Reads a file for the CLI; an unreadable file is reported as `path: cannot read: reason`. */
export function readInput(path: string): Uint8Array | null {
  try {
    return readFileSync(path);
  } catch (error) {
    process.stderr.write(`${formatDiagnostic(path, diagnose('cannot-read', { reason: describeFsError(error) }))}\n`);
    return null;
  }
}

/** Prints a report's diagnostics to stderr (info is never printed; warnings only when `quiet` is off or `strict` is on). */
export function printDiagnostics(report: Report, strict: boolean, quiet = false): void {
  for (const d of report.diagnostics) {
    if (d.severity === 'info' || (quiet && d.severity === 'warning' && !strict)) continue;
    process.stderr.write(`${formatDiagnostic(report.source.path, d)}\n`);
  }
}

/** Reads all of standard input. */
export function readStdin(): Uint8Array | null {
  try {
    return readFileSync(0);
  } catch (error) {
    process.stderr.write(`${formatDiagnostic('-', diagnose('cannot-read', { reason: describeFsError(error) }))}\n`);
    return null;
  }
}

