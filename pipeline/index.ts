/**
 * status-ingest's library API. `parseReport` is the whole chain, one pure stage after another:
 *
 *   bytes → decode → raw document (per format: head + item tables)
 *         → per table: columns → row widths → classify → stitch → goal records
 *         → facts per goal (with the table's columns) → validated report
 *
 * Stages never throw on bad input: they return diagnostics, collected here and stored on the report.
 * What to do about them (lenient vs `--strict`) is decided at the boundary, by the caller.
 */
import { sha256Hex } from './report-id.js';
import { Report, SCHEMA_VERSION, type ColumnRole, type Goal, type Section, type Table } from '../schemas/report.js';
import type { DiagnosticRecord } from '../schemas/diagnostic.js';
import type { ReportMeta } from '../schemas/meta.js';
import { decodeSource } from './stages/decode.js';
import { diagnose, staged, type Staged } from './diagnostics.js';
import { readTextDocument } from './formats/text.js';
import { resolveColumns } from './stages/columns.js';
import { limitTableWidth, normaliseRowWidths } from './stages/rows.js';
import { classifyRows } from './stages/classify.js';
import { stitchContinuationRows } from './stages/stitch.js';
import { buildGoalRecords } from './stages/goals.js';
import { attachFacts, FactBudget, type FactContext, type GoalWithoutFacts } from './stages/facts.js';
import { reportMuchSmaller } from './stages/coverage.js';
import { attachBoxes } from './stages/boxes.js';
import { committeeOf, periodOf } from './stages/head.js';
import { sniffFormat, type InputFormat } from './formats/sniff.js';
import { CellParser } from './cells/cell-parser.js';
import type { PlacedRun, RawTable } from './types.js';
import type { SizedDocument } from './formats/source-size.js';

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
  /** Column roles in table order, replacing what the header wording says (for every table). */
  columns?: ColumnRole[];
  /** What the caller knows about the report that its body may not say (`--title`, a `.meta.json`). */
  meta?: ReportMeta;
}

export type { ReportMeta } from '../schemas/meta.js';

export { PIPELINE_VERSION } from './version.js';

export { sha256Hex } from './report-id.js';

/**
 * Parses one report. Never throws on bad input: an unreadable file gives a report with no goals and
 * an error diagnostic naming the place.
 */
export async function parseReport(input: SourceInput, options: ParseOptions = {}): Promise<Report> {
  return (await parseValidatedReport(input, options)).report;
}

/**
 * A parsed report and zod's validated copy of it, from the one validation a parse runs: the copy
 * holds only the schema's fields in the schema's key order, so canonical JSON is its plain
 * serialisation (`validatedReportJson` in `output/json.ts`) and need not validate the report again.
 */
export interface ValidatedReport {
  report: Report;
  validated: Report;
}

/** The stages of a parse, by the names a `StageClock` is told. */
export type ParseStage = 'decode' | 'format read' | 'columns' | 'rows' | 'classify' | 'stitch' | 'goals' | 'facts' | 'boxes' | 'validation';

/**
 * Runs one stage of a parse (`run`) and gives its result: a clock may time it, as the benchmark's
 * per-stage figures do (`bench/stages.ts`), on the chain itself rather than on a copy of it.
 */
export type StageClock = <T>(stage: ParseStage, run: () => T) => T;

/** The clock of an ordinary parse: each stage just runs. */
const UNTIMED: StageClock = (_stage, run) => run();

