import { z } from 'zod';

/** How serious a diagnostic is; `error` means the document could not be (fully) read. */
export const Severity = z.enum(['error', 'warning', 'info']);

/**
 * A message about the input, as plain data with a position (modelled on vfile messages).
 * `code` is stable and machine-readable; `message` is wording for people and may change.
 * `page` and `line` are 1-based and point into the source; `column` is a 1-based character column.
 */
export const Diagnostic = z.object({
  severity: Severity,
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  message: z.string(),
  page: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
});

/** A diagnostic, as produced by every stage and stored with the report. */
export type Diagnostic = z.infer<typeof Diagnostic>;
/** Diagnostic severity. */
export type Severity = z.infer<typeof Severity>;
