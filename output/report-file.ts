/**
 * Reading a report from either kind of file the tools accept: a report JSON (as `parse` or `ingest`
 * wrote it, checked with the zod `Report` schema; one of schema version 1 is upgraded, see
 * `upgrade.ts`) or a source report (parsed with `parseReport`). Never throws on bad input: the result
 * says what is wrong, naming the file.
 */
import { Report, SCHEMA_VERSION } from '../schemas/report.js';
import { parseReport, type ParseOptions } from '../pipeline/index.js';
import { diagnose } from '../pipeline/diagnostics.js';
import { decodeSource } from '../pipeline/stages/decode.js';
import type { DiagnosticRecord } from '../schemas/diagnostic.js';
import { buildUpgradedReport, ReportV1, withGoalKeys } from './upgrade.js';

/**
 * A report read from a file, or why it could not be (an `invalid-json` or `invalid-report` error).
 * `warning` (`schema-mismatch`) is set when a report JSON does not match its schema but has the shape
 * the tools need (a report from another version), and it is taken as it is; `upgraded` (an info) when
 * a report JSON of schema version 1 was upgraded to this version. Print either with
 * `formatDiagnostic(label, …)`.
 */
export type LoadedReport =
  | { ok: true; report: Report; from: 'json' | 'source'; warning?: DiagnosticRecord; upgraded?: DiagnosticRecord }
  | { ok: false; error: DiagnosticRecord };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isSpan = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number');
const isCell = (v: unknown) => isObject(v) && typeof v.text === 'string' && Array.isArray(v.blocks) && v.blocks.every(isObject);
const isArrayOf = (v: unknown, test: (x: unknown) => boolean) => Array.isArray(v) && v.every(test);

/** The parts every report version shares: source, sections, diagnostics, goals with facts, series and provenance. */
function hasCommonShape(data: unknown, goal: (g: Record<string, unknown>) => boolean): data is Record<string, unknown> {
  if (!isObject(data) || !isObject(data.source) || typeof data.id !== 'string' || typeof data.title !== 'string') return false;
  if (typeof data.source.path !== 'string') return false;
  if (!isArrayOf(data.sections, isObject) || !isArrayOf(data.diagnostics, isObject)) return false;
  return isArrayOf(
    data.goals,
    (g) =>
      isObject(g) &&
      typeof g.id === 'string' &&
      typeof g.ordinal === 'number' &&
      typeof g.title === 'string' &&
      isArrayOf(g.facts, (f) => isObject(f) && typeof f.kind === 'string' && typeof f.text === 'string' && isSpan(f.span)) &&
      isArrayOf(g.series, (x) => isObject(x) && isSpan(x.span) && isArrayOf(x.points, isObject)) &&
      isObject(g.provenance) &&
      isSpan(g.provenance.pages) &&
      isSpan(g.provenance.lines) &&
      goal(g),
  );
}

/** True when data has the shape of a version-1 report: one `columns` list, goals with `initiatives` and `results` cells. */
export function hasReportShapeV1(data: unknown): data is ReportV1 {
  return (
    hasCommonShape(data, (g) => isCell(g.initiatives) && isCell(g.results)) &&
    isArrayOf((data as Record<string, unknown>).columns, isObject)
  );
}

/** True when data has the shape of a version-2 report: `tables` with columns, goals with `cells`. */
export function hasReportShapeV2(data: unknown): data is Report {
  return (
    hasCommonShape(data, (g) => isArrayOf(g.cells, (c) => isCell(c) && typeof (c as Record<string, unknown>).label === 'string')) &&
    isArrayOf((data as Record<string, unknown>).tables, (t) => isObject(t) && isArrayOf(t.columns, isObject))
  );
}

/**
 * True when data has every part of a report that the tools read, whatever else it has or lacks: a
 * report JSON written by an earlier or later version of the schema. Either the version-2 shape
 * (tables, goals with cells) or the version-1 shape (columns, goals with initiatives and results,
 * which `parseReportJson` upgrades).
 */
export function hasReportShape(data: unknown): data is Report | ReportV1 {
  return hasReportShapeV2(data) || hasReportShapeV1(data);
}

