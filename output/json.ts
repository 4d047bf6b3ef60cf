/**
 * Canonical JSON: the report validated by its schema (which fixes the key order), two-space
 * indentation and a final newline. No timestamps and no absolute paths, so the same source gives
 * byte-identical output on every run and machine. Where the files go, and how they are written,
 * is `json-files.ts` (which loads no zod: batch ingestion's main thread only places files).
 */
import { Report } from '../schemas/report.js';
import { writeReportJsonText } from './json-files.js';

/** Serialises a report as canonical JSON. */
export function toCanonicalJson(report: Report): string {
  return validatedReportJson(Report.parse(report));
}

/**
 * Canonical JSON of a report zod has validated already (`parseValidatedReport`'s `validated`): the
 * same text as `toCanonicalJson`, without a second validation.
 */
export function validatedReportJson(validated: Report): string {
  return `${JSON.stringify(validated, null, 2)}\n`;
}

/**
 * Writes a report's canonical JSON into a folder (created if missing), atomically: a reader never
 * sees a half-written file. `json` is the report's canonical JSON when the caller has it already
 * (made in a parse worker, see `ParsedForStore`). Returns the path written.
 */
export function writeReportJson(dir: string, report: Report, json: string = toCanonicalJson(report)): string {
  return writeReportJsonText(dir, report.source.path, report.id, json);
}
