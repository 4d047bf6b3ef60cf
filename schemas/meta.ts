import { z } from 'zod';

/**
 * What the publisher knows about a report that its body may not say (an agenda item's body names no
 * title or meeting): given as `--title`, `--committee`, `--date`, `--municipality`, or in a sidecar file
 * `<file>.meta.json` next to the report. Each field given replaces what the document says.
 */
export const ReportMeta = z
  .object({
    title: z.string().trim().min(1).optional(),
    committee: z.string().trim().min(1).optional(),
    /** The meeting date, `YYYY-MM-DD`. */
    meetingDate: z.iso.date().optional(),
    municipality: z.string().trim().min(1).optional(),
  })
  .strict();

/** Report meta, as `parseReport` takes it. */
export type ReportMeta = z.infer<typeof ReportMeta>;
