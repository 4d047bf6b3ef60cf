/**
 * Goal records: stitched rows become sections and goals. Cells are parsed into blocks, the goal
 * cell gives the title (and a subtitle), and the other cells are placed by their column's role.
 */
import { staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Block, Cell, Column, Goal, Section } from '../../schemas/report.js';
import type { StitchedRow } from '../types.js';
import { cellFromBlocks, cellToBlocks, normaliseWhitespace } from '../cells/blocks.js';
import { goalId } from './ids.js';
import { headerNumbersGoals, isNumberHeader } from '../vocabulary/headers.js';

/** A goal record before facts are extracted. */
export type GoalWithoutFacts = Omit<Goal, 'facts' | 'series'>;

/** A subtitle paragraph is introduced by a dash ("<p>- Revision af …</p>"). */
const SUBTITLE_MARKER = /^[-–—]\s*/u;

/**
 * Title and subtitle of a goal cell: a heading is the title and what follows it the subtitle;
 * without a heading, a later paragraph opened by a dash is the subtitle and the rest is the title.
 */
export function titleAndSubtitle(blocks: readonly Block[]): { title: string; subtitle: string | null } {
  const text = (b: Block) => (b.type === 'list' ? b.items.join(' ') : b.text);
  const heading = blocks.findIndex((b) => b.type === 'heading');
  let titleBlocks: Block[];
  let subtitleBlocks: Block[];
  if (heading >= 0) {
    titleBlocks = [blocks[heading]!];
    subtitleBlocks = blocks.filter((_, i) => i !== heading);
  } else {
    titleBlocks = blocks.filter((b, i) => i === 0 || !(b.type === 'paragraph' && SUBTITLE_MARKER.test(b.text)));
    subtitleBlocks = blocks.filter((b, i) => i > 0 && b.type === 'paragraph' && SUBTITLE_MARKER.test(b.text));
  }
  const title = normaliseWhitespace(titleBlocks.map(text).join(' '));
  const sub = normaliseWhitespace(subtitleBlocks.map((b) => text(b).replace(SUBTITLE_MARKER, '')).join(' '));
  return { title, subtitle: sub === '' ? null : sub };
}

const EMPTY_CELL: Cell = { text: '', blocks: [] };

/**
 * Builds sections and goal records from stitched rows. Ordinals count from 1 in document order;
 * each goal belongs to the last section row above it.
 */
export function buildGoalRecords(
  rows: readonly StitchedRow[],
  columns: readonly Column[],
  reportId: string,
): Staged<{ sections: Section[]; goals: GoalWithoutFacts[] }> {
  const diagnostics: DiagnosticRecord[] = [];
  const sections: Section[] = [];
  const goals: GoalWithoutFacts[] = [];
  const indexOf = (role: Column['role']) => columns.findIndex((c) => c.role === role);
  const goalCol = indexOf('goal');
  const initiativesCol = indexOf('initiatives');
  const resultsCol = indexOf('results');
  const cellAt = (row: StitchedRow, i: number): Cell =>
    i < 0 ? EMPTY_CELL : cellFromBlocks(cellToBlocks(row.cells[i] ?? ''));
  const numberCol = numberColumn(rows, columns);
  // Every column without a role of its own is kept on the goal as an extra cell.
  const extraCols = columns.map((c, i) => i).filter((i) => columns[i]!.role === 'other' && i !== numberCol);
  const numberedTitles = goalCol >= 0 && headerNumbersGoals(columns[goalCol]!.label);

  let section: string | null = null;
  for (const row of rows) {
    if (row.kind === 'section') {
      const text = normaliseWhitespace(row.cells.map((c) => cellFromBlocks(cellToBlocks(c)).text).join(' '));
      sections.push({ ordinal: sections.length + 1, title: text });
      section = text;
      continue;
    }
    const head = titleAndSubtitle(goalCol < 0 ? [] : cellToBlocks(row.cells[goalCol] ?? ''));
    const { subtitle } = head;
    let { title } = head;
    let number = numberCol < 0 ? null : goalNumber(cellAt(row, numberCol).text);
    if (number === null && numberedTitles) {
      const m = LEADING_NUMBER.exec(title);
      if (m) {
        number = m[1]!;
        title = title.slice(m[0].length);
      }
    }
    const ordinal = goals.length + 1;
    goals.push({
      id: goalId(reportId, ordinal, title),
      ordinal,
      section,
      number,
      title,
      subtitle,
      initiatives: cellAt(row, initiativesCol),
      results: cellAt(row, resultsCol),
      extra: extraCols.map((i) => ({ label: columns[i]!.label, ...cellAt(row, i) })),
      provenance: { pages: row.pages, lines: row.lines },
    });
  }
  return staged({ sections, goals }, diagnostics);
}

/** A goal's number at the start of its title, under a header such as "Initiativ (nr.)": "1.Ny ældrelov". */
const LEADING_NUMBER = /^(\d{1,4}[a-z]?)\s*[.):]?\s*(?=\S)/u;

/** A cell holding only a goal number ("1", "2.", "3a)"). */
const NUMBER_CELL = /^\d{1,4}[a-z]?[.)]?$/u;

/** The number a cell holds, without trailing punctuation ("2." → "2"); null when it is empty. */
function goalNumber(text: string): string | null {
  const t = normaliseWhitespace(text).replace(/[.)]$/u, '');
  return t === '' ? null : t;
}

/**
 * The column holding the goals' numbers: an "other" column headed "Nr." (or kin), or an "other" column
 * whose filled cells are all numbers. -1 when there is none.
 */
function numberColumn(rows: readonly StitchedRow[], columns: readonly Column[]): number {
  return columns.findIndex((c, i) => {
    if (c.role !== 'other') return false;
    if (isNumberHeader(c.label)) return true;
    const cells = rows
      .filter((r) => r.kind === 'goal')
      .map((r) => normaliseWhitespace(cellFromBlocks(cellToBlocks(r.cells[i] ?? '')).text))
      .filter((t) => t !== '');
    return cells.length > 0 && cells.every((t) => NUMBER_CELL.test(t));
  });
}
