/**
 * Column roles, money units and years. A role comes from the header wording first (the synonym table in
 * `vocabulary/headers.ts`); a column whose header is unknown or missing is read from its cells (amounts,
 * row numbers, dates, a grouping), and the text columns left over by their position. Every such guess is
 * a warning naming the column and why. Exactly one column is the goal, the item's name. A column's unit
 * is the one its header names, else (for amount columns) the table's, its caption's or the text above it.
 */
import { diagnose, staged, type ColumnGuessReason, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { AmountScale, Fact } from '../../schemas/fact.js';
import type { Column, ColumnRole, RoleSource } from '../../schemas/report.js';
import type { RawRow } from '../types.js';
import { extractFacts, monthNumber, parseDanishNumber } from '../../extractors/index.js';
import { normaliseWhitespace } from '../cells/blocks.js';
import { CellParser } from '../cells/cell-parser.js';
import { matchHeader } from '../vocabulary/headers.js';
import { moneyScaleOf, yearOfHeader } from '../vocabulary/units.js';

/** What `resolveColumns` reads: the table's header (null when it has none), its rows, caption and the text above. */
export interface ColumnsInput {
  header: readonly string[] | null;
  rows: readonly RawRow[];
  caption: string | null;
  context: string | null;
}

/** Options of `resolveColumns`: `override` (from `--columns`) replaces every role; the place warnings point at. */
export interface ColumnsOptions {
  override?: readonly ColumnRole[];
  line?: number | null;
  page?: number | null;
}

/** The roles text columns left over get by their position after the goal column. */
const POSITIONAL_ROLES: readonly ColumnRole[] = ['initiatives', 'results'];

/** Rows read to judge a column's content: enough to see its kind, bounded for very long tables. */
const SAMPLE_ROWS = 200;

/** Longest cell still judged a figure or a date; longer cells are prose. */
const MAX_FIGURE_CELL = 60;

/** Share of a column's filled cells that must be of one kind for the column to be of that kind. */
const MOSTLY = 2 / 3;

/** What one cell holds, as far as the column's role goes. */
type CellKind = 'number' | 'money' | 'percent' | 'year' | 'date' | 'nil' | 'text';

/** What a column's cells hold: counts per kind, rowspan copies, and the values in order. */
interface ColumnContent {
  values: string[];
  kinds: Record<CellKind, number>;
  spanned: number;
  /** Bare numbers other than zero: figures that need a unit to be money. */
  bareNonZero: number;
}

/** A cell's visible text on one line (markup only read when the cell has any). */
function plainText(cell: string, cells: CellParser): string {
  return /[<&]/.test(cell) ? cells.line(cell) : normaliseWhitespace(cell);
}

/** A parenthesised note that may follow a figure: letters, spaces and dots ("(anlæg)", "(t.kr.)"). */
const FIGURE_NOTE = /^[\p{L}\s.]{1,24}$/u;

/** Index where the white space that ends `text[0, end)` starts. */
function trimmedEnd(text: string, end: number): number {
  while (end > 0 && /\s/u.test(text[end - 1]!)) end--;
  return end;
}

/**
 * A footnote star, a short note in parentheses ("(anlæg)") or wrapping parentheses ("(1.200)"), off a
 * figure. The trailing parts are found by scanning back from the end: a regex such as `\s*\*+$` retries
 * from every space of a long run, quadratic in it.
 */
function figureCore(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '*') end--;
  if (end < text.length) end = trimmedEnd(text, end);
  if (text[end - 1] === ')') {
    const open = text.lastIndexOf('(', end - 2);
    if (open >= 0 && FIGURE_NOTE.test(text.slice(open + 1, end - 1))) end = trimmedEnd(text, open);
  }
  return text
    .slice(0, end)
    .replace(/^\((.*)\)$/u, '$1')
    .replace(/^[–—]\s?(?=\d)/u, '-')
    .trim();
}

/** The parts of a bare figure or range ("100-200.000" → two), or null when the text is not one. */
function bareNumberParts(text: string): number[] | null {
  const core = figureCore(text);
  const parts = core.split(/(?<=\d)\s?[-–]\s?(?=\d)/u);
  const values = parts.map((p) => (/\d/.test(p) ? parseDanishNumber(p) : null));
  return values.every((v): v is number => v !== null) ? values : null;
}

/** Share of a text's letters and digits that its facts (`facts`, the text's) of the given kinds cover. */
function coveredBy(text: string, facts: readonly Fact[], kinds: ReadonlySet<string>): number {
  const weight = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const total = weight(text);
  if (total === 0) return 0;
  const covered = facts.filter((f) => kinds.has(f.kind)).reduce((n, f) => n + weight(f.text), 0);
  return covered / total;
}

