/**
 * Facts on goals: the extractors run over each goal's title and subtitle and over every other cell of
 * its row, and every fact and series is tagged with the cell it was found in (`cell`, the column's
 * `label` as `column`, and the `field` its span indexes). Amount cells are read with their column's
 * scale, so a bare "1.500" under "Beløb i t.kr." is 1 500 000 kr.
 */
import { extract, MAX_FACTS_PER_TEXT, type ExtractOptions, type Extraction } from '../../extractors/index.js';
import type { Fact, FactField, Series } from '../../schemas/fact.js';
import type { Column, Goal } from '../../schemas/report.js';
import type { SourcePosition } from '../diagnostics.js';
import { isWhiteSpaceCode } from '../cells/characters.js';

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

/** At most this many facts are kept for one report; the rest are dropped, and said (`too-many-facts`). */
export const MAX_FACTS_PER_REPORT = 100_000;

/**
 * How many facts a report may still take. One budget is shared by every goal of a report, so a
 * machine-made report of a million figures stays a bounded report (its JSON, its database rows).
 */
export class FactBudget {
  private left: number;
  /** Facts found after the budget ran out. */
  dropped = 0;
  /** Where the first fact was dropped. */
  firstDrop: SourcePosition | null = null;

  constructor(readonly limit = MAX_FACTS_PER_REPORT) {
    this.left = limit;
  }

  /** The facts the budget still has room for; the rest are counted as dropped, at `at`. */
  take(facts: Fact[], at: SourcePosition): Fact[] {
    if (facts.length <= this.left) {
      this.left -= facts.length;
      return facts;
    }
    const kept = facts.slice(0, this.left);
    this.dropped += facts.length - kept.length;
    this.firstDrop ??= at;
    this.left = 0;
    return kept;
  }
}

/** Texts longer than this are read window by window (real cells are far shorter). */
const WINDOW_CHARS = 256 * 1024;
/** How far windows overlap: longer than any fact and the context its rules look at. */
const WINDOW_OVERLAP = 2048;

/**
 * The facts and series of a text. A long text is read in overlapping windows, cut at white space,
 * and reading stops once it holds the extractors' cap of facts: the extractors gather every candidate
 * of a text before they cap, which for a 20 MB line of amounts is a gigabyte. A fact belongs to the
 * window it starts in before the overlap (the next window reads the overlap with the context after
 * it); a series to the window its first point is in.
 */
export function extractText(text: string, options: ExtractOptions): Extraction {
  if (text.length <= WINDOW_CHARS) return extract(text, options);
  const facts: Fact[] = [];
  const series: Series[] = [];
  let start = 0;
  // Facts starting before this were kept from the window before.
  let keepFrom = 0;
  for (;;) {
    const end = cutAtSpace(text, Math.min(text.length, start + WINDOW_CHARS), start + WINDOW_OVERLAP * 2);
    const last = end >= text.length;
    // Facts starting from here on are read by the next window, which sees what follows them.
    const keepBefore = last ? Infinity : cutAtSpace(text, end - WINDOW_OVERLAP, start + 1);
    const found = extract(text.slice(start, end), options);
    const ours = (x: { span: [number, number] }) => x.span[0] + start >= keepFrom && x.span[0] + start < keepBefore;
    const shift = <T extends { span: [number, number] }>(x: T): T => ({ ...x, span: [x.span[0] + start, x.span[1] + start] });
    for (const f of found.facts) if (ours(f)) facts.push(shift(f));
    for (const s of found.series) if (ours(s)) series.push(shift(s));
    if (found.truncated || facts.length > MAX_FACTS_PER_TEXT) {
      return { facts: facts.slice(0, MAX_FACTS_PER_TEXT), series, truncated: true };
    }
    if (last) return { facts, series, truncated: false };
    // The next window starts a little before the facts it keeps, at white space, as the text does.
    start = cutAtSpace(text, keepBefore - WINDOW_OVERLAP / 2, start + 1);
    keepFrom = keepBefore;
  }
}

/** The offset of the last white space at or before `at` (and after `floor`), or `at` when there is none. */
function cutAtSpace(text: string, at: number, floor: number): number {
  if (at >= text.length) return text.length;
  for (let i = at; i > floor; i--) if (isWhiteSpaceCode(text.charCodeAt(i))) return i;
  return at;
}

/**
 * Adds facts and time series to a goal: the title and subtitle first (from the item-name cell), then
 * every other cell in table order. Returns how many texts hit the extractors' cap on facts. With a
 * `budget`, the goal keeps only the facts the report still has room for.
 */
export function attachFacts(
  goal: GoalWithoutFacts,
  columns: readonly Column[],
  context: FactContext,
  budget: FactBudget = new FactBudget(Infinity),
): { goal: Goal; truncated: number } {
  const facts: Fact[] = [];
  const series: Series[] = [];
  let truncated = 0;
  const at = { page: goal.provenance.pages[0], line: goal.provenance.lines[0] };
  const read = (text: string | null, cell: number, field: FactField, options: ExtractOptions) => {
    if (!text) return;
    const found = extractText(text, options);
    if (found.truncated) truncated++;
    const column = columns[cell]?.label ?? '';
    // The extractors make new facts and series for each text, so they are tagged where they are
    // (the keys added last, as a spread of the place after them would put them) rather than copied.
    for (const f of budget.take(found.facts, at)) {
      f.cell = cell;
      f.column = column;
      f.field = field;
      facts.push(f);
    }
    for (const s of found.series) {
      s.cell = cell;
      s.column = column;
      s.field = field;
      series.push(s);
    }
  };
  const goalCell = columns.findIndex((c) => c.role === 'goal');
  if (goalCell >= 0) {
    const options: ExtractOptions = { referenceYear: context.referenceYear, total: goal.total };
    read(goal.title, goalCell, 'title', options);
    read(goal.subtitle, goalCell, 'subtitle', options);
  }
  goal.cells.forEach((cell, i) => {
    if (i === goalCell) return;
    const column = columns[i];
    const amountScale = column?.role === 'amount' ? column.scale : null;
    read(cell.text, i, 'text', { referenceYear: context.referenceYear, total: goal.total, amountScale });
  });
  // Written out key by key, in the goal's order with facts and series before its provenance: an
  // object rest and spread (`{ ...rest, facts, series, provenance }`) is several times slower.
  const withFacts: Goal = {
    id: goal.id,
    key: goal.key,
    ordinal: goal.ordinal,
    table: goal.table,
    section: goal.section,
    group: goal.group,
    number: goal.number,
    title: goal.title,
    subtitle: goal.subtitle,
    total: goal.total,
    cells: goal.cells,
    facts,
    series,
    provenance: goal.provenance,
  };
  return { goal: withFacts, truncated };
}
