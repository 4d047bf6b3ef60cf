/**
 * Reading an exported `<report>.review.json` file (`ingest --reviews`): JSON, and of the schema
 * `ReviewFile`. Apart from `sqlite/reviews.ts`, which stores the decisions, because it loads zod:
 * every ingest carries decisions, and only one given review files reads any.
 */
import { diagnose } from '../pipeline/diagnostics.js';
import type { DiagnosticRecord } from '../schemas/diagnostic.js';
import { ReviewFile } from '../schemas/review.js';

/** A review file read and checked, or the error saying why it cannot be used. */
export type ReadReviewFile = { ok: true; file: ReviewFile } | { ok: false; error: DiagnosticRecord };

/** Reads the text of a `.review.json` file: JSON, and of the schema `ReviewFile`. */
export function readReviewFile(text: string): ReadReviewFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: diagnose('invalid-json', { detail: error instanceof Error ? error.message : String(error) }) };
  }
  const parsed = ReviewFile.safeParse(data);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: diagnose('invalid-review', { detail: issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown' }) };
}