const DATE_KINDS: ReadonlySet<string> = new Set(['date', 'period']);
const MONEY_KINDS: ReadonlySet<string> = new Set(['money']);
const PERCENT_KINDS: ReadonlySet<string> = new Set(['percent']);

/** Share of a cell a date or money fact must cover for the cell to be a date or an amount ("Åbnet 1. marts 2020." is text). */
const COVERED = 0.75;

/** Words that hedge a date without making the cell prose: "medio marts 2025", "senest 1. juli". */
const DATE_HEDGE = /^(?:ca\.|cirka|primo|medio|ultimo|senest|inden|forventet|forventeligt|efter|før|fra|d\.|den)\s+/iu;

/** What a cell holds: a bare figure, money with its unit, a percentage, a year, a date or period, or text. */
function kindOfCell(text: string): CellKind {
  if (/^(?:[-–—÷]|n\/a)$/iu.test(text)) return 'nil';
  if (text.length > MAX_FIGURE_CELL) return 'text';
  if (/^(?:199\d|20\d\d|2100)$/u.test(text)) return 'year';
  if (bareNumberParts(text)) return 'number';
  if (!/\p{N}/u.test(text)) return monthNumber(text.replace(/\.$/, '')) !== null ? 'date' : 'text';
  // The text's facts are read once for the three tests (and again only for a date hedge left out).
  const facts = extractFacts(text);
  if (coveredBy(text, facts, PERCENT_KINDS) >= COVERED) return 'percent';
  if (coveredBy(text, facts, MONEY_KINDS) >= COVERED) return 'money';
  const unhedged = text.replace(DATE_HEDGE, '');
  if (coveredBy(unhedged, unhedged === text ? facts : extractFacts(unhedged), DATE_KINDS) >= COVERED) return 'date';
  return 'text';
}

/**
 * The rows whose cells say what the columns hold: not section rows, nor rows with one filled cell in a
 * wider table (a label over the rows below it, "Udmøntes:"), at most {@link SAMPLE_ROWS}.
 */
function sampleRows(rows: readonly RawRow[], width: number): RawRow[] {
  const sample: RawRow[] = [];
  for (const row of rows) {
    if (sample.length >= SAMPLE_ROWS) break;
    if (row.section) continue;
    const filled = row.cells.filter((c) => c.trim() !== '').length;
    if (filled === 0 || (filled === 1 && width >= 3)) continue;
    sample.push(row);
  }
  return sample;
}

/** Reads the content of every column from the sampled rows. */
function readContents(rows: readonly RawRow[], width: number, cells: CellParser): ColumnContent[] {
  const contents = Array.from({ length: width }, (): ColumnContent => ({
    values: [],
    kinds: { number: 0, money: 0, percent: 0, year: 0, date: 0, nil: 0, text: 0 },
    spanned: 0,
    bareNonZero: 0,
  }));
  for (const row of sampleRows(rows, width)) {
    for (let i = 0; i < width; i++) {
      const text = plainText(row.cells[i] ?? '', cells);
      if (text === '') continue;
      const content = contents[i]!;
      const kind = kindOfCell(text);
      content.values.push(text);
      content.kinds[kind] += 1;
      if (row.spanned?.[i]) content.spanned += 1;
      if (kind === 'number' && bareNumberParts(text)!.some((v) => v !== 0)) content.bareNonZero += 1;
    }
  }
  return contents;
}

/** Most values are small whole numbers counting the rows up (1, 2, 3 …), as a "Nr." column holds. */
function countsRows(values: readonly string[]): boolean {
  const numbers = values.map((v) => /^(\d{1,3})[.)]?$/u.exec(v)).map((m) => (m ? Number(m[1]) : null));
  const whole = numbers.filter((n): n is number => n !== null);
  if (whole.length < 2 || whole.length < values.length * 0.8) return false;
  if (whole.some((n) => n < 1 || n > values.length + 5)) return false;
  const rising = whole.slice(1).filter((n, i) => n > whole[i]!).length;
  return rising >= (whole.length - 1) * 0.8;
}

/** Long runs of a few short values ("U", "U", "I", "I"; "Drift", "Drift", "Anlæg"): a grouping. */
function repeatsValues(values: readonly string[]): boolean {
  if (values.length < 4 || values.some((v) => v.length > 40)) return false;
  const distinct = new Set(values).size;
  const runs = values.filter((v, i) => i === 0 || v !== values[i - 1]).length;
  return distinct * 2 <= values.length && runs * 2 <= values.length;
}

