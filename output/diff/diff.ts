/**
 * The semantic diff of two reports as plain data (`diffReports`); ./render.ts writes it as text.
 * Goals are matched by stable id, then by title (exact, then similar), so a goal that moved, was
 * renumbered or was retitled reads as one change, not as a removal and an addition. Text fields are
 * compared word by word; facts by column, kind and surface text, with their normalized values;
 * report-level fields, sections and diagnostics too. The diff is pure and deterministic.
 */
import { factColumnText } from '../../pipeline/stages/facts.js';
import { diffWords, diffWordsWithSpace } from 'diff';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { Fact, FactColumn, Series } from '../../schemas/fact.js';
import type { Block, Goal, Report, Section } from '../../schemas/report.js';
import { describeFactValue, describeSeriesPoints } from '../describe-fact.js';

/** One run of a word diff: text kept, added or removed. */
export interface WordPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

/**
 * A field whose value differs; `words` is the word diff when both values are text. `goals` counts
 * the goals that share this very change (`goals[*].field` entries of `ReportDiff.other`).
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  words: WordPart[] | null;
  goals?: number;
}

/** A goal as named in a diff. */
export interface GoalRef {
  id: string;
  ordinal: number;
  section: string | null;
  title: string;
}

/** A fact as shown in a diff: where it is, what it says, and its normalized value in words. */
export interface FactRef {
  kind: Fact['kind'];
  column: FactColumn | null;
  text: string;
  span: [number, number];
  value: string;
}

/** A fact added, removed or changed (same place and surface text, or overlapping, with another value). */
export interface FactChange {
  change: 'added' | 'removed' | 'changed';
  before: FactRef | null;
  after: FactRef | null;
  /** For `changed`: which properties differ (e.g. `value`, `per`, `span`, `text`). */
  fields: string[];
}

/** A time series as shown in a diff. */
export interface SeriesRef {
  column: FactColumn | null;
  label: string | null;
  unit: Series['unit'];
  span: [number, number];
  points: string;
}

/** A time series added, removed or changed. */
export interface SeriesChange {
  change: 'added' | 'removed' | 'changed';
  before: SeriesRef | null;
  after: SeriesRef | null;
}

/** How an old and a new goal were paired. */
export type GoalMatch = 'id' | 'title' | 'similar-title';

/** A goal added, removed or changed. */
export interface GoalChange {
  change: 'added' | 'removed' | 'changed';
  before: GoalRef | null;
  after: GoalRef | null;
  matchedBy: GoalMatch | null;
  /** Moved to another section, or out of its order relative to the other goals. */
  moved: boolean;
  /** Ordinal (and so id) differs, e.g. because a goal above was added or removed. */
  renumbered: boolean;
  fields: FieldChange[];
  facts: FactChange[];
  series: SeriesChange[];
}

/** The semantic difference of two reports. `equal` is true only when nothing at all differs. */
export interface ReportDiff {
  equal: boolean;
  before: { id: string; path: string; goals: number };
  after: { id: string; path: string; goals: number };
  /** Report-level fields: schema version, id, source, title, intro, committee, period, columns. */
  report: FieldChange[];
  sections: { added: Section[]; removed: Section[] };
  diagnostics: { added: Diagnostic[]; removed: Diagnostic[] };
  /** Goals that differ, in the order of the new report (removed goals where they stood). */
  goals: GoalChange[];
  /** Differences the model above does not name (fields added to the schema later): JSON paths. */
  other: FieldChange[];
  summary: DiffSummary;
}

