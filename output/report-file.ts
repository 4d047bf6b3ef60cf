/**
 * Reading a report from either kind of file the tools accept: a report JSON (as `parse` or `ingest`
 * wrote it, checked with the zod `Report` schema) or a source report (parsed with `parseReport`).
 * Never throws on bad input: the result says what is wrong, naming the file.
 */
import { Report } from '../schemas/report.js';
import { parseReport, type ParseOptions } from '../pipeline/index.js';
import { diagnose } from '../pipeline/diagnostics.js';
import type { DiagnosticRecord } from '../schemas/diagnostic.js';

/**
 * A report read from a file, or why it could not be (an `invalid-json` or `invalid-report` error).
 * `warning` (`schema-mismatch`) is set when a report JSON does not match the current schema but has the
 * shape the diff needs (a report from another version). Print either with `formatDiagnostic(label, …)`.
 */
export type LoadedReport =
  | { ok: true; report: Report; from: 'json' | 'source'; warning?: DiagnosticRecord }
  | { ok: false; error: DiagnosticRecord };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isSpan = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number');
const isCell = (v: unknown) => isObject(v) && typeof v.text === 'string' && Array.isArray(v.blocks) && v.blocks.every(isObject);

/**
 * True when data has every part of a report that the tools read (goals with cells, facts, series and
 * provenance; sections; diagnostics; source), whatever else it has or lacks: a report JSON written by
 * an earlier or later version of the schema.
 */
export function hasReportShape(data: unknown): data is Report {
  if (!isObject(data) || !isObject(data.source) || typeof data.id !== 'string' || typeof data.title !== 'string') return false;
  if (typeof data.source.path !== 'string' || !Array.isArray(data.columns) || !data.columns.every(isObject)) return false;
  if (!Array.isArray(data.sections) || !data.sections.every(isObject)) return false;
  if (!Array.isArray(data.diagnostics) || !data.diagnostics.every(isObject)) return false;
  if (!Array.isArray(data.goals)) return false;
  return data.goals.every(
    (g) =>
      isObject(g) &&
      typeof g.id === 'string' &&
      typeof g.ordinal === 'number' &&
      typeof g.title === 'string' &&
      isCell(g.initiatives) &&
      isCell(g.results) &&
      Array.isArray(g.facts) &&
      g.facts.every((f) => isObject(f) && typeof f.kind === 'string' && typeof f.text === 'string' && isSpan(f.span)) &&
      Array.isArray(g.series) &&
      g.series.every((x) => isObject(x) && isSpan(x.span) && Array.isArray(x.points) && x.points.every(isObject)) &&
      isObject(g.provenance) &&
      isSpan(g.provenance.pages) &&
      isSpan(g.provenance.lines),
  );
}

/** True when the file is taken as a report JSON: a `.json` name, or content that opens with `{`. */
export function looksLikeReportJson(path: string, bytes: Uint8Array): boolean {
  if (/\.json$/i.test(path)) return true;
  for (const b of bytes) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b; // "{"
  }
  return false;
}

/**
 * Parses and validates a report JSON. With `lenient`, a JSON
 * that fails the schema but has a report's shape (`hasReportShape`) is taken as it is, with a warning.
 */
export function parseReportJson(text: string, lenient = false): LoadedReport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: diagnose('invalid-json', { detail }) };
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : '(top level)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    const detail = `${where}: ${issue?.message ?? 'invalid'}${more}`;
    if (lenient && hasReportShape(data)) return { ok: true, report: data, from: 'json', warning: diagnose('schema-mismatch', { detail }) };
    return { ok: false, error: diagnose('invalid-report', { detail, read: true }) };
  }
  return { ok: true, report: parsed.data, from: 'json' };
}

/**
 * Reads a report from a file's bytes: a report JSON is validated, anything else is parsed as a
 * source report (`path` is recorded in it, so pass a relative path, see `portablePath`); `lenient` is
 * as for `parseReportJson`.
 */
export async function loadReport(
  path: string,
  bytes: Uint8Array,
  options: ParseOptions = {},
  lenient = false,
): Promise<LoadedReport> {
  if (looksLikeReportJson(path, bytes)) return parseReportJson(new TextDecoder().decode(bytes), lenient);
  return { ok: true, report: await parseReport({ path, bytes }, options), from: 'source' };
}
