/** Helpers shared by the tests: running the pipeline on in-memory text. */
import { parseReport } from '../pipeline/index.js';
import type { ColumnRole, Goal, Report, RowCell } from '../schemas/report.js';

/** The header of the seed family, used by synthetic reports. */
export const SEED_HEADER = 'STRATEGISK MÅLSÆTNING\tIVÆRKSATTE TILTAG/ KONKRETE INDSATSER\tRESULTATER';

/** Builds a synthetic report in the text format from table lines (cells joined by tabs, "" = page break). */
export function syntheticReport(rows: readonly (readonly string[] | 'BREAK')[], header = SEED_HEADER): string {
  const body = rows.map((r) => (r === 'BREAK' ? '\n\n' : r.join('\t'))).join('\n');
  return `Status på Testudvalgets indsatser 2018-2021\n\nEn indledning.\n\n${header}\n${body}\n`;
}

/** Parses text (as the text format) into a report. */
export function parseText(text: string, path = 'test.txt'): Promise<Report> {
  return parseReport({ path, bytes: new TextEncoder().encode(text) });
}

/** A goal's first cell in a column of `role` (an empty cell when the table has no such column). */
export function cell(goal: Pick<Goal, 'cells'>, role: ColumnRole): Pick<RowCell, 'text' | 'blocks'> {
  return goal.cells.find((c) => c.role === role) ?? { text: '', blocks: [] };
}

/**
 * A copy of a report part without its PDF `boxes` (on cells and facts): where a record stands on a
 * page is the PDF's own, like provenance, so comparisons across formats leave it out.
 */
export function withoutBoxes<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'boxes' ? undefined : v))) as T;
}