/** Counts of a diff. */
export interface DiffSummary {
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

function textChange(field: string, before: string | null, after: string | null): FieldChange | null {
  if (before === after) return null;
  // (Either may be absent in a report JSON of another schema version.)
  const words = typeof before === 'string' && typeof after === 'string' ? wordDiff(before, after) : null;
  return { field, before, after, words };
}

function valueChange(field: string, before: unknown, after: unknown): FieldChange | null {
  return stableJson(before) === stableJson(after) ? null : { field, before, after, words: null };
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

function goalRef(g: Goal): GoalRef {
  return { id: g.id, ordinal: g.ordinal, section: g.section, title: g.title };
}

/** A goal id without its report prefix (the first 12 hex digits of the report id), when it has one. */
export function localGoalId(goalId: string, reportId: string): string {
  const prefix = `${reportId.slice(0, 12)}-`;
  return goalId.startsWith(prefix) ? goalId.slice(prefix.length) : goalId;
}

function normTitle(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

function words(title: string): Set<string> {
  return new Set(normTitle(title).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
}

/** Dice coefficient of the word sets of two titles (1 = same words). */
export function titleSimilarity(a: string, b: string): number {
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
 * Pairs old and new goals: by id (without the report prefix, so that an edited source still
 * matches), then by exact title (in order), then by similar title.
 */
export function matchGoals(
  before: readonly Goal[],
  after: readonly Goal[],
  ids: { before?: string; after?: string } = {},
): { pairs: [number, number, GoalMatch][]; removed: number[]; added: number[] } {
  const idA = (g: Goal) => (ids.before ? localGoalId(g.id, ids.before) : g.id);
  const idB = (g: Goal) => (ids.after ? localGoalId(g.id, ids.after) : g.id);
  const pairs: [number, number, GoalMatch][] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const byId = new Map<string, number>();
  after.forEach((g, j) => {
    if (!byId.has(idB(g))) byId.set(idB(g), j);
  });
  before.forEach((g, i) => {
    const j = byId.get(idA(g));
    if (j !== undefined && !usedB.has(j)) {
      pairs.push([i, j, 'id']);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const byTitle = new Map<string, number[]>();
  after.forEach((g, j) => {
    if (usedB.has(j)) return;
    const key = normTitle(g.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), j]);
  });
  before.forEach((g, i) => {
    if (usedA.has(i)) return;
    const j = byTitle.get(normTitle(g.title))?.shift();
    if (j !== undefined) {
      pairs.push([i, j, 'title']);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const candidates: { i: number; j: number; score: number }[] = [];
  before.forEach((a, i) => {
    if (usedA.has(i)) return;
    after.forEach((b, j) => {
      if (usedB.has(j)) return;
      const score = titleSimilarity(a.title, b.title);
      if (score >= SIMILAR_TITLE) candidates.push({ i, j, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    pairs.push([c.i, c.j, 'similar-title']);
    usedA.add(c.i);
    usedB.add(c.j);
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

function diffGoal(a: Goal, b: Goal, reportA: string, reportB: string): Pick<GoalChange, 'fields' | 'facts' | 'series'> {
  // The report prefix of an id changes with the source bytes; that is reported once, as the report id.
  const fields = compact([
    localGoalId(a.id, reportA) === localGoalId(b.id, reportB) ? null : valueChange('id', a.id, b.id),
    valueChange('ordinal', a.ordinal, b.ordinal),
    textChange('section', a.section, b.section),
    textChange('title', a.title, b.title),
    textChange('subtitle', a.subtitle, b.subtitle),
    textChange('initiatives', a.initiatives.text, b.initiatives.text),
    // The same text in other blocks (a paragraph that became a list) is a change of its own.
    a.initiatives.text === b.initiatives.text ? valueChange('initiatives.blocks', a.initiatives.blocks, b.initiatives.blocks) : null,
    textChange('results', a.results.text, b.results.text),
    a.results.text === b.results.text ? valueChange('results.blocks', a.results.blocks, b.results.blocks) : null,
    valueChange('provenance.pages', a.provenance.pages, b.provenance.pages),
    valueChange('provenance.lines', a.provenance.lines, b.provenance.lines),
  ]).map((f) =>
    f.field.endsWith('.blocks')
      ? { ...f, before: blockLines(f.before as Block[]), after: blockLines(f.after as Block[]) }
      : f,
  );
  return { fields, facts: diffFacts(a, b), series: diffSeries(a, b) };
}

// ---------------------------------------------------------------------------------------------
// Facts and series


function factRef(f: Fact): FactRef {
  return { kind: f.kind, column: f.column ?? null, text: f.text, span: [f.span[0], f.span[1]], value: describeFactValue(f) };
}

/** The properties of a fact beyond where it is: its normalized value. */
function factValue(f: Fact): Record<string, unknown> {
  const { kind: _k, column: _c, text: _t, span: _s, ...rest } = f;
  return rest;
}

function changedFactFields(a: Fact, b: Fact, sameSource: boolean): string[] {
  const va = factValue(a) as Record<string, unknown>;
  const vb = factValue(b) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(va), ...Object.keys(vb)])];
  const out = keys.filter((k) => stableJson(va[k]) !== stableJson(vb[k]));
  if (a.text !== b.text) out.unshift('text');
  // A span that moved with the text around it is no change of the fact; on the same text it is.
  if (sameSource && (a.span[0] !== b.span[0] || a.span[1] !== b.span[1])) out.push('span');
  return out;
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Facts of two versions of a goal: paired by column, kind and surface text, then by overlap or value. */
export function diffFacts(a: Goal, b: Goal): FactChange[] {
  const key = (f: Fact) => `${f.column ?? ''}\u0000${f.kind}\u0000${f.text}`;
  const pool = new Map<string, number[]>();
  b.facts.forEach((f, j) => pool.set(key(f), [...(pool.get(key(f)) ?? []), j]));
  const pairs: [number, number][] = [];
  const leftA: number[] = [];
  a.facts.forEach((f, i) => {
    const j = pool.get(key(f))?.shift();
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
        (fb.column ?? null) === (fa.column ?? null) &&
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
    const sameSource = factColumnText(a, fa.column) === factColumnText(b, fb.column);
    const fields = changedFactFields(fa, fb, sameSource);
    if (fields.length) out.push({ at: j, change: { change: 'changed', before: factRef(fa), after: factRef(fb), fields } });
  }
  for (const i of leftA) out.push({ at: i - 0.5, change: { change: 'removed', before: factRef(a.facts[i]!), after: null, fields: [] } });
  b.facts.forEach((fb, j) => {
    if (!usedB.has(j)) out.push({ at: j, change: { change: 'added', before: null, after: factRef(fb), fields: [] } });
  });
  return out.sort((x, y) => x.at - y.at).map((x) => x.change);
}

function seriesRef(s: Series): SeriesRef {
  return { column: s.column ?? null, label: s.label, unit: s.unit, span: [s.span[0], s.span[1]], points: describeSeriesPoints(s) };
}

/** Time series of two versions of a goal, paired by column, label and unit. */
export function diffSeries(a: Goal, b: Goal): SeriesChange[] {
  const key = (s: Series) => `${s.column ?? ''}\u0000${s.label ?? ''}\u0000${s.unit}`;
  const pool = new Map<string, number[]>();
  b.series.forEach((s, j) => pool.set(key(s), [...(pool.get(key(s)) ?? []), j]));
  const usedB = new Set<number>();
  const out: SeriesChange[] = [];
  a.series.forEach((sa) => {
    const j = pool.get(key(sa))?.shift();
    if (j === undefined) {
      out.push({ change: 'removed', before: seriesRef(sa), after: null });
      return;
    }
    usedB.add(j);
    const sb = b.series[j]!;
    const sameSource = factColumnText(a, sa.column) === factColumnText(b, sb.column);
    const spanMoved = sameSource && (sa.span[0] !== sb.span[0] || sa.span[1] !== sb.span[1]);
    if (stableJson(sa.points) !== stableJson(sb.points) || spanMoved) {
      out.push({ change: 'changed', before: seriesRef(sa), after: seriesRef(sb) });
    }
  });
  b.series.forEach((sb, j) => {
    if (!usedB.has(j)) out.push({ change: 'added', before: null, after: seriesRef(sb) });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

// The stored fields only: a parsed report's in-memory `params` are not part of its JSON.
function diagnosticKey({ severity, code, message, page, line, column }: Diagnostic): string {
  return stableJson({ severity, code, message, page, line, column });
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

/** JSON paths where two values differ, for whatever the named comparisons do not cover. */
function differingPaths(a: unknown, b: unknown, path: string, out: FieldChange[], limit = 20): void {
  if (out.length >= limit || stableJson(a) === stableJson(b)) return;
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) differingPaths(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k, out, limit);
    return;
  }
  out.push({ field: path || '(report)', before: a, after: b, words: null });
}

/** Fields the named comparisons look at; the rest is compared generically. */
const MODELLED_REPORT_KEYS = ['schemaVersion', 'id', 'source', 'title', 'intro', 'committee', 'period', 'columns', 'sections', 'goals', 'diagnostics'];
const MODELLED_GOAL_KEYS = ['id', 'ordinal', 'section', 'title', 'subtitle', 'initiatives', 'results', 'facts', 'series', 'provenance'];
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

/** The semantic diff of two reports (`a` the old one, `b` the new one). Pure. */
export function diffReports(a: Report, b: Report): ReportDiff {
  const report = compact([
    valueChange('schemaVersion', a.schemaVersion, b.schemaVersion),
    valueChange('id', a.id, b.id),
    textChange('source.path', a.source.path, b.source.path),
    valueChange('source.sha256', a.source.sha256, b.source.sha256),
    valueChange('source.format', a.source.format, b.source.format),
    valueChange('source.bytes', a.source.bytes, b.source.bytes),
    valueChange('source.pages', a.source.pages, b.source.pages),
    textChange('title', a.title, b.title),
    textChange('intro', a.intro, b.intro),
    textChange('committee', a.committee, b.committee),
    valueChange('period', a.period, b.period),
    valueChange('columns', a.columns.map((c) => `${c.role}: ${c.label}`), b.columns.map((c) => `${c.role}: ${c.label}`)),
  ]);
  const sectionsDiff = multisetDiff(a.sections, b.sections, (s) => `${s.ordinal}\u0000${s.title}`);
  const diagnostics = multisetDiff(a.diagnostics, b.diagnostics, diagnosticKey);

  const { pairs, removed, added } = matchGoals(a.goals, b.goals, { before: a.id, after: b.id });
  const inOrder = longestIncreasing(pairs.map(([i]) => i));
  const entries: { at: number; change: GoalChange }[] = [];
  pairs.forEach(([i, j, matchedBy], k) => {
    const ga = a.goals[i]!;
    const gb = b.goals[j]!;
    const detail = diffGoal(ga, gb, a.id, b.id);
    const other: FieldChange[] = [];
    differingPaths(omit(ga, MODELLED_GOAL_KEYS), omit(gb, MODELLED_GOAL_KEYS), '', other);
    detail.fields.push(...other);
    const moved = ga.section !== gb.section || !inOrder.has(k);
    const renumbered = ga.ordinal !== gb.ordinal;
    if (!detail.fields.length && !detail.facts.length && !detail.series.length && !moved) return;
    // (Entries left with nothing once shared field changes are hoisted are dropped below.)
    entries.push({ at: j, change: { change: 'changed', before: goalRef(ga), after: goalRef(gb), matchedBy, moved, renumbered, ...detail } });
  });
  for (const j of added) {
    const gb = b.goals[j]!;
    entries.push({
      at: j,
      change: { change: 'added', before: null, after: goalRef(gb), matchedBy: null, moved: false, renumbered: false, fields: [], facts: gb.facts.map((f) => ({ change: 'added', before: null, after: factRef(f), fields: [] })), series: [] },
    });
  }
  for (const i of removed) {
    // A removed goal is listed after the goal that followed its predecessor in the new report.
    const before = pairs.filter(([pi]) => pi < i).map(([, pj]) => pj);
    const at = (before.length ? Math.max(...before) : -1) + 0.5 + i / (a.goals.length + 1) / 2;
    const ga = a.goals[i]!;
    entries.push({
      at,
      change: { change: 'removed', before: goalRef(ga), after: null, matchedBy: null, moved: false, renumbered: false, fields: [], facts: ga.facts.map((f) => ({ change: 'removed', before: factRef(f), after: null, fields: [] })), series: [] },
    });
  }
  const other: FieldChange[] = hoistSharedGoalFields(entries.map((e) => e.change));
  const goals = entries
    .sort((x, y) => x.at - y.at)
    .map((e) => e.change)
    .filter((g) => g.change !== 'changed' || g.fields.length || g.facts.length || g.series.length || g.moved);

  differingPaths(omit(a, MODELLED_REPORT_KEYS), omit(b, MODELLED_REPORT_KEYS), '', other);
  differingPaths(omit(a.source, ['path', 'sha256', 'format', 'bytes', 'pages']), omit(b.source, ['path', 'sha256', 'format', 'bytes', 'pages']), 'source', other);

  const facts = goals.flatMap((g) => g.facts);
  const summary: DiffSummary = {
    goalsAdded: added.length,
    goalsRemoved: removed.length,
    goalsChanged: goals.filter((g) => g.change === 'changed' && (g.fields.some((f) => !['id', 'ordinal'].includes(f.field)) || g.facts.length || g.series.length)).length,
    goalsMoved: goals.filter((g) => g.moved).length,
    goalsRenumbered: goals.filter((g) => g.renumbered).length,
    factsAdded: facts.filter((f) => f.change === 'added').length,
    factsRemoved: facts.filter((f) => f.change === 'removed').length,
    factsChanged: facts.filter((f) => f.change === 'changed').length,
  };
  const equal =
    !report.length &&
    !sectionsDiff.added.length &&
    !sectionsDiff.removed.length &&
    !diagnostics.added.length &&
    !diagnostics.removed.length &&
    !goals.length &&
    !other.length;
  return {
    equal,
    before: { id: a.id, path: a.source.path, goals: a.goals.length },
    after: { id: b.id, path: b.source.path, goals: b.goals.length },
    report,
    sections: { added: sectionsDiff.added, removed: sectionsDiff.removed },
    diagnostics: { added: diagnostics.added, removed: diagnostics.removed },
    goals,
    other,
    summary,
  };
}
