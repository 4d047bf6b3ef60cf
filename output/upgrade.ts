/**
 * Reading a report JSON of schema version 1 as a version-2 report, so the tools (`diff`, `review`)
 * take the JSON files earlier versions wrote. Version 1 had one table (`columns` at the top), goals
 * with `initiatives`, `results` and `extra` cells, and facts naming their `column`
 * (`title`|`subtitle`|`initiatives`|`results`). The upgrade:
 *
 * - makes one table (ordinal 1, no caption) with the version-1 columns: the `other` column whose
 *   cells are in no goal's `extra` is the number column (version 1 kept its cells as `goal.number`),
 *   so it gets the role `number`; roles were read from the header (`override` when the report has a
 *   `columns-override` diagnostic); no scale, no year;
 * - rebuilds each goal's `cells` in column order: the goal cell from the title and subtitle, the
 *   initiatives and results cells, the number, and the `extra` cells;
 * - points each fact and series at its cell: `initiatives`/`results` → that cell's index with field
 *   `text`, `title`/`subtitle` → the goal cell with that field, and `column` → the cell's label;
 *   money facts get `scale: null, total: false`, dates `yearFrom: "text"` (version 1 read only
 *   dates that name their year);
 * - gives sections `table: 1`, goals `table: 1, group: null, total: false`, the report
 *   `meetingDate: null, municipality: null`, diagnostics `params: {}`;
 * - writes goal keys and ids in the version-2 form (key `1-<slug>[-<n>]`, id `<12 hex>-<key>`, `goalKey` of
 *   `pipeline/stages/ids.ts`; version 1 put the row ordinal in them), the ids this pipeline gives the
 *   same source's goals, so `diff` pairs an old report's goals with a new one's by id.
 *
 * A version-2 report JSON written before goals had a `key` gets each key from its goal's id
 * (`withGoalKeys`).
 *
 * Pure: no I/O. `ReportV1` is the version-1 schema (from `schemas/` at version 1), to validate with.
 */
import { z } from 'zod';
import { goalIdOfKey, goalKey, keyOfGoalId, slugify } from '../pipeline/stages/ids.js';
import { DiagnosticCode, Severity, type Diagnostic } from '../schemas/diagnostic.js';
import { DateFact, MoneyFact, PercentFact, PeriodFact, QuantityFact, Series, YearFact, type Fact } from '../schemas/fact.js';
import {
  Cell,
  Provenance,
  Report,
  ReportPeriod,
  Source,
  type Block,
  type Column,
  type ColumnRole,
  type Goal,
  type RoleSource,
  type RowCell,
} from '../schemas/report.js';

/** Which text of a goal a version-1 fact was found in. */
export const FactColumnV1 = z.enum(['title', 'subtitle', 'initiatives', 'results']);

const PLACE = { cell: true, column: true, field: true } as const;
const placeV1 = { column: FactColumnV1.optional() };

/** A fact as version 1 wrote it. */
export const FactV1 = z.discriminatedUnion('kind', [
  MoneyFact.omit({ ...PLACE, scale: true, total: true }).extend(placeV1),
  PercentFact.omit(PLACE).extend(placeV1),
  DateFact.omit({ ...PLACE, yearFrom: true }).extend({ ...placeV1, value: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/) }),
  PeriodFact.omit(PLACE).extend(placeV1),
  YearFact.omit(PLACE).extend(placeV1),
  QuantityFact.omit(PLACE).extend(placeV1),
]);

/** A time series as version 1 wrote it. */
export const SeriesV1 = Series.omit(PLACE).extend(placeV1);

/** A goal as version 1 wrote it. */
export const GoalV1 = z.object({
  id: z.string(),
  ordinal: z.number().int().positive(),
  section: z.string().nullable(),
  number: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  initiatives: Cell,
  results: Cell,
  extra: z.array(z.object({ label: z.string(), ...Cell.shape })),
  facts: z.array(FactV1),
  series: z.array(SeriesV1),
  provenance: Provenance,
});

/** A report JSON of schema version 1. */
export const ReportV1 = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[0-9a-f]{64}$/),
  source: Source,
  title: z.string(),
  intro: z.string(),
  committee: z.string().nullable(),
  period: ReportPeriod.nullable(),
  columns: z.array(z.object({ role: z.enum(['goal', 'initiatives', 'results', 'other']), label: z.string() })),
  sections: z.array(z.object({ ordinal: z.number().int().positive(), title: z.string() })),
  goals: z.array(GoalV1),
  diagnostics: z.array(
    z.object({
      severity: Severity,
      code: DiagnosticCode,
      message: z.string(),
      page: z.number().int().positive().nullable(),
      line: z.number().int().positive().nullable(),
      column: z.number().int().positive().nullable(),
    }),
  ),
});

