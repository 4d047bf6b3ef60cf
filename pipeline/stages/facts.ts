/**
 * Facts on goals: the extractors run over each goal's title and subtitle and over every other cell of
 * its row, and every fact and series is tagged with the cell it was found in (`cell`, the column's
 * `label` as `column`, and the `field` its span indexes). Amount cells are read with their column's
 * scale, so a bare "1.500" under "Beløb i t.kr." is 1 500 000 kr.
 */
import { extract, type ExtractOptions } from '../../extractors/index.js';
import type { Fact, FactField, Series } from '../../schemas/fact.js';
import type { Column, Goal } from '../../schemas/report.js';

/** A goal record before facts are extracted. */
export type GoalWithoutFacts = Omit<Goal, 'facts' | 'series'>;

/** The place a fact or series points into: a cell of the row and which of its texts. */
export interface FactPlace {
  cell?: number;
  field?: FactField;
}

/** The text a fact's span indexes (the goal's title or subtitle, or a cell's text); null when there is none. */
export function factSourceText(goal: Pick<GoalWithoutFacts, 'title' | 'subtitle' | 'cells'>, place: FactPlace): string | null {
  switch (place.field) {
    case 'title':
      return goal.title;
    case 'subtitle':
      return goal.subtitle;
    case 'text':
      return place.cell === undefined ? null : (goal.cells[place.cell]?.text ?? null);
    default:
      return null;
  }
}

/** What the facts stage knows about the report beyond the row: the year a date without one belongs to. */
export interface FactContext {
  referenceYear: number | null;
}

/**
 * Adds facts and time series to a goal: the title and subtitle first (from the item-name cell), then
 * every other cell in table order. Returns how many texts hit the extractors' cap on facts.
 */
export function attachFacts(goal: GoalWithoutFacts, columns: readonly Column[], context: FactContext): { goal: Goal; truncated: number } {
  const facts: Fact[] = [];
  const series: Series[] = [];
  let truncated = 0;
  const read = (text: string | null, cell: number, field: FactField, options: ExtractOptions) => {
    if (!text) return;
    const found = extract(text, options);
    if (found.truncated) truncated++;
    const place = { cell, column: columns[cell]?.label ?? '', field };
    for (const f of found.facts) facts.push({ ...f, ...place });
    for (const s of found.series) series.push({ ...s, ...place });
  };
  const base: ExtractOptions = { referenceYear: context.referenceYear, total: goal.total };
  const goalCell = columns.findIndex((c) => c.role === 'goal');
  if (goalCell >= 0) {
    read(goal.title, goalCell, 'title', base);
    read(goal.subtitle, goalCell, 'subtitle', base);
  }
  goal.cells.forEach((cell, i) => {
    if (i === goalCell) return;
    const column = columns[i];
    const amountScale = column?.role === 'amount' ? column.scale : null;
    read(cell.text, i, 'text', { ...base, amountScale });
  });
  const { provenance, ...rest } = goal;
  return { goal: { ...rest, facts, series, provenance }, truncated };
}
