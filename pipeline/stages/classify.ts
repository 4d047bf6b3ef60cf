/**
 * Row classification: section rows, goal rows, and rows that continue the goal above them after a
 * page break. Continuation is decided from evidence in the cells, never from any document's titles.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { ClassifiedRow, RawRow, RowKind } from '../types.js';
import {
  endsFinished,
  endsWithFunctionWord,
  isWordSplit,
  startsLowerCase,
  startsUpperCase,
} from '../vocabulary/text-edges.js';
import { CellParser } from '../cells/cell-parser.js';
import { isSectionRow } from '../vocabulary/sections.js';
import { joinAcrossBreak } from './stitch.js';

/** Characters of a goal's stitched cell kept to judge the next row against: only its end decides. */
const JUDGED_END = 1000;

/**
 * The end of a cell, from a tag's start when it is long: enough to judge how it ends, and bounded,
 * so that keeping it up to date over thousands of continuation rows stays linear.
 */
function cellEnd(cell: string): string {
  if (cell.length <= JUDGED_END) return cell;
  const from = cell.length - JUDGED_END;
  const tag = cell.indexOf('<', from);
  return cell.slice(tag >= 0 ? tag : from);
}

/**
 * Weighs how strongly `next` (a row after a page break) continues `prev` (the last row of the goal
 * above it). Positive means continuation. Per pair of filled cells in the same column: a word split
 * by a hyphen (+2), an unfinished sentence continued in lower case (+1), a text cut after a function
 * word (+1), a finished sentence followed by a capital (−1). A row with only its goal cell filled is
 * a title running over the break (+1).
 */
export function continuationScore(prev: readonly string[], next: readonly string[], goalColumn: number, cells = new CellParser()): {
  score: number;
  reasons: string[];
} {
  let score = 0;
  const reasons: string[] = [];
  const width = Math.max(prev.length, next.length);
  for (let i = 0; i < width; i++) {
    const a = prev[i]?.trim() ? cells.text(prev[i]!) : '';
    const b = next[i]?.trim() ? cells.text(next[i]!) : '';
    if (!a || !b) continue;
    if (isWordSplit(a, b)) {
      score += 2;
      reasons.push(`column ${i + 1}: word split by a hyphen`);
    } else if (!endsFinished(a) && startsLowerCase(b)) {
      score += 1;
      reasons.push(`column ${i + 1}: sentence continues in lower case`);
    } else if (endsWithFunctionWord(a)) {
      score += 1;
      reasons.push(`column ${i + 1}: text cut after "${a.slice(a.lastIndexOf(' ') + 1)}"`);
    } else if (endsFinished(a) && startsUpperCase(b)) {
      score -= 1;
    }
  }
  const onlyGoal = next.every((c, i) => (i === goalColumn ? c.trim() !== '' : c.trim() === ''));
  if (onlyGoal) {
    score += 1;
    reasons.push('only the goal cell is filled');
  }
  return { score, reasons };
}

/**
 * A row with its kind: one literal of the fields every row has and `kind`, then the optional fields
 * the row has, always in this order, so rows share a few object shapes. A spread (`{ ...row, kind }`)
 * gave almost every row a shape of its own (39 shapes for the seed's 64 rows), and every later read
 * of a row's fields (stitch, goals) went through V8's megamorphic path.
 */
function withKind(row: RawRow, kind: RowKind): ClassifiedRow {
  const out: ClassifiedRow = { cells: row.cells, page: row.page, line: row.line, endLine: row.endLine, breakBefore: row.breakBefore, kind };
  if (row.section !== undefined) out.section = row.section;
  if (row.spanned !== undefined) out.spanned = row.spanned;
  if (row.continues !== undefined) out.continues = row.continues;
  if (row.runs !== undefined) out.runs = row.runs;
  return out;
}

/**
 * Classifies every row. A row with an empty goal cell continues the goal above; a row after a page
 * break whose cells read as the rest of the row above (see `continuationScore`) does too, and so does
 * one the format marks as cut by the break (`RawRow.continues`). A row the format marks as a section
 * (`RawRow.section`) is one, whatever its case.
 */
export function classifyRows(rows: readonly RawRow[], goalColumn: number, cells = new CellParser()): Staged<ClassifiedRow[]> {
  const diagnostics: DiagnosticRecord[] = [];
  const out: ClassifiedRow[] = [];
  const textOf = (cell: string) => cells.text(cell);
  let lastGoalIndex = -1;
  // The ends of the current goal's cells as stitching will join them: a row after a break is judged
  // against the goal so far, not against the last fragment of it ("Skovlun-" + "de" ends in the
  // word "Skovlunde", not in the function word "de").
  // Folded only when a row after a break is judged: most continuation rows are not followed by one.
  let goalEnds: string[] | null = null;
  let unfolded: RawRow[] = [];
  const startGoal = (row: RawRow) => {
    out.push(withKind(row, 'goal'));
    lastGoalIndex = out.length - 1;
    goalEnds = row.cells.map(cellEnd);
    unfolded = [];
  };
  const continueGoal = (row: RawRow) => {
    out.push(withKind(row, 'continuation'));
    unfolded.push(row);
  };
  const goalSoFar = (): string[] | null => {
    for (const row of unfolded) {
      const ends = goalEnds ?? [];
      const width = Math.max(ends.length, row.cells.length);
      goalEnds = Array.from({ length: width }, (_, i) => cellEnd(joinAcrossBreak(ends[i] ?? '', row.cells[i] ?? '').cell));
    }
    unfolded = [];
    return goalEnds;
  };
  for (const row of rows) {
    const at = { page: row.page, line: row.line };
    if (row.section || isSectionRow(row.cells, textOf)) {
      out.push(withKind(row, 'section'));
      lastGoalIndex = -1;
      goalEnds = null;
      unfolded = [];
      continue;
    }
    const hasTitle = (row.cells[goalColumn] ?? '').trim() !== '';
    if (!hasTitle) {
      if (lastGoalIndex < 0) {
        // Nothing above to continue (start of table, or right under a section): keep it as a goal.
        diagnostics.push(diagnose('orphan-continuation', undefined, at));
        startGoal(row);
        continue;
      }
      if (row.breakBefore) diagnostics.push(diagnose('row-continued', { reason: 'its goal cell is empty' }, at));
      continueGoal(row);
      continue;
    }
    const previous = out[out.length - 1];
    if (row.continues && row.breakBefore && previous && previous.kind !== 'section') {
      diagnostics.push(diagnose('row-continued', { reason: 'the table shows the row cut by the page break' }, at));
      continueGoal(row);
      continue;
    }
    if (row.breakBefore && previous && previous.kind !== 'section') {
      const { score, reasons } = continuationScore(goalSoFar() ?? previous.cells, row.cells, goalColumn, cells);
      if (score > 0) {
        diagnostics.push(diagnose('row-continued', { reason: reasons.join('; ') }, at));
        continueGoal(row);
        continue;
      }
    }
    startGoal(row);
  }
  return staged(out, diagnostics);
}
