/**
 * The semantic diff of two reports as plain data (`diffReports`); ./render.ts writes it as text.
 * Goals are matched by key (`Goal.key`: table and title slug, no report hash or row number), then by
 * title (exact, in the same table first, then similar), so a goal that moved, was renumbered or was
 * retitled reads as one change, not as a removal and an addition. A goal's title, subtitle, number,
 * section, group and totals flag are compared, and each of its cells by column label, word by word;
 * facts by cell, field, kind and surface text, with their normalized values; tables (caption,
 * columns), report-level fields, sections and diagnostics too.
 *
 * Every change has a category (`ChangeCategory`), which the summary counts and `diff --fail-on`
 * tests. Provenance (where things stand: pages, lines, offsets, ordinals, the source file's identity,
 * a diagnostic's position) is left out unless `provenance` is asked for: a report re-saved as PDF, or
 * one with a row removed above, differs in it everywhere and in nothing else. Pure and deterministic.
 */
import { factSourceText } from '../../pipeline/stages/facts.js';
import { diffWords, diffWordsWithSpace } from 'diff';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { Fact, FactField, Series } from '../../schemas/fact.js';
import type { Block, Column, Goal, Report, RowCell, Section, Table } from '../../schemas/report.js';
import { describeFactValue, describeSeriesPoints } from '../describe-fact.js';
import { titleCellIndex, titleCellRest } from '../title-cell.js';
import { keyOfGoalId, slugify } from '../../pipeline/stages/ids.js';

/**
 * What kind of change something is:
 * - `structure`: the shape of the data: tables (added, removed, caption, columns), sections added or
 *   removed, the goal set (goals added, removed or moved to another table, section, group or order), a
 *   goal's totals flag, a cell added or removed, the schema version, fields the diff does not model;
 * - `facts`: typed values: facts and time series added, removed or changed in value or kind (those of
 *   a goal added or removed too), and the report's meeting date and period;
 * - `text`: wording: cell text and block structure, a goal's title, subtitle and number, the report's
 *   title, intro, committee and municipality;
 * - `diagnostics`: a diagnostic added or removed (compared by severity, code and message, not position);
 * - `provenance`: where things stand: a goal's pages and lines, ordinal and key, a fact's or series'
 *   offsets alone, a diagnostic's position, the source's path, hash, size, format and pages (and so
 *   the report id). Only with `DiffOptions.provenance`.
 */
export type ChangeCategory = 'structure' | 'facts' | 'text' | 'diagnostics' | 'provenance';

/** The categories, in the order the summary names them. */
export const CHANGE_CATEGORIES: readonly ChangeCategory[] = ['structure', 'facts', 'text', 'diagnostics', 'provenance'];

/** Options of `diffReports`. */
export interface DiffOptions {
  /** Also report provenance (pages, lines, offsets, ordinals, keys, source identity, diagnostic positions). Default false. */
  provenance?: boolean;
}

/** One run of a word diff: text kept, added or removed. */
export interface WordPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

/** The cell a `cells[…]` field change is about: its column label (and role) on each side, and its index in the new row. */
export interface CellRef {
  label: string;
  role: RowCell['role'];
  /** The label in the old row, when the column was renamed. */
  beforeLabel?: string;
  /** 0-based index in the new row (in the old one for a removed cell). */
  index: number;
}

/**
 * A field whose value differs; `words` is the word diff when both values are text. `goals` counts
 * the goals that share this very change (`goals[*].field` entries of `ReportDiff.other`). A cell's
 * text is the field `cells[<label>]` (its block structure `cells[<label>].blocks`), with `cell` set.
 */
export interface FieldChange {
  field: string;
  category: ChangeCategory;
  before: unknown;
  after: unknown;
  words: WordPart[] | null;
  goals?: number;
  cell?: CellRef;
}

/** A goal as named in a diff. */
export interface GoalRef {
  id: string;
  key: string;
  table: number;
  ordinal: number;
  section: string | null;
  group: string | null;
  title: string;
}

/** A fact as shown in a diff: where it is (cell, its column label, the field), what it says, and its normalized value in words. */
export interface FactRef {
  kind: Fact['kind'];
  cell: number | null;
  column: string | null;
  field: FactField | null;
  text: string;
  span: [number, number];
  value: string;
}

/** A fact added, removed or changed (same place and surface text, or overlapping, with another value). */
export interface FactChange {
  change: 'added' | 'removed' | 'changed';
  /** `provenance` for a fact whose offsets alone changed (`fields` is `['span']`), else `facts`. */
  category: 'facts' | 'provenance';
  before: FactRef | null;
  after: FactRef | null;
  /** For `changed`: which properties differ (e.g. `value`, `per`, `scale`, `span`, `text`). */
  fields: string[];
}

/** A time series as shown in a diff. */
export interface SeriesRef {
  cell: number | null;
  column: string | null;
  field: FactField | null;
  label: string | null;
  unit: Series['unit'];
  span: [number, number];
  points: string;
}

/** A time series added, removed or changed. */
export interface SeriesChange {
  change: 'added' | 'removed' | 'changed';
  /** `provenance` for a series whose offsets alone changed, else `facts`. */
  category: 'facts' | 'provenance';
  before: SeriesRef | null;
  after: SeriesRef | null;
}

