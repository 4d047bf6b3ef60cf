/**
 * Coverage: how much of its source's text a report accounts for. A report read from a damaged file (a
 * PDF whose content streams lost a few bits) or from a file that is no report comes out far smaller
 * than its source, and nothing else says so: every goal read is valid, only most are missing.
 */
import { diagnose } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Goal, Section, Table } from '../../schemas/report.js';
import { textCharCount } from '../cells/characters.js';

/** Below this share of the source's text, a report is much smaller than its source. */
export const MIN_COVERED_SHARE = 0.5;
/** Sources with less text than this are not judged (a short agenda item is mostly its heading). */
const MIN_SOURCE_CHARS = 500;

/** What of a report holds text from its source. */
export interface ReportText {
  title: string;
  intro: string;
  tables: readonly Pick<Table, 'caption' | 'columns'>[];
  sections: readonly Pick<Section, 'title'>[];
  goals: readonly Pick<Goal, 'cells'>[];
}

/**
 * The characters of text a report holds: title, intro, captions, column labels, section titles and
 * cells. With `enough`, counting stops once the count reaches it (the count returned is then at least
 * `enough`, not the whole).
 */
export function reportChars(report: ReportText, enough = Infinity): number {
  let chars = textCharCount(report.title) + textCharCount(report.intro);
  for (const table of report.tables) {
    chars += textCharCount(table.caption ?? '');
    for (const column of table.columns) chars += textCharCount(column.label);
  }
  for (const section of report.sections) chars += textCharCount(section.title);
  for (const goal of report.goals) {
    if (chars >= enough) return chars;
    for (const cell of goal.cells) chars += textCharCount(cell.text);
  }
  return chars;
}

/** The share of `sourceChars` that `chars` characters are, at most 1. */
const shareOf = (chars: number, sourceChars: number) => Math.min(1, chars / sourceChars);

/**
 * A `report-much-smaller` warning when the report holds less than `MIN_COVERED_SHARE` of the
 * `sourceChars` characters of text its source holds (as the format counts them); null otherwise.
 */
export function reportMuchSmaller(report: ReportText, sourceChars: number): DiagnosticRecord | null {
  if (sourceChars < MIN_SOURCE_CHARS) return null;
  // Only a report below the share is told: the count stops where the share is reached (the least
  // count that reaches it, so the test below is the same as on the whole count).
  const enough = Math.ceil(MIN_COVERED_SHARE * sourceChars);
  const share = shareOf(reportChars(report, shareOf(enough, sourceChars) >= MIN_COVERED_SHARE ? enough : Infinity), sourceChars);
  if (share >= MIN_COVERED_SHARE) return null;
  return diagnose('report-much-smaller', { share: Math.round(share * 1000) / 1000, sourceChars }, { page: 1, line: 1 });
}
