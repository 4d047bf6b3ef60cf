import { z } from 'zod';

/** How serious a diagnostic is; `error` means the document could not be (fully) read. */
export const Severity = z.enum(['error', 'warning', 'info']);

/**
 * Every diagnostic code status-ingest emits. The wording and default severity of each live in the
 * catalogue (`pipeline/diagnostics.ts`), which must cover exactly these codes; the code is the stable,
 * machine-readable part.
 */
export const DiagnosticCode = z.enum([
  // reading the bytes
  'empty-input',
  'blank-input',
  'binary-input',
  'decoded-windows-1252',
  'invalid-utf8',
  'byte-order-mark',
  'unsupported-format',
  // PDF
  'pdf-encrypted',
  'pdf-unreadable',
  'pdf-no-text',
  'pdf-page-unreadable',
  'pdf-page-sparse',
  'pdf-too-large-unpacked',
  'pdf-page-damaged',
  'pdf-page-garbled',
  'pdf-pages-missing',
  'pdf-page-misplaced',
  'pdf-streams-damaged',
  // the table
  'no-table',
  'no-title',
  'no-header-row',
  'unknown-column',
  'missing-column',
  'columns-override',
  'amount-unit-unknown',
  'extra-cells',
  'table-too-wide',
  'orphan-continuation',
  'row-continued',
  'word-rejoined',
  'no-goals',
  'title-from-column',
  'untitled-row',
  'too-many-facts',
  'markup-too-deep',
  'markup-dropped',
  'html-too-many-tags',
  // the report as a whole
  'invalid-report',
  'internal-error',
  'report-much-smaller',
  // files and stores, outside a parse
  'too-large',
  'cannot-read',
  'not-on-worker',
  'not-a-file',
  'out-of-memory',
  'link-outside-root',
  'write-failed',
  'invalid-json',
  'schema-mismatch',
  'schema-upgraded',
  'invalid-meta',
  // the command line's own paths
  'no-match',
  'missing-folder',
  'cannot-write',
  // review decisions (`ingest --reviews`)
  'invalid-review',
  'review-goal-unknown',
  'review-goal-changed',
]);

/**
 * The parameters a diagnostic was raised with (the file's size, the header label, the rejoined word):
 * the data its wording is rendered from, kept so that tools and tests read facts, not sentences.
 */
export const DiagnosticParams = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/**
 * A message about the input, as plain data with a position (modelled on vfile messages).
 * `code` is stable and machine-readable; `message` is wording for people and may change.
 * `page` and `line` are 1-based and point into the source; `column` is a 1-based character column.
 * `params` are the data the message was rendered from (see {@link DiagnosticParams}).
 */
export const Diagnostic = z.object({
  severity: Severity,
  code: DiagnosticCode,
  message: z.string(),
  params: DiagnosticParams,
  page: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
});

/** A diagnostic, as stored with the report. */
export type Diagnostic = z.infer<typeof Diagnostic>;
/** A diagnostic as raised by a stage: the same as the stored form (kept as a name for stage signatures). */
export type DiagnosticRecord = Diagnostic;
/** Diagnostic severity. */
export type Severity = z.infer<typeof Severity>;
/** A diagnostic code. */
export type DiagnosticCode = z.infer<typeof DiagnosticCode>;
/** Diagnostic parameters. */
export type DiagnosticParams = z.infer<typeof DiagnosticParams>;