/** How an old and a new goal were paired: by key, by title, or by a similar title. */
export type GoalMatch = 'key' | 'title' | 'similar-title';

/** A goal added, removed or changed. */
export interface GoalChange {
  change: 'added' | 'removed' | 'changed';
  before: GoalRef | null;
  after: GoalRef | null;
  matchedBy: GoalMatch | null;
  /** Moved to another table, section or group, or out of its order relative to the other goals (a `structure` change). */
  moved: boolean;
  /** Ordinal differs, e.g. because a goal above was added or removed (provenance: a change of its own only with `provenance`). */
  renumbered: boolean;
  fields: FieldChange[];
  facts: FactChange[];
  series: SeriesChange[];
}

/** One side of a diff. */
export interface DiffSide {
  id: string;
  path: string;
  tables: number;
  goals: number;
}

/** A diagnostic found on both sides at another place. */
export interface DiagnosticMove {
  before: Diagnostic;
  after: Diagnostic;
}

/**
 * The semantic difference of two reports. `equal` is true when nothing the diff reports differs
 * (provenance counts only with `DiffOptions.provenance`).
 */
export interface ReportDiff {
  equal: boolean;
  /** Whether provenance was compared (`DiffOptions.provenance`). */
  provenance: boolean;
  before: DiffSide;
  after: DiffSide;
  /**
   * Report-level fields: schema version, id, source, title, intro, committee, meeting date,
   * municipality, period, and per table (`tables[N]`, by ordinal) its caption and columns.
   */
  report: FieldChange[];
  sections: { added: Section[]; removed: Section[] };
  /** Diagnostics added and removed (by severity, code and message); `moved` (same, another position) only with `provenance`. */
  diagnostics: { added: Diagnostic[]; removed: Diagnostic[]; moved: DiagnosticMove[] };
  /** Goals that differ, in the order of the new report (removed goals where they stood). */
  goals: GoalChange[];
  /** Differences the model above does not name (fields added to the schema later): JSON paths. */
  other: FieldChange[];
  summary: DiffSummary;
}

/**
 * Counts of a diff. `changes` counts per category: structure per item (a table's field, a section, a
 * goal added, removed or moved or with a structural field, an unmodelled field), facts per fact or
 * series (and report date field), text per changed field, diagnostics per diagnostic, provenance per
 * goal, fact, series, diagnostic or report field (0 without `provenance`).
 */
export interface DiffSummary {
  changes: Record<ChangeCategory, number>;
  tablesAdded: number;
  tablesRemoved: number;
  tablesChanged: number;
  sectionsAdded: number;
  sectionsRemoved: number;
  goalsAdded: number;
  goalsRemoved: number;
  goalsChanged: number;
  goalsMoved: number;
  goalsRenumbered: number;
  factsAdded: number;
  factsRemoved: number;
  factsChanged: number;
}

// ---------------------------------------------------------------------------------------------
// Text

/** A word diff of two texts. Whitespace is ignored unless it is all that differs (a line break moved). */
export function wordDiff(before: string, after: string): WordPart[] {
  let changes = diffWords(before, after);
  if (!changes.some((c) => c.added || c.removed) && before !== after) changes = diffWordsWithSpace(before, after);
  return changes.map((c) => ({ op: c.added ? 'add' : c.removed ? 'del' : 'same', text: c.value }));
}

function textChange(category: ChangeCategory, field: string, before: string | null | undefined, after: string | null | undefined): FieldChange | null {
  if (before === after) return null;
  // (Either may be absent in a report JSON of another schema version.)
  const words = typeof before === 'string' && typeof after === 'string' ? wordDiff(before, after) : null;
  return { field, category, before, after, words };
}

function valueChange(category: ChangeCategory, field: string, before: unknown, after: unknown): FieldChange | null {
  return stableJson(before) === stableJson(after) ? null : { field, category, before, after, words: null };
}

/** JSON with sorted keys: equality that ignores key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function compact<T>(items: (T | null)[]): T[] {
  return items.filter((x): x is T => x !== null);
}

// ---------------------------------------------------------------------------------------------
// Goals

function goalRef(g: Goal, reportId: string): GoalRef {
  return { id: g.id, key: goalKeyOf(g, reportId), table: g.table, ordinal: g.ordinal, section: g.section, group: g.group ?? null, title: g.title };
}

/** A goal's key; for a goal of a report JSON without keys (another version, taken leniently), its id without the report prefix. */
export function goalKeyOf(g: Goal, reportId: string): string {
  return typeof g.key === 'string' ? g.key : keyOfGoalId(g.id, reportId);
}

function normTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