/** `parseReport`, with the validated copy the parse made (see `ValidatedReport`); `clock` runs each stage. */
export async function parseValidatedReport(input: SourceInput, options: ParseOptions = {}, clock: StageClock = UNTIMED): Promise<ValidatedReport> {
  const format = !options.format || options.format === 'auto' ? sniffFormat(input.bytes) : options.format;
  const diagnostics: DiagnosticRecord[] = [];
  const take = <T>(result: Staged<T>): T => {
    // One by one: a spread of a long list into a call (`push(...list)`) overflows the stack.
    for (const d of result.diagnostics) diagnostics.push(d);
    return result.value;
  };
  const base = emptyReport(input, format);
  // Every cell is read into blocks once, for the format reader and all the table stages.
  const cells = new CellParser();
  try {
    const document = await readRawDocument(format, input.bytes, take, clock, cells);
    if (!document) return finish({ ...base, diagnostics }, clock);

    const meta = options.meta ?? {};
    const title = meta.title ?? document.title?.text ?? '';
    if (title === '') diagnostics.push(diagnose('no-title', undefined, { page: 1, line: 1 }));
    const period = periodOf(title);
    const meetingDate = meta.meetingDate ?? null;
    const context: FactContext = { referenceYear: referenceYearOf(meetingDate, period) };

    const tables: Table[] = [];
    const sections: Section[] = [];
    const goals: Goal[] = [];
    const budget = new FactBudget();
    document.tables.forEach((raw, i) => {
      const place = { ordinal: i + 1, goalsBefore: goals.length, sectionsBefore: sections.length };
      const read = take(readTable(raw, place, base.id, options.columns, clock, cells));
      tables.push(read.table);
      for (const section of read.sections) sections.push(section);
      read.goals.forEach((goal, k) => {
        const { goal: facts, truncated } = clock('facts', () => attachFacts(goal, read.table.columns, context, budget));
        // PDF rows carry their text runs: the cells and facts get boxes on the page.
        const runs = read.runs[k];
        const withFacts = runs ? clock('boxes', () => attachBoxes(facts, runs)) : facts;
        if (truncated > 0) {
          diagnostics.push(diagnose('too-many-facts', { texts: truncated }, { page: goal.provenance.pages[0], line: goal.provenance.lines[0] }));
        }
        goals.push(withFacts);
      });
    });
    if (budget.dropped > 0) diagnostics.push(diagnose('too-many-facts', { dropped: budget.dropped, limit: budget.limit }, budget.firstDrop ?? undefined));
    if (goals.length === 0) {
      const first = document.tables[0];
      diagnostics.push(diagnose('no-goals', undefined, { line: first?.headerLine ?? document.title?.line, page: 1 }));
    }

    const smaller = reportMuchSmaller({ title, intro: document.intro, tables, sections, goals }, document.sourceChars);
    if (smaller) diagnostics.push(smaller);
    return finish({
      ...base,
      source: { ...base.source, pages: document.pages },
      title,
      intro: document.intro,
      // Only the title names the committee: prose around the table lists recipients and others.
      committee: meta.committee ?? committeeOf(title),
      meetingDate,
      municipality: meta.municipality ?? null,
      period,
      tables,
      sections,
      goals,
      diagnostics,
    }, clock);
  } catch (error) {
    // A bug must not take the batch down: it becomes a diagnostic on this file only.
    const detail = error instanceof Error ? error.message : String(error);
    return finish({ ...base, diagnostics: [...diagnostics, diagnose('internal-error', { detail })] }, clock);
  }
}

/**
 * One table through the table stages: columns (roles, units), row widths, classify, stitch, goal
 * records. Facts come after, per goal, with the table's columns.
 */
