/**
 * Reading a report from either kind of file the tools accept: a report JSON (as `parse` or `ingest`
 * wrote it, checked with the zod `Report` schema) or a source report (parsed with `parseReport`).
 * Never throws on bad input: the result says what is wrong, naming the file.
 */
import { Report } from '../schemas/report.js';
import { parseReport, type ParseOptions } from './index.js';

/** A report read from a file, or why it could not be. */
export type LoadedReport =
  | { ok: true; report: Report; from: 'json' | 'source' }
  | { ok: false; code: 'invalid-json' | 'invalid-report'; message: string };

/** True when the file is taken as a report JSON: a `.json` name, or content that opens with `{`. */
export function looksLikeReportJson(path: string, bytes: Uint8Array): boolean {
  if (/\.json$/i.test(path)) return true;
  for (const b of bytes) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b; // "{"
  }
  return false;
}

/** Parses and validates a report JSON; `label` names the file in messages. */
export function parseReportJson(label: string, text: string): LoadedReport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'invalid-json', message: `${label}: error invalid-json: not JSON (${detail})` };
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : '(top level)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    return {
      ok: false,
      code: 'invalid-report',
      message: `${label}: error invalid-report: not a status-ingest report: ${where}: ${issue?.message ?? 'invalid'}${more}`,
    };
  }
  return { ok: true, report: parsed.data, from: 'json' };
}

/**
 * Reads a report from a file's bytes: a report JSON is validated, anything else is parsed as a
 * source report (`path` is recorded in it, so pass a relative path, see `portablePath`).
 */
export async function loadReport(path: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<LoadedReport> {
  if (looksLikeReportJson(path, bytes)) return parseReportJson(path, new TextDecoder().decode(bytes));
  return { ok: true, report: await parseReport({ path, bytes }, options), from: 'source' };
}