function words(title: string): Set<string> {
  return new Set(normTitle(title).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/** Dice coefficient of the word sets of two texts, titles or cells (1 = same words). */
export function wordSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

/** Least similarity for two otherwise unmatched goals to be taken as the same, retitled goal. */
const SIMILAR_TITLE = 0.5;

/**
 * Pairs old and new goals: by key (no report hash in it, so that an edited source still matches; `ids`
 * are the report ids, for goals without a key), then by exact title (in order; in the same table
 * first, then in any), then by similar title. Goals of a title repeated in their table (on either
 * side) are not paired by key: the keys of a repeated title are counted in order (`-2`, `-3`), so one
 * inserted above another takes the other's key. They are paired by the words of their cells instead.
 */
export function matchGoals(
  before: readonly Goal[],
  after: readonly Goal[],
  ids: { before?: string; after?: string } = {},
): { pairs: [number, number, GoalMatch][]; removed: number[]; added: number[] } {
  const idA = (g: Goal) => goalKeyOf(g, ids.before ?? '');
  const idB = (g: Goal) => goalKeyOf(g, ids.after ?? '');
  const pairs: [number, number, GoalMatch][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pair = (i: number, j: number, how: GoalMatch) => {
    pairs.push([i, j, how]);
    usedA.add(i);
    usedB.add(j);
  };
  const slugOf = (g: Goal) => `${g.table}\u0000${slugify(g.title)}`;
  const repeated = new Set<string>();
  for (const side of [before, after]) {
    const seen = new Set<string>();
    for (const g of side) {
      if (seen.has(slugOf(g))) repeated.add(slugOf(g));
      seen.add(slugOf(g));
    }
  }
  const byId = new Map<string, number>();
  after.forEach((g, j) => {
    if (!byId.has(idB(g)) && !repeated.has(slugOf(g))) byId.set(idB(g), j);
  });
  before.forEach((g, i) => {
    const j = repeated.has(slugOf(g)) ? undefined : byId.get(idA(g));
    if (j !== undefined && !usedB.has(j)) pair(i, j, 'key');
  });
  const cellWords = (g: Goal) => (g.cells ?? []).map((c) => c.text).join('\n');
  const sameTitle: { i: number; j: number; score: number }[] = [];
  before.forEach((a, i) => {
    if (!repeated.has(slugOf(a))) return;
    after.forEach((b, j) => {
      if (slugOf(b) === slugOf(a)) sameTitle.push({ i, j, score: wordSimilarity(cellWords(a), cellWords(b)) });
    });
  });
  sameTitle.sort((x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
  for (const c of sameTitle) if (!usedA.has(c.i) && !usedB.has(c.j)) pair(c.i, c.j, 'title');
  for (const key of [(g: Goal) => `${g.table}\u0000${normTitle(g.title)}`, (g: Goal) => normTitle(g.title)]) {
    const byTitle = new Map<string, number[]>();
    after.forEach((g, j) => {
      if (!usedB.has(j)) byTitle.set(key(g), [...(byTitle.get(key(g)) ?? []), j]);
    });
    before.forEach((g, i) => {
      if (usedA.has(i)) return;
      const j = byTitle.get(key(g))?.shift();
      if (j !== undefined) pair(i, j, 'title');
    });
  }
  const candidates: { i: number; j: number; score: number }[] = [];
  before.forEach((a, i) => {
    if (usedA.has(i)) return;
    after.forEach((b, j) => {
      if (usedB.has(j)) return;
      const score = wordSimilarity(a.title, b.title);
      if (score >= SIMILAR_TITLE) candidates.push({ i, j, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    pair(c.i, c.j, 'similar-title');
  }
  pairs.sort((x, y) => x[1] - y[1]);
  return {
    pairs,
    removed: before.map((_, i) => i).filter((i) => !usedA.has(i)),
    added: after.map((_, j) => j).filter((j) => !usedB.has(j)),
  };
}

/** Indexes (into `seq`) of one longest increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const keep = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) keep.add(k);
  return keep;
}

/** Blocks as lines: "¶ paragraph", "# heading", "• list item" (a list right after a list starts with "—"). */
export function blockLines(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b, i) => {
    if (b.type === 'paragraph') return [`¶ ${b.text}`];
    if (b.type === 'heading') return [`# ${b.text}`];
    const items = b.items.map((item) => `• ${item}`);
    return i > 0 && blocks[i - 1]!.type === 'list' ? ['—', ...items] : items;
  });
}

/**
 * Pairs the cells of two versions of a row: by column label (the n-th cell of a label with the n-th),
 * then what is left on both sides in order (a renamed column); the rest were added or removed.
 */
export function matchCells(a: readonly RowCell[], b: readonly RowCell[]): { pairs: [number, number][]; removed: number[]; added: number[] } {
  const pool = new Map<string, number[]>();
  b.forEach((c, j) => pool.set(c.label, [...(pool.get(c.label) ?? []), j]));
  const pairs: [number, number][] = [];
  const leftA: number[] = [];
  a.forEach((c, i) => {
    const j = pool.get(c.label)?.shift();
    if (j === undefined) leftA.push(i);
    else pairs.push([i, j]);
  });
  const usedB = new Set(pairs.map(([, j]) => j));
  const leftB = b.map((_, j) => j).filter((j) => !usedB.has(j));
  while (leftA.length && leftB.length) pairs.push([leftA.shift()!, leftB.shift()!]);
  return { pairs: pairs.sort((x, y) => x[1] - y[1]), removed: leftA, added: leftB };
}

function cellChanges(a: Goal, b: Goal): FieldChange[] {
  const cellsA = a.cells ?? [];
  const cellsB = b.cells ?? [];
  const { pairs, removed, added } = matchCells(cellsA, cellsB);
  const out: { at: number; change: FieldChange }[] = [];
  for (const [i, j] of pairs) {
    const ca = cellsA[i]!;
    const cb = cellsB[j]!;
    const ref: CellRef = { label: cb.label, role: cb.role, index: j, ...(ca.label !== cb.label ? { beforeLabel: ca.label } : {}) };
    // The cell the title and subtitle come from differs only where it holds more than them (they are compared as fields of their own).
    const isTitleCell = i === titleCellIndex(a) && j === titleCellIndex(b);
    const same = isTitleCell ? titleCellRest(a, ca.text) === titleCellRest(b, cb.text) : ca.text === cb.text;
    const text = same ? null : textChange('text', `cells[${cb.label}]`, ca.text, cb.text);
    if (text) out.push({ at: j, change: { ...text, cell: ref } });
    else if (ca.text === cb.text && stableJson(ca.blocks) !== stableJson(cb.blocks)) {
      // The same text in other blocks (a paragraph that became a list) is a change of its own.
      out.push({ at: j, change: { field: `cells[${cb.label}].blocks`, category: 'text', before: blockLines(ca.blocks), after: blockLines(cb.blocks), words: null, cell: ref } });
    }
  }
  for (const i of removed) {
    const ca = cellsA[i]!;
    out.push({ at: i - 0.5, change: { field: `cells[${ca.label}]`, category: 'structure', before: ca.text, after: undefined, words: null, cell: { label: ca.label, role: ca.role, index: i } } });
  }
  for (const j of added) {
    const cb = cellsB[j]!;
    out.push({ at: j, change: { field: `cells[${cb.label}]`, category: 'structure', before: undefined, after: cb.text, words: null, cell: { label: cb.label, role: cb.role, index: j } } });
  }
  return out.sort((x, y) => x.at - y.at).map((x) => x.change);
}

function diffGoal(a: Goal, b: Goal, reportA: string, reportB: string, provenance: boolean): Pick<GoalChange, 'fields' | 'facts' | 'series'> {
  // The id changes with the source bytes (its report prefix): that is reported once, as the report
  // id. The key changes only when the goal was paired by title.
  const fields = compact([
    valueChange('provenance', 'key', goalKeyOf(a, reportA), goalKeyOf(b, reportB)),
    valueChange('structure', 'table', a.table, b.table),
    valueChange('provenance', 'ordinal', a.ordinal, b.ordinal),
    textChange('structure', 'section', a.section, b.section),
    textChange('structure', 'group', a.group, b.group),
    textChange('text', 'number', a.number, b.number),
    textChange('text', 'title', a.title, b.title),
    textChange('text', 'subtitle', a.subtitle, b.subtitle),
    valueChange('structure', 'total', a.total, b.total),
  ]);
  fields.push(...cellChanges(a, b));
  fields.push(
    ...compact([
      valueChange('provenance', 'provenance.pages', a.provenance.pages, b.provenance.pages),
      valueChange('provenance', 'provenance.lines', a.provenance.lines, b.provenance.lines),
    ]),
  );
  return { fields, facts: diffFacts(a, b, provenance), series: diffSeries(a, b, provenance) };
}

// ---------------------------------------------------------------------------------------------
// Facts and series

/** The label under which a side's cell is compared: the old row's label for a new cell paired with an old one (a renamed column). */
type CellNames = (cell: number) => string | undefined;

/** Where a fact or series stands, as the diff pairs them: its cell's (old) column label, else its own, and its field. */
function placeKey(f: { cell?: number; column?: string; field?: FactField }, names: CellNames): string {
  const label = (f.cell === undefined ? undefined : names(f.cell)) ?? f.column ?? (f.cell === undefined ? '' : `#${f.cell}`);
  return `${label}\u0000${f.field ?? ''}`;
}

/** How each side names its cells for pairing facts and series: the new row's cells by the label of the old cell they were paired with. */
function cellNames(a: Goal, b: Goal): { a: CellNames; b: CellNames } {
  const cellsA = a.cells ?? [];
  const cellsB = b.cells ?? [];
  const { pairs } = matchCells(cellsA, cellsB);
  const toA = new Map(pairs.map(([i, j]) => [j, i]));
  return {
    a: (i) => cellsA[i]?.label,
    b: (j) => {
      const i = toA.get(j);
      return i === undefined ? cellsB[j]?.label : cellsA[i]!.label;
    },
  };
}

function factRef(f: Fact): FactRef {
  return {
    kind: f.kind,
    cell: f.cell ?? null,
    column: f.column ?? null,
    field: f.field ?? null,
    text: f.text,
    span: [f.span[0], f.span[1]],
    value: describeFactValue(f),
  };
}

/** The properties of a fact beyond where it is (span, and a PDF fact's boxes): its normalized value. */
function factValue(f: Fact): Record<string, unknown> {
  const { kind: _k, cell: _c, column: _l, field: _f, text: _t, span: _s, boxes: _b, ...rest } = f;
  return rest;
}

/**
 * What differs between two paired facts. A span that moved with the text around it is no change of
 * the fact (it is one of provenance, reported only with `provenance`); on the same text it is a
 * change of offsets alone, of provenance too.
 */
function changedFactFields(a: Fact, b: Fact, sameSource: boolean, provenance: boolean): string[] {
  const va = factValue(a);
  const vb = factValue(b);
  const keys = [...new Set([...Object.keys(va), ...Object.keys(vb)])];
  const out = keys.filter((k) => stableJson(va[k]) !== stableJson(vb[k]));
  if (a.text !== b.text) out.unshift('text');
  if ((sameSource || provenance) && (a.span[0] !== b.span[0] || a.span[1] !== b.span[1])) out.push('span');
  // Where a PDF fact stands on its page is provenance: a text and a PDF of one report differ in it by design.
  if (provenance && stableJson(a.boxes ?? null) !== stableJson(b.boxes ?? null)) out.push('boxes');
  return out;
}

/** Fields of a fact or series that say only where it stands. */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['span', 'boxes']);

/** A fact or series change that is one of place alone (offsets, boxes) is provenance; anything else is a change of facts. */
function factCategory(fields: readonly string[]): 'facts' | 'provenance' {
  return fields.length > 0 && fields.every((f) => PLACE_FIELDS.has(f)) ? 'provenance' : 'facts';
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** The text a fact's span indexes, or null (a fact of a report JSON of another version may name no place). */
function sourceOf(goal: Goal, place: { cell?: number; field?: FactField }): string | null {
  return goal.cells ? factSourceText(goal, place) : null;
}

/**
 * Facts of two versions of a goal: paired by place (cell label and field), kind and surface text, then
 * by overlap or value. Changes of offsets alone (`category: 'provenance'`) are included; the caller
 * drops them unless provenance is asked for.
 */
export function diffFacts(a: Goal, b: Goal, provenance = false): FactChange[] {
  const names = cellNames(a, b);
  const key = (f: Fact, side: CellNames) => `${placeKey(f, side)}\u0000${f.kind}\u0000${f.text}`;
  const pool = new Map<string, number[]>();
  b.facts.forEach((f, j) => pool.set(key(f, names.b), [...(pool.get(key(f, names.b)) ?? []), j]));
  const pairs: [number, number][] = [];
  const leftA: number[] = [];
  a.facts.forEach((f, i) => {
    const j = pool.get(key(f, names.a))?.shift();
    if (j === undefined) leftA.push(i);
    else pairs.push([i, j]);
  });
  const usedB = new Set(pairs.map(([, j]) => j));
  for (const i of [...leftA]) {
    const fa = a.facts[i]!;
    const j = b.facts.findIndex(
      (fb, jj) =>
        !usedB.has(jj) &&
        fb.kind === fa.kind &&
        placeKey(fb, names.b) === placeKey(fa, names.a) &&
        (overlaps(fa.span, fb.span) || describeFactValue(fa) === describeFactValue(fb)),
    );
    if (j >= 0) {
      pairs.push([i, j]);
      usedB.add(j);
      leftA.splice(leftA.indexOf(i), 1);
    }
  }
  const out: { at: number; change: FactChange }[] = [];
  for (const [i, j] of pairs) {
    const fa = a.facts[i]!;
    const fb = b.facts[j]!;
    const sameSource = sourceOf(a, fa) === sourceOf(b, fb);
    const fields = changedFactFields(fa, fb, sameSource, provenance);
    if (fields.length) out.push({ at: j, change: { change: 'changed', category: factCategory(fields), before: factRef(fa), after: factRef(fb), fields } });
  }
  for (const i of leftA) out.push({ at: i - 0.5, change: { change: 'removed', category: 'facts', before: factRef(a.facts[i]!), after: null, fields: [] } });
  b.facts.forEach((fb, j) => {
    if (!usedB.has(j)) out.push({ at: j, change: { change: 'added', category: 'facts', before: null, after: factRef(fb), fields: [] } });
  });
  return out.sort((x, y) => x.at - y.at).map((x) => x.change);
}

function seriesRef(s: Series): SeriesRef {
  return {
    cell: s.cell ?? null,
    column: s.column ?? null,
    field: s.field ?? null,
    label: s.label,
    unit: s.unit,
    span: [s.span[0], s.span[1]],
    points: describeSeriesPoints(s),
  };
}

/** Time series of two versions of a goal, paired by place, label and unit (offsets as for `diffFacts`). */
export function diffSeries(a: Goal, b: Goal, provenance = false): SeriesChange[] {
  const names = cellNames(a, b);
  const key = (s: Series, side: CellNames) => `${placeKey(s, side)}\u0000${s.label ?? ''}\u0000${s.unit}`;
  const pool = new Map<string, number[]>();
  b.series.forEach((s, j) => pool.set(key(s, names.b), [...(pool.get(key(s, names.b)) ?? []), j]));
  const usedB = new Set<number>();
  const out: SeriesChange[] = [];
  a.series.forEach((sa) => {
    const j = pool.get(key(sa, names.a))?.shift();
    if (j === undefined) {
      out.push({ change: 'removed', category: 'facts', before: seriesRef(sa), after: null });
      return;
    }
    usedB.add(j);
    const sb = b.series[j]!;
    const sameSource = sourceOf(a, sa) === sourceOf(b, sb);
    const spanMoved = (sameSource || provenance) && (sa.span[0] !== sb.span[0] || sa.span[1] !== sb.span[1]);
    const pointsChanged = stableJson(sa.points) !== stableJson(sb.points);
    if (pointsChanged || spanMoved) {
      out.push({ change: 'changed', category: pointsChanged ? 'facts' : 'provenance', before: seriesRef(sa), after: seriesRef(sb) });
    }
  });
  b.series.forEach((sb, j) => {
    if (!usedB.has(j)) out.push({ change: 'added', category: 'facts', before: null, after: seriesRef(sb) });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

// The stored message says what the params say; params alone (absent from an upgraded version-1
// report) make no difference of their own.
function diagnosticKey({ severity, code, message }: Diagnostic): string {
  return stableJson({ severity, code, message });
}

function diagnosticPlace({ page, line, column }: Diagnostic): string {
  return stableJson({ page, line, column });
}

/**
 * Diagnostics of two reports: those only on one side (by severity, code and message: a position
 * alone makes no difference), and those on both at another position (paired in order).
 */
function diffDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): ReportDiff['diagnostics'] {
  const exact = multisetDiff(a, b, (d) => `${diagnosticKey(d)}\u0000${diagnosticPlace(d)}`);
  const pool = new Map<string, Diagnostic[]>();
  for (const d of exact.added) pool.set(diagnosticKey(d), [...(pool.get(diagnosticKey(d)) ?? []), d]);
  const moved: DiagnosticMove[] = [];
  const removed: Diagnostic[] = [];
  for (const d of exact.removed) {
    const other = pool.get(diagnosticKey(d))?.shift();
    if (other) moved.push({ before: d, after: other });
    else removed.push(d);
  }
  const paired = new Set(moved.map((m) => m.after));
  return { added: exact.added.filter((d) => !paired.has(d)), removed, moved };
}

/** Items of `a` not in `b` and of `b` not in `a`, as multisets, each in its own order. */
function multisetDiff<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): { removed: T[]; added: T[] } {
  const count = new Map<string, number>();
  for (const x of b) count.set(key(x), (count.get(key(x)) ?? 0) + 1);
  const removed: T[] = [];
  for (const x of a) {
    const n = count.get(key(x)) ?? 0;
    if (n > 0) count.set(key(x), n - 1);
    else removed.push(x);
  }
  const countA = new Map<string, number>();
  for (const x of a) countA.set(key(x), (countA.get(key(x)) ?? 0) + 1);
  const added: T[] = [];
  for (const x of b) {
    const n = countA.get(key(x)) ?? 0;
    if (n > 0) countA.set(key(x), n - 1);
    else added.push(x);
  }
  return { removed, added };
}

/** A column in one line: `amount: 2025 Beløb i t.kr. [t.kr. × 1000, header] (2025) from header`. */
export function describeColumn(c: Column): string {
  const scale = c.scale ? ` [${c.scale.unit} × ${c.scale.factor}, ${c.scale.from}]` : '';
  const year = c.year !== null && c.year !== undefined ? ` (${c.year})` : '';
  return `${c.role}: ${c.label}${scale}${year} from ${c.roleFrom ?? '?'}`;
}

/** A table in one line, for a table added or removed: `"Tabel 1" (3 columns)`. */
function describeTable(t: Table): string {
  return `${t.caption === null ? '(no caption)' : JSON.stringify(t.caption)}: ${(t.columns ?? []).map(describeColumn).join('; ')}`;
}

/**
 * Tables compared by ordinal: caption and columns (role, label, scale, year, how the role was
 * decided). Not their provenance: where the goals stand is compared goal by goal.
 */
function tableChanges(a: readonly Table[], b: readonly Table[]): FieldChange[] {
  const out: FieldChange[] = [];
  const ordinals = [...new Set([...a.map((t) => t.ordinal), ...b.map((t) => t.ordinal)])].sort((x, y) => x - y);
  for (const n of ordinals) {
    const ta = a.find((t) => t.ordinal === n);
    const tb = b.find((t) => t.ordinal === n);
    const at = `tables[${n}]`;
    if (!ta || !tb) {
      out.push({ field: at, category: 'structure', before: ta ? describeTable(ta) : undefined, after: tb ? describeTable(tb) : undefined, words: null });
      continue;
    }
    out.push(
      ...compact([
        textChange('structure', `${at}.caption`, ta.caption, tb.caption),
        valueChange('structure', `${at}.columns`, (ta.columns ?? []).map(describeColumn), (tb.columns ?? []).map(describeColumn)),
      ]),
    );
  }
  return out;
}

/** JSON paths where two values differ, for whatever the named comparisons do not cover. */
function differingPaths(a: unknown, b: unknown, path: string, out: FieldChange[], limit = 20): void {
  if (out.length >= limit || stableJson(a) === stableJson(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) differingPaths(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out, limit);
    return;
  }
  out.push({ field: path || '(report)', category: 'structure', before: a, after: b, words: null });
}

/** Fields the named comparisons look at; the rest is compared generically. */
const MODELLED_REPORT_KEYS = [
  'schemaVersion', 'id', 'source', 'title', 'intro', 'committee', 'meetingDate', 'municipality', 'period', 'tables', 'sections', 'goals', 'diagnostics',
];
const MODELLED_GOAL_KEYS = [
  'id', 'key', 'table', 'ordinal', 'section', 'group', 'number', 'title', 'subtitle', 'total', 'cells', 'facts', 'series', 'provenance',
];
const MODELLED_GOAL_FIELDS = new Set(MODELLED_GOAL_KEYS);

function omit(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

/** Goals sharing an unmodelled field change at least this often get one line for all of them. */
const SHARED_FIELD_GOALS = 3;

/**
 * A field added to (or dropped from) the schema changes every goal the same way: such changes are
 * taken off the goals and returned once, as `goals[*].field`, with the number of goals.
 */
function hoistSharedGoalFields(changes: GoalChange[]): FieldChange[] {
  const isUnmodelled = (f: FieldChange) => !MODELLED_GOAL_FIELDS.has(f.field.split(/[.[]/)[0]!);
  const key = (f: FieldChange) => `${f.field}\u0000${stableJson(f.before) ?? 'undefined'}\u0000${stableJson(f.after) ?? 'undefined'}`;
  const count = new Map<string, { field: FieldChange; n: number }>();
  for (const g of changes) {
    for (const f of g.fields.filter(isUnmodelled)) {
      const entry = count.get(key(f)) ?? { field: f, n: 0 };
      entry.n++;
      count.set(key(f), entry);
    }
  }
  const shared = new Set([...count].filter(([, v]) => v.n >= SHARED_FIELD_GOALS).map(([k]) => k));
  for (const g of changes) g.fields = g.fields.filter((f) => !isUnmodelled(f) || !shared.has(key(f)));
  return [...shared].map((k) => {
    const { field, n } = count.get(k)!;
    return { ...field, field: `goals[*].${field.field}`, goals: n };
  });
}

/** True when a goal change says more than where the goal stands (with `provenance`, a goal may differ in that alone). */
export function hasContentChange(g: GoalChange): boolean {
  return g.change !== 'changed' || g.moved || [...g.fields, ...g.facts, ...g.series].some((c) => c.category !== 'provenance');
}

/** The changes of a goal change with their categories: its own (added, removed, moved) and those of its fields, facts and series. */
function goalCategories(g: GoalChange): ChangeCategory[] {
  return [
    ...(g.change !== 'changed' || g.moved ? ['structure' as const] : []),
    ...g.fields.map((f) => f.category),
    ...g.facts.map((f) => f.category),
    ...g.series.map((x) => x.category),
  ];
}

/** The counts of a diff (see `DiffSummary`). */
function summarize(d: Omit<ReportDiff, 'summary' | 'equal'>, added: number, removed: number): DiffSummary {
  const changes: Record<ChangeCategory, number> = { structure: 0, facts: 0, text: 0, diagnostics: 0, provenance: 0 };
  for (const f of [...d.report, ...d.other]) changes[f.category]++;
  changes.structure += d.sections.added.length + d.sections.removed.length;
  changes.diagnostics += d.diagnostics.added.length + d.diagnostics.removed.length;
  changes.provenance += d.diagnostics.moved.length;
  for (const g of d.goals) {
    const cats = goalCategories(g);
    // A goal counts once for its structure and once for its provenance; facts and text per fact and field.
    if (cats.includes('structure')) changes.structure++;
    if (cats.includes('provenance')) changes.provenance++;
    changes.facts += cats.filter((c) => c === 'facts').length;
    changes.text += cats.filter((c) => c === 'text').length;
  }
  const tableFields = d.report.filter((f) => /^tables\[\d+\]/.test(f.field));
  const facts = d.goals.flatMap((g) => [...g.facts, ...g.series]).filter((f) => f.category === 'facts');
  return {
    changes,
    tablesAdded: tableFields.filter((f) => f.before === undefined).length,
    tablesRemoved: tableFields.filter((f) => f.after === undefined).length,
    tablesChanged: new Set(tableFields.filter((f) => f.before !== undefined && f.after !== undefined).map((f) => f.field.split('.')[0])).size,
    sectionsAdded: d.sections.added.length,
    sectionsRemoved: d.sections.removed.length,
    goalsAdded: added,
    goalsRemoved: removed,
    goalsChanged: d.goals.filter((g) => g.change === 'changed' && [...g.fields, ...g.facts, ...g.series].some((c) => c.category !== 'provenance')).length,
    goalsMoved: d.goals.filter((g) => g.moved).length,
    goalsRenumbered: d.goals.filter((g) => g.renumbered).length,
    factsAdded: facts.filter((f) => f.change === 'added').length,
    factsRemoved: facts.filter((f) => f.change === 'removed').length,
    factsChanged: facts.filter((f) => f.change === 'changed').length,
  };
}

/** What `diff --fail-on` takes: every category, or some of them. */
export type FailOn = 'any' | Exclude<ChangeCategory, 'provenance'>;

/** The values of `--fail-on`: `any`, and every category but provenance (shown only when asked for, never a failure of its own). */
export const FAIL_ON: readonly FailOn[] = ['any', ...CHANGE_CATEGORIES.filter((c): c is Exclude<ChangeCategory, 'provenance'> => c !== 'provenance')];

/** True when the diff has a change of a category in `failOn` (`any`: any change the diff reports). */
export function diffFails(diff: ReportDiff, failOn: readonly FailOn[]): boolean {
  if (failOn.includes('any')) return !diff.equal;
  return failOn.some((c) => diff.summary.changes[c as ChangeCategory] > 0);
}

/**
 * The semantic diff of two reports (`a` the old one, `b` the new one). Pure. Provenance is compared
 * only with `options.provenance`; without it, a change of provenance alone makes no difference.
 */
export function diffReports(a: Report, b: Report, options: DiffOptions = {}): ReportDiff {
  const provenance = options.provenance ?? false;
  const keep = <T extends { category: ChangeCategory }>(items: T[]): T[] => (provenance ? items : items.filter((x) => x.category !== 'provenance'));
  const report = keep(
    compact([
      valueChange('structure', 'schemaVersion', a.schemaVersion, b.schemaVersion),
      valueChange('provenance', 'id', a.id, b.id),
      textChange('provenance', 'source.path', a.source.path, b.source.path),
      valueChange('provenance', 'source.sha256', a.source.sha256, b.source.sha256),
      valueChange('provenance', 'source.format', a.source.format, b.source.format),
      valueChange('provenance', 'source.bytes', a.source.bytes, b.source.bytes),
      valueChange('provenance', 'source.pages', a.source.pages, b.source.pages),
      textChange('text', 'title', a.title, b.title),
      textChange('text', 'intro', a.intro, b.intro),
      textChange('text', 'committee', a.committee, b.committee),
      valueChange('facts', 'meetingDate', a.meetingDate, b.meetingDate),
      textChange('text', 'municipality', a.municipality, b.municipality),
      valueChange('facts', 'period', a.period, b.period),
    ]),
  );
  report.push(...tableChanges(a.tables ?? [], b.tables ?? []));
  // Sections by table and title: one inserted above renumbers the rest, which is no change of theirs.
  const sectionsDiff = multisetDiff(a.sections, b.sections, (s) => `${s.table}\u0000${s.title}`);
  const diagnostics = diffDiagnostics(a.diagnostics, b.diagnostics);
  if (!provenance) diagnostics.moved = [];

  const { pairs, removed, added } = matchGoals(a.goals, b.goals, { before: a.id, after: b.id });
  const inOrder = longestIncreasing(pairs.map(([i]) => i));
  const entries: { at: number; change: GoalChange }[] = [];
  pairs.forEach(([i, j, matchedBy], k) => {
    const ga = a.goals[i]!;
    const gb = b.goals[j]!;
    const detail = diffGoal(ga, gb, a.id, b.id, provenance);
    const other: FieldChange[] = [];
    differingPaths(omit(ga, MODELLED_GOAL_KEYS), omit(gb, MODELLED_GOAL_KEYS), '', other);
    detail.fields.push(...other);
    const fields = keep(detail.fields);
    const facts = keep(detail.facts);
    const series = keep(detail.series);
    const moved = ga.table !== gb.table || ga.section !== gb.section || (ga.group ?? null) !== (gb.group ?? null) || !inOrder.has(k);
    const renumbered = ga.ordinal !== gb.ordinal;
    if (!fields.length && !facts.length && !series.length && !moved) return;
    // (Entries left with nothing once shared field changes are hoisted are dropped below.)
    entries.push({
      at: j,
      change: { change: 'changed', before: goalRef(ga, a.id), after: goalRef(gb, b.id), matchedBy, moved, renumbered, fields, facts, series },
    });
  });
  const whole = (f: Fact, change: 'added' | 'removed'): FactChange =>
    change === 'added' ? { change, category: 'facts', before: null, after: factRef(f), fields: [] } : { change, category: 'facts', before: factRef(f), after: null, fields: [] };
  for (const j of added) {
    const gb = b.goals[j]!;
    entries.push({
      at: j,
      change: { change: 'added', before: null, after: goalRef(gb, b.id), matchedBy: null, moved: false, renumbered: false, fields: [], facts: gb.facts.map((f) => whole(f, 'added')), series: [] },
    });
  }
  for (const i of removed) {
    // A removed goal is listed after the goal that followed its predecessor in the new report.
    const before = pairs.filter(([pi]) => pi < i).map(([, pj]) => pj);
    const at = (before.length ? Math.max(...before) : -1) + 0.5 + i / (a.goals.length + 1) / 2;
    const ga = a.goals[i]!;
    entries.push({
      at,
      change: { change: 'removed', before: goalRef(ga, a.id), after: null, matchedBy: null, moved: false, renumbered: false, fields: [], facts: ga.facts.map((f) => whole(f, 'removed')), series: [] },
    });
  }
  const other: FieldChange[] = hoistSharedGoalFields(entries.map((e) => e.change));
  const goals = entries
    .sort((x, y) => x.at - y.at)
    .map((e) => e.change)
    .filter((g) => g.change !== 'changed' || g.fields.length || g.facts.length || g.series.length || g.moved);

  differingPaths(omit(a, MODELLED_REPORT_KEYS), omit(b, MODELLED_REPORT_KEYS), '', other);
  differingPaths(omit(a.source, ['path', 'sha256', 'format', 'bytes', 'pages']), omit(b.source, ['path', 'sha256', 'format', 'bytes', 'pages']), 'source', other);

  const side = (r: Report): DiffSide => ({ id: r.id, path: r.source.path, tables: (r.tables ?? []).length, goals: r.goals.length });
  const body = {
    provenance,
    before: side(a),
    after: side(b),
    report,
    sections: { added: sectionsDiff.added, removed: sectionsDiff.removed },
    diagnostics,
    goals,
    other,
  };
  const summary = summarize(body, added.length, removed.length);
  const equal = CHANGE_CATEGORIES.every((c) => summary.changes[c] === 0);
  return { equal, ...body, summary };
}