/** A version-1 report. */
export type ReportV1 = z.infer<typeof ReportV1>;
type GoalV1 = z.infer<typeof GoalV1>;
type CellV1 = z.infer<typeof Cell>;

/** What a version-1 column becomes: its version-2 role and where each goal's cell for it comes from. */
type CellSource =
  | { from: 'goal' }
  | { from: 'initiatives' | 'results' }
  | { from: 'number' }
  | { from: 'extra'; index: number }
  | { from: 'none' };

const EMPTY: CellV1 = { text: '', blocks: [] };

/**
 * The version-2 columns of a version-1 report, and per column where a goal's cell comes from. A role
 * column without a header (a version-1 report read by position) that still holds text is added at the end.
 */
function planColumns(v1: ReportV1): { columns: Column[]; sources: CellSource[] } {
  const roleFrom: RoleSource = v1.diagnostics.some((d) => d.code === 'columns-override') ? 'override' : 'header';
  const extraLabels = v1.goals.find((g) => g.extra.length)?.extra.map((e) => e.label) ?? [];
  const used = new Set<string>();
  let extra = 0;
  const columns: Column[] = [];
  const sources: CellSource[] = [];
  const add = (role: ColumnRole, label: string, source: CellSource, from: RoleSource = roleFrom) => {
    columns.push({ role, label, roleFrom: from, scale: null, year: null });
    sources.push(source);
  };
  for (const c of v1.columns) {
    if (c.role === 'other') {
      // Version 1 kept every "other" column's cells in `extra`, except the number column's (`goal.number`).
      if (extra < extraLabels.length && extraLabels[extra] === c.label) add('other', c.label, { from: 'extra', index: extra++ });
      else if (!used.has('number') && v1.goals.length) {
        used.add('number');
        add('number', c.label, { from: 'number' });
      } else add('other', c.label, { from: 'none' });
      continue;
    }
    if (used.has(c.role)) {
      add(c.role, c.label, { from: 'none' });
      continue;
    }
    used.add(c.role);
    add(c.role, c.label, c.role === 'goal' ? { from: 'goal' } : { from: c.role });
  }
  // Cells version 1 held without a column to show for them.
  if (!used.has('goal') && v1.goals.length) add('goal', '', { from: 'goal' }, 'position');
  for (const role of ['initiatives', 'results'] as const) {
    if (!used.has(role) && v1.goals.some((g) => g[role].text !== '' || g.facts.some((f) => f.column === role))) add(role, '', { from: role }, 'position');
  }
  // (A goal number with no number column came from the goal cell, "Initiativ (nr.)": it stays `goal.number`.)
  for (let i = extra; i < extraLabels.length; i++) add('other', extraLabels[i]!, { from: 'extra', index: i }, 'position');
  return { columns, sources };
}

function paragraph(text: string): Block[] {
  return text === '' ? [] : [{ type: 'paragraph', text }];
}

/** The goal cell of a version-1 goal: its title and subtitle, one paragraph each. */
function goalCell(g: GoalV1): CellV1 {
  const parts = [g.title, ...(g.subtitle === null ? [] : [g.subtitle])];
  return { text: parts.join('\n'), blocks: parts.map((text) => ({ type: 'paragraph', text })) };
}

function cellOf(g: GoalV1, source: CellSource): CellV1 {
  switch (source.from) {
    case 'goal':
      return goalCell(g);
    case 'initiatives':
    case 'results':
      return g[source.from] ?? EMPTY;
    case 'number':
      return { text: g.number ?? '', blocks: paragraph(g.number ?? '') };
    case 'extra': {
      const own = g.extra[source.index];
      return own ? { text: own.text, blocks: own.blocks } : EMPTY;
    }
    case 'none':
      return EMPTY;
  }
}

/** Where a version-1 fact column points in the version-2 row: the cell index, its label, the field. */
function placeOf(
  column: string | undefined,
  columns: readonly Column[],
  sources: readonly CellSource[],
): { cell: number; column: string; field: 'title' | 'subtitle' | 'text' } | null {
  const find = (from: CellSource['from']) => sources.findIndex((s) => s.from === from);
  let cell = -1;
  let field: 'title' | 'subtitle' | 'text' = 'text';
  if (column === 'title' || column === 'subtitle') {
    cell = find('goal');
    field = column;
  } else if (column === 'initiatives' || column === 'results') cell = find(column);
  return cell < 0 ? null : { cell, column: columns[cell]!.label, field };
}

function upgradeFact(f: z.infer<typeof FactV1>, place: ReturnType<typeof placeOf>): Fact {
  const { kind, column: _column, text, span, ...rest } = f;
  const head = { kind, ...(place ?? {}), text, span };
  if (f.kind === 'money') return { ...head, ...rest, scale: null, total: false } as Fact;
  if (f.kind === 'date') return { ...head, ...rest, yearFrom: 'text' } as Fact;
  return { ...head, ...rest } as Fact;
}