/** What a column's content says it is, and why; null when its cells are text (or it has none). */
function roleOfContent(content: ColumnContent, index: number): { role: ColumnRole; reason: ColumnGuessReason } | null {
  const filled = content.values.length;
  if (filled === 0) return null;
  const { kinds } = content;
  const share = (n: number) => n / filled;
  if (index <= 1 && countsRows(content.values)) return { role: 'number', reason: 'row-numbers' };
  if (kinds.date > 0 && share(kinds.date + kinds.year) >= MOSTLY) return { role: 'date', reason: 'dates' };
  if (kinds.year > 0 && share(kinds.year) >= MOSTLY) return { role: 'date', reason: 'dates' };
  if (kinds.number + kinds.money > 0 && share(kinds.number + kinds.money + kinds.nil) >= MOSTLY) {
    return { role: 'amount', reason: 'numbers' };
  }
  if (kinds.percent > 0 && share(kinds.percent + kinds.nil) >= MOSTLY) return { role: 'other', reason: 'percentages' };
  const grouping = groupingOf(content);
  return grouping ? { role: 'group', reason: grouping } : null;
}

/** Why a column's cells read as a grouping: many rowspan copies, or runs of a few short values; else null. */
function groupingOf(content: ColumnContent): 'spanned' | 'repeated-values' | null {
  if (content.spanned > 0 && content.spanned * 3 >= content.values.length) return 'spanned';
  return repeatsValues(content.values) ? 'repeated-values' : null;
}

/** True when a column's cells are mostly text (or it has none): what an item's name or description is. */
function holdsText(content: ColumnContent): boolean {
  const filled = content.values.length;
  return filled === 0 || content.kinds.text / filled >= 0.5;
}

/** Roles a header gives to columns of words: over a column of bare figures they do not hold. */
const TEXT_HEADER_ROLES: ReadonlySet<ColumnRole> = new Set(['initiatives', 'results']);

/** A column as it is being decided. */
interface Draft {
  label: string;
  role: ColumnRole | null;
  roleFrom: RoleSource;
  reason: ColumnGuessReason | null;
}

/**
 * Gives every column a role, a money unit and a year. Roles: the header wording where known (a header
 * naming only a unit or a year, "Resultatopgørelse (mio. kr.)", "2025", is an amount when its cells are
 * figures); else the cells (mostly figures: amount, or number when they count the rows in the first two
 * columns; dates: date; rowspan copies or runs of one value: group); the first text column is the goal
 * when no header names one; the text columns after it are initiatives, then results, by position.
 * `override` (from `--columns`) replaces every role. Scale: the unit the column's header names; for an
 * amount column else the unit the table's other header cells name (the top-left "Mio. kr."), the
 * caption's, or the context sentence's.
 */
export function resolveColumns(input: ColumnsInput, width: number, options: ColumnsOptions = {}, cells = new CellParser()): Staged<Column[]> {
  const at = { line: options.line ?? null, page: options.page ?? null };
  const diagnostics: DiagnosticRecord[] = [];
  const labels = Array.from({ length: width }, (_, i) => input.header?.[i]?.trim() ?? '');
  const contents = readContents(input.rows, width, cells);
  let drafts: Draft[];
  if (options.override) {
    const { override } = options;
    if (override.length !== width) {
      diagnostics.push(diagnose('columns-override', { detail: `${override.length} roles given for ${width} columns` }, at));
    }
    drafts = labels.map((label, i) => ({ label, role: override[i] ?? 'other', roleFrom: 'override', reason: null }));
  } else {
    if (!input.header) diagnostics.push(diagnose('no-header-row', undefined, at));
    drafts = guessRoles(labels, contents, diagnostics, at);
  }
  const columns = withScales(drafts, input).map((column, i) =>
    // Bare figures whose cells alone made the column an amount, with no money unit anywhere, may as
    // well be counts (dwellings, pupils): kept as figures of their own, not called money.
    column.role === 'amount' && column.roleFrom === 'content' && column.scale === null && contents[i]!.bareNonZero > 0
      ? { ...column, role: 'other' as const }
      : column,
  );
  for (const [index, column] of columns.entries()) {
    const { reason } = drafts[index]!;
    if (reason) diagnostics.push(diagnose('unknown-column', { index, label: column.label, role: column.role, reason }, at));
    // Bare figures without a unit cannot be read as money (figures that carry their own unit still are).
    if (column.role === 'amount' && column.scale === null && contents[index]!.bareNonZero > 0) {
      diagnostics.push(diagnose('amount-unit-unknown', { index, label: column.label }, at));
    }
  }
  return staged(columns, diagnostics);
}