/**
 * Data with a report's shape as a version-2 report to compare (`hasReportShape`): as it is when it has
 * the version-2 shape, upgraded when it has the version-1 one; null otherwise. Not validated: for
 * tools that compare what a file holds (the golden tests' explanation of a mismatch).
 */
export function asComparableReport(json: unknown): Report | null {
  const data = withGoalKeys(json);
  if (hasReportShapeV2(data)) return data;
  return hasReportShapeV1(data) ? tolerantUpgrade(data) : null;
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

/** The first zod issue as `path: message (and N more)`. */
function issueDetail(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${where}: ${issue?.message ?? 'invalid'}${more}`;
}

/** The info that a report JSON of an earlier schema version was upgraded. */
function upgradeNotice(from: number): DiagnosticRecord {
  return diagnose('schema-upgraded', { from, to: SCHEMA_VERSION });
}

/** The upgrade of a version-1 shape that fails the version-1 schema, or null when even that cannot be built. */
function tolerantUpgrade(data: ReportV1): Report | null {
  try {
    return buildUpgradedReport(data);
  } catch {
    return null;
  }
}

/**
 * Parses and validates a report JSON. One of schema version 1 is upgraded to this version
 * (`upgradeReportV1`), with an `upgraded` info. With `lenient`, a JSON that fails its schema but has a
 * report's shape (`hasReportShape`) is taken as it is (a version-1 shape upgraded all the same), with a
 * `schema-mismatch` warning.
 */
export function parseReportJson(text: string, lenient = false): LoadedReport {
  let data: unknown;
  try {
    // A version-2 report from before goals had keys gets them from its ids.
    data = withGoalKeys(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: diagnose('invalid-json', { detail }) };
  }
  if (isObject(data) && data.schemaVersion === 1) {
    const v1 = ReportV1.safeParse(data);
    if (v1.success) {
      const upgraded = Report.safeParse(buildUpgradedReport(v1.data));
      if (upgraded.success) return { ok: true, report: upgraded.data, from: 'json', upgraded: upgradeNotice(1) };
      return { ok: false, error: diagnose('invalid-report', { detail: `upgraded from schema version 1: ${issueDetail(upgraded.error)}`, read: true }) };
    }
    const detail = issueDetail(v1.error);
    const report = lenient && hasReportShapeV1(data) ? tolerantUpgrade(data) : null;
    if (report) return { ok: true, report, from: 'json', warning: diagnose('schema-mismatch', { detail }), upgraded: upgradeNotice(1) };
    return { ok: false, error: diagnose('invalid-report', { detail, read: true }) };
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const detail = issueDetail(parsed.error);
    if (lenient && hasReportShapeV2(data)) return { ok: true, report: data, from: 'json', warning: diagnose('schema-mismatch', { detail }) };
    const report = lenient && hasReportShapeV1(data) ? tolerantUpgrade(data) : null;
    if (report) return { ok: true, report, from: 'json', warning: diagnose('schema-mismatch', { detail }) };
    return { ok: false, error: diagnose('invalid-report', { detail, read: true }) };
  }
  return { ok: true, report: parsed.data, from: 'json' };
}

/**
 * Reads a report from a file's bytes: a report JSON is validated (and upgraded from version 1; a
 * binary or empty one is refused with the decode stage's error), anything else is parsed as a source report (`path` is recorded in it, so pass a relative path,
 * see `portablePath`); `lenient` is as for `parseReportJson`.
 */
export async function loadReport(
  path: string,
  bytes: Uint8Array,
  options: ParseOptions = {},
  lenient = false,
): Promise<LoadedReport> {
  if (looksLikeReportJson(path, bytes)) {
    // A binary or empty file named `.json` is refused as any source would be (`binary-input`,
    // `empty-input`), not shown as JSON that does not parse.
    const refused = decodeSource(bytes).diagnostics.find((d) => d.severity === 'error');
    if (refused) return { ok: false, error: refused };
    return parseReportJson(new TextDecoder().decode(bytes), lenient);
  }
  return { ok: true, report: await parseReport({ path, bytes }, options), from: 'source' };
}