function upgradeSeries(s: z.infer<typeof SeriesV1>, place: ReturnType<typeof placeOf>): Series {
  const { column: _column, ...rest } = s;
  return { ...(place ?? {}), ...rest } as Series;
}

/** The table's provenance: from its first goal's first page and line to its last goal's last. */
function tableProvenance(goals: readonly GoalV1[]): Goal['provenance'] {
  if (!goals.length) return { pages: [1, 1], lines: [1, 1] };
  // Folded, not Math.min(...list): a report of a few hundred thousand goals overflows the stack.
  const span = (of: (g: GoalV1) => [number, number]): [number, number] =>
    goals.reduce<[number, number]>(([first, last], g) => [Math.min(first, of(g)[0]), Math.max(last, of(g)[1])], [Infinity, -Infinity]);
  return { pages: span((g) => g.provenance.pages), lines: span((g) => g.provenance.lines) };
}

/**
 * The version-2 form of a version-1 report, built without checking either schema: the tolerant core
 * of `upgradeReportV1`, also used for a version-1 JSON that does not quite match version 1 (compared
 * as it is, with a warning). Missing parts are taken as empty.
 */
export function buildUpgradedReport(v1: ReportV1): Report {
  const data: ReportV1 = {
    ...v1,
    columns: v1.columns ?? [],
    sections: v1.sections ?? [],
    diagnostics: v1.diagnostics ?? [],
    goals: (v1.goals ?? []).map((g) => ({ ...g, extra: g.extra ?? [], facts: g.facts ?? [], series: g.series ?? [] })),
  };
  const { columns, sources } = planColumns(data);
  const seen = new Map<string, number>();
  const goals: Goal[] = data.goals.map((g) => {
    const slug = slugify(g.title);
    const occurrence = seen.get(slug) ?? 0;
    seen.set(slug, occurrence + 1);
    const cells: RowCell[] = columns.map((c, i) => {
      const cell = cellOf(g, sources[i]!);
      return { label: c.label, role: c.role, text: cell.text, blocks: cell.blocks };
    });
    const key = goalKey(1, g.title, occurrence);
    return {
      id: goalIdOfKey(data.id, key),
      key,
      ordinal: g.ordinal,
      table: 1,
      section: g.section,
      group: null,
      number: g.number,
      title: g.title,
      subtitle: g.subtitle,
      total: false,
      cells,
      facts: g.facts.map((f) => upgradeFact(f, placeOf(f.column, columns, sources))),
      series: g.series.map((s) => upgradeSeries(s, placeOf(s.column, columns, sources))),
      provenance: g.provenance,
    };
  });
  const diagnostics: Diagnostic[] = data.diagnostics.map(({ severity, code, message, page, line, column }) => ({
    severity,
    code,
    message,
    params: {},
    page,
    line,
    column,
  }));
  return {
    schemaVersion: 2,
    id: data.id,
    source: data.source,
    title: data.title,
    intro: data.intro,
    committee: data.committee,
    meetingDate: null,
    municipality: null,
    period: data.period,
    tables: columns.length || goals.length ? [{ ordinal: 1, caption: null, columns, provenance: tableProvenance(data.goals) }] : [],
    sections: data.sections.map((s) => ({ ordinal: s.ordinal, table: 1, title: s.title })),
    goals,
    diagnostics,
  };
}

/**
 * A report JSON of schema version 1 as a version-2 report (see the module comment for what becomes
 * what). Throws a `ZodError` when `data` is not a valid version-1 report; the result is a valid
 * version-2 report, in schema key order.
 */
export function upgradeReportV1(data: unknown): Report {
  return Report.parse(buildUpgradedReport(ReportV1.parse(data)));
}

/**
 * A version-2 report JSON written before goals had a `key`, with each goal's key taken from its id
 * (the id without its report prefix: the same key the pipeline gives), so it validates and `diff`
 * matches its goals on key. Anything else is returned as it is. Pure; `data` is not changed.
 */
export function withGoalKeys(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const report = data as Record<string, unknown>;
  if (report.schemaVersion !== 2 || typeof report.id !== 'string' || !Array.isArray(report.goals)) return data;
  const reportId = report.id;
  const lacking = (g: unknown): g is Record<string, unknown> & { id: string } =>
    !!g && typeof g === 'object' && !('key' in g) && typeof (g as { id?: unknown }).id === 'string';
  if (!report.goals.some(lacking)) return data;
  return { ...report, goals: report.goals.map((g: unknown) => (lacking(g) ? { ...g, key: keyOfGoalId(g.id, reportId) } : g)) };
}