/** Roles from the header, then the cells, then the goal rule, then position. */
function guessRoles(
  labels: readonly string[],
  contents: readonly ColumnContent[],
  diagnostics: DiagnosticRecord[],
  at: { line: number | null; page: number | null },
): Draft[] {
  const drafts: Draft[] = labels.map((label, i) => {
    const header = matchHeader(label);
    const content = contents[i]!;
    const guess = roleOfContent(content, i);
    // A unit or a year alone names an amount only over figures: above text it is the table's stub
    // ("Resultatopgørelse (mio. kr.)" over the budget lines), decided by its cells like an unknown header.
    const weak = header !== null && (header.by === 'unit' || header.by === 'year');
    const figures = content.values.length === 0 || guess?.role === 'amount';
    // A wording for words ("Status 8.11.22") over a column of bare figures (pupil counts) names what
    // the figures are about, not text: the figures are kept as figures, and the guess is said.
    const wordsOverFigures = header !== null && TEXT_HEADER_ROLES.has(header.role) && guess?.reason === 'numbers';
    if (wordsOverFigures) return { label, role: 'other', roleFrom: 'content', reason: 'numbers' };
    if (header && (!weak || figures)) return { label, role: header.role, roleFrom: 'header', reason: null };
    return guess
      ? { label, role: guess.role, roleFrom: 'content', reason: guess.reason }
      : { label, role: null, roleFrom: 'content', reason: null };
  });

  // One goal and one number column: a second one named by the header is kept as another column.
  for (const role of ['goal', 'number'] as const) {
    drafts
      .filter((d) => d.role === role)
      .slice(1)
      .forEach((d) => Object.assign(d, { role: 'other', roleFrom: 'position', reason: 'duplicate' }));
  }

  let goal = drafts.findIndex((d) => d.role === 'goal');
  if (goal < 0) {
    const chosen = chooseGoal(drafts, contents);
    if (chosen) Object.assign(drafts[chosen.index]!, { role: 'goal', roleFrom: 'content', reason: chosen.reason });
    else diagnostics.push(diagnose('missing-column', { role: 'goal' }, at));
    goal = chosen?.index ?? -1;
  }

  // Text columns left over: after the goal, a description then a status, as the seed's columns run;
  // before it, something the row is filed under (a building, a place) that names no role.
  const free = POSITIONAL_ROLES.filter((r) => !drafts.some((d) => d.role === r));
  drafts.forEach((d, i) => {
    if (d.role !== null) return;
    const role = i > goal && goal >= 0 ? (free.shift() ?? 'other') : 'other';
    Object.assign(d, { role, roleFrom: 'position', reason: 'position' });
  });
  return drafts;
}

/**
 * The goal column when no header names one: the first column of text that is not a row number, a date
 * or a grouping its cells confirm (rowspans, runs of one value); failing that, the first column that is
 * not a row number. Null when every column numbers the rows.
 */
function chooseGoal(drafts: readonly Draft[], contents: readonly ColumnContent[]): { index: number; reason: ColumnGuessReason } | null {
  const text = drafts.findIndex((d, i) => {
    const c = contents[i]!;
    return d.role !== 'number' && d.role !== 'date' && c.values.length > 0 && holdsText(c) && !(d.role === 'group' && groupingOf(c));
  });
  if (text >= 0) return { index: text, reason: 'first-text-column' };
  // No text column: the row's key is what is left, a date ("Feb. 2018") before a grouping its cells
  // confirm (a rowspan "Hele landet" names many rows, not one).
  const ungrouped = drafts.findIndex((d, i) => d.role !== 'number' && !(d.role === 'group' && groupingOf(contents[i]!)));
  if (ungrouped >= 0) return { index: ungrouped, reason: 'first-column' };
  const first = drafts.findIndex((d) => d.role !== 'number');
  return first >= 0 ? { index: first, reason: 'first-column' } : null;
}

/** The unit of each column, and its year, from the header, the table's stub, the caption or the context. */
function withScales(drafts: readonly Draft[], input: ColumnsInput): Column[] {
  const scaleFrom = (text: string | null, from: AmountScale['from']): AmountScale | null => {
    const unit = text ? moneyScaleOf(text) : null;
    return unit ? { ...unit, from } : null;
  };
  const own = drafts.map((d) => scaleFrom(d.label, 'header'));
  // A unit in the header of a column that holds no amounts (the top-left "Mio. kr.", "Udvalg mio.kr.")
  // is the unit of the whole table.
  const stub = own.find((s, i) => s !== null && drafts[i]!.role !== 'amount') ?? null;
  const table = stub ?? scaleFrom(input.caption, 'caption') ?? scaleFrom(input.context, 'context');
  return drafts.map((d, i) => {
    const role = d.role ?? 'other';
    return {
      role,
      label: d.label,
      roleFrom: d.roleFrom,
      scale: own[i] ?? (role === 'amount' ? table : null),
      year: yearOfHeader(d.label),
    };
  });
}
