/**
 * status-ingest's library API. `parseReport` is the whole chain, one pure stage after another:
 *
 *   bytes → decode → raw table (per format) → columns → row widths → classify → stitch
 *         → goal records → facts → validated report
 *
 * Stages never throw on bad input: they return diagnostics, collected here and stored on the report.
 * What to do about them (lenient vs `--strict`) is decided at the boundary, by the caller.
 */
import { createHash } from 'node:crypto';
import { Report, SCHEMA_VERSION, type ColumnRole } from '../schemas/report.js';
import type { DiagnosticRecord } from '../schemas/diagnostic.js';
import { decodeSource } from './stages/decode.js';
import { diagnose, type Staged } from './diagnostics.js';
import { readTextTable } from './formats/text.js';
import { readHtmlTable } from './formats/html.js';
import { readPdfTable } from './formats/pdf.js';
import { resolveColumns } from './stages/columns.js';
import { normaliseRowWidths } from './stages/rows.js';
import { classifyRows } from './stages/classify.js';
import { stitchContinuationRows } from './stages/stitch.js';
import { buildGoalRecords } from './stages/goals.js';
import { attachFacts } from './stages/facts.js';
import { committeeOf, periodOf } from './stages/head.js';
import { sniffFormat, type InputFormat } from './formats/sniff.js';
import type { RawTable } from './types.js';

export { sniffFormat, type InputFormat } from './formats/sniff.js';
export { hasFailures, formatDiagnostic } from './diagnostics.js';

/**
 * What `parseReport` reads: the path to record in the report, exactly as it should appear in canonical
 * JSON (pass a relative one: `portablePath` in `pipeline/batch/paths.ts`), and the file's bytes.
 */
export interface SourceInput {
  path: string;
  bytes: Uint8Array;
}

/** Options of `parseReport`. */
export interface ParseOptions {
  /** Input format; `auto` (the default) sniffs the content. */
  format?: InputFormat | 'auto';
  /** Column roles in table order, replacing what the header wording says. */
  columns?: ColumnRole[];
}

export { PIPELINE_VERSION } from './version.js';

/** sha256 hex of bytes: the report id. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Parses one report. Never throws on bad input: an unreadable file gives a report with no goals and
 * an error diagnostic naming the place.
 */
export async function parseReport(input: SourceInput, options: ParseOptions = {}): Promise<Report> {
  const format = !options.format || options.format === 'auto' ? sniffFormat(input.bytes) : options.format;
  const diagnostics: DiagnosticRecord[] = [];
  const take = <T>(result: Staged<T>): T => {
    diagnostics.push(...result.diagnostics);
    return result.value;
  };
  const base = emptyReport(input, format);
  try {
    const table = await readRawTable(format, input.bytes, take);
    if (!table) return finish({ ...base, diagnostics });

    // The header fixes the width; surplus cells in a row are the row's problem (see normaliseRowWidths).
    const width = table.header ? table.header.length : table.rows.reduce((w, r) => Math.max(w, r.cells.length), 1);
    const position = { line: table.headerLine, page: table.rows[0]?.page ?? 1 };
    const columns = take(resolveColumns(table.header, width, { override: options.columns, ...position }));
    const rows = take(normaliseRowWidths(table.rows, width));
    const goalColumn = Math.max(0, columns.findIndex((c) => c.role === 'goal'));
    const classified = take(classifyRows(rows, goalColumn));
    const stitched = take(stitchContinuationRows(classified));
    const { sections, goals } = take(buildGoalRecords(stitched, columns, base.id));
    if (goals.length === 0) diagnostics.push(diagnose('no-goals', undefined, { line: table.headerLine ?? table.title?.line, page: 1 }));

    const title = table.title?.text ?? '';
    return finish({
      ...base,
      source: { ...base.source, pages: table.pages },
      title,
      intro: table.intro,
      // Only the title names the committee: prose around the table lists recipients and others.
      committee: committeeOf(title),
      period: periodOf(title),
      columns,
      sections,
      goals: goals.map(attachFacts),
      diagnostics,
    });
  } catch (error) {
    // A bug must not take the batch down: it becomes a diagnostic on this file only.
    const detail = error instanceof Error ? error.message : String(error);
    return finish({ ...base, diagnostics: [...diagnostics, diagnose('internal-error', { detail })] });
  }
}

/** Reads the format-specific raw table; null (with an error diagnostic) when there is none. */
async function readRawTable(
  format: InputFormat,
  bytes: Uint8Array,
  take: <T>(r: Staged<T>) => T,
): Promise<RawTable | null> {
  if (format === 'text') {
    const text = take(decodeSource(bytes));
    return text === null ? null : take(readTextTable(text));
  }
  if (format === 'html') {
    const text = take(decodeSource(bytes));
    return text === null ? null : take(readHtmlTable(text));
  }
  // pdfjs is large: formats/pdf.ts loads it on the first PDF, so text and HTML start fast.
  if (format === 'pdf') return take(await readPdfTable(bytes));
  take({ value: null, diagnostics: [diagnose('unsupported-format', { format })] });
  return null;
}

function emptyReport(input: SourceInput, format: InputFormat): Report {
  const id = sha256Hex(input.bytes);
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    // Recorded as given: the caller decides what path a report names (the CLI and batch pass one
    // relative to the working directory, see `portablePath`), so parsing never reads process state.
    source: { path: input.path, sha256: id, format, bytes: input.bytes.length, pages: 0 },
    title: '',
    intro: '',
    committee: null,
    period: null,
    columns: [],
    sections: [],
    goals: [],
    diagnostics: [],
  };
}

/**
 * Validates the assembled report against the schema; a failure is a bug, reported as a diagnostic.
 * The report itself is returned, not zod's copy: its diagnostics keep their `params` in memory (for
 * tools and tests), while canonical JSON, which parses again, holds only the schema's fields.
 */
function finish(report: Report): Report {
  const parsed = Report.safeParse(report);
  if (parsed.success) return report;
  const issue = parsed.error.issues[0];
  const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown';
  const fallback = { ...report, goals: [], sections: [], diagnostics: [...report.diagnostics, diagnose('invalid-report', { detail })] };
  return Report.parse(fallback);
}