function readTable(
  source: RawTable,
  place: { ordinal: number; goalsBefore: number; sectionsBefore: number },
  reportId: string,
  override: ColumnRole[] | undefined,
  clock: StageClock,
  cells: CellParser,
): Staged<{ table: Table; sections: Section[]; goals: GoalWithoutFacts[]; runs: (PlacedRun[][] | null)[] }> {
  const diagnostics: DiagnosticRecord[] = [];
  const take = <T>(result: Staged<T>): T => {
    // One by one: a spread of a long list into a call (`push(...list)`) overflows the stack.
    for (const d of result.diagnostics) diagnostics.push(d);
    return result.value;
  };
  const raw = take(clock('rows', () => limitTableWidth(source)));
  // The header fixes the width; surplus cells in a row are the row's problem (see normaliseRowWidths).
  const width = raw.header ? raw.header.length : raw.rows.reduce((w, r) => Math.max(w, r.cells.length), 1);
  const position = { line: raw.headerLine, page: raw.rows[0]?.page ?? 1 };
  const caption = raw.caption?.text ?? null;
  const columns = take(clock('columns', () => resolveColumns({ header: raw.header, rows: raw.rows, caption, context: raw.context }, width, { override, ...position }, cells)));
  const rows = take(clock('rows', () => normaliseRowWidths(raw.rows, width)));
  const goalColumn = Math.max(0, columns.findIndex((c) => c.role === 'goal'));
  const classified = take(clock('classify', () => classifyRows(rows, goalColumn, cells)));
  const stitched = take(clock('stitch', () => stitchContinuationRows(classified, cells)));
  const records = take(
    clock('goals', () => buildGoalRecords(stitched, columns, reportId, { table: place.ordinal, goalsBefore: place.goalsBefore, sectionsBefore: place.sectionsBefore }, cells)),
  );
  const first = raw.rows[0];
  const last = raw.rows[raw.rows.length - 1];
  const provenance = {
    pages: [raw.caption?.page ?? first?.page ?? 1, last?.page ?? first?.page ?? 1] as [number, number],
    lines: [raw.caption?.line ?? raw.headerLine ?? first?.line ?? 1, last?.endLine ?? raw.headerLine ?? 1] as [number, number],
  };
  return staged({ table: { ordinal: place.ordinal, caption, columns, provenance }, ...records }, diagnostics);
}

/**
 * The year a date written without one belongs to: the meeting's, else the report period's when it
 * is a single year; null (the year stays open) otherwise.
 */
function referenceYearOf(meetingDate: string | null, period: { start: string; end: string } | null): number | null {
  if (meetingDate) return Number(meetingDate.slice(0, 4));
  if (period && period.start.slice(0, 4) === period.end.slice(0, 4)) return Number(period.start.slice(0, 4));
  return null;
}

/** Reads the format-specific raw document; null (with an error diagnostic) when there is none. */
async function readRawDocument(
  format: InputFormat,
  bytes: Uint8Array,
  take: <T>(r: Staged<T>) => T,
  clock: StageClock,
  cells: CellParser,
): Promise<SizedDocument | null> {
  if (format === 'text') {
    const text = take(clock('decode', () => decodeSource(bytes)));
    return text === null ? null : take(clock('format read', () => readTextDocument(text)));
  }
  if (format === 'html') {
    const text = take(clock('decode', () => decodeSource(bytes)));
    // The HTML reader (parse5 through rehype-parse) is loaded on the first HTML document, so that text
    // reports start without it.
    const { readHtmlDocument } = await import('./formats/html.js');
    return text === null ? null : take(clock('format read', () => readHtmlDocument(text, undefined, cells)));
  }
  // pdfjs is large: formats/pdf.ts loads it on the first PDF, and is itself loaded then (with its
  // layout modules), so text and HTML start fast.
  if (format === 'pdf') {
    const { readPdfDocument } = await import('./formats/pdf.js');
    return take(await clock('format read', () => readPdfDocument(bytes)));
  }
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
    meetingDate: null,
    municipality: null,
    period: null,
    tables: [],
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
function finish(report: Report, clock: StageClock): ValidatedReport {
  const parsed = clock('validation', () => Report.safeParse(report));
  if (parsed.success) return { report, validated: parsed.data };
  const issue = parsed.error.issues[0];
  const detail = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown';
  const fallback = { ...report, goals: [], sections: [], diagnostics: [...report.diagnostics, diagnose('invalid-report', { detail })] };
  const validated = Report.parse(fallback);
  return { report: validated, validated };
}
