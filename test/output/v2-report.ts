/**
 * Hand-made schema-version-2 reports for the output tests (SQLite, search, review, diff), built
 * without the parser: goals are written as their cells, and each fact names the cell (by column
 * label, or `title`/`subtitle`) and its surface text, from which its span is found. `sampleReport()`
 * has two tables: the goals of a committee status report (after the Økonomiudvalget seed: sections,
 * lists, a time series, a subtitle) and a budget table whose amount column is in t.kr. (a grouping
 * column, a number column, a totals row).
 */
import { createHash } from 'node:crypto';
import { goalId, goalKey } from '../../pipeline/stages/ids.js';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { AmountScale, Fact, Series } from '../../schemas/fact.js';
import { Report, type Block, type Column, type ColumnRole, type Goal, type RowCell, type Section, type Table } from '../../schemas/report.js';

/** A sha256 hex of a word: report ids and source hashes for hand-made reports. */
export const sha = (seed: string): string => createHash('sha256').update(seed).digest('hex');

/** A version-2 goal id: report prefix, table, slug and (for repeated titles, `n` > 1) a count (`goalId` of the pipeline). */
export function v2GoalId(reportId: string, table: number, title: string, n = 1): string {
  return goalId(reportId, table, title, n - 1);
}

/** The text of blocks as a cell holds it: joined by "\n", one line per list item. */
export function blocksText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text)).join('\n');
}

/** Paragraphs, and `['• a', '• b']` runs as one list. */
export function blocks(...parts: (string | string[])[]): Block[] {
  return parts.map((p) => (Array.isArray(p) ? { type: 'list' as const, items: p } : { type: 'paragraph' as const, text: p }));
}

/** A column: role, label, and optionally the scale and year its header names. */
export function column(role: ColumnRole, label: string, extra: Partial<Pick<Column, 'scale' | 'year' | 'roleFrom'>> = {}): Column {
  return { role, label, roleFrom: extra.roleFrom ?? 'header', scale: extra.scale ?? null, year: extra.year ?? null };
}

/** A fact before it is placed: what it says, and where (`at`: a column label, or `title`/`subtitle`). */
export type FactSpec = { at: string; text: string; nth?: number } & Record<string, unknown> & { kind: Fact['kind'] };

/** A series before it is placed: its place, the text it spans (first to last character), and its points. */
export interface SeriesSpec {
  at: string;
  from: string;
  to: string;
  label: string | null;
  unit: Series['unit'];
  points: Series['points'];
}

/** A goal as the tests write it: the goal cell is made from title and subtitle; other cells by column label. */
export interface GoalSpec {
  title: string;
  subtitle?: string | null;
  section?: string | null;
  group?: string | null;
  number?: string | null;
  total?: boolean;
  /** Cells by column label: text (one paragraph) or blocks. Missing cells are empty. */
  cells?: Record<string, string | Block[]>;
  facts?: FactSpec[];
  series?: SeriesSpec[];
  pages?: [number, number];
  lines?: [number, number];
}

export const money = (at: string, text: string, value: number | null, more: Record<string, unknown> = {}): FactSpec => ({
  at, text, kind: 'money', value, min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false, ...more,
});
export const percent = (at: string, text: string, value: number, more: Record<string, unknown> = {}): FactSpec => ({
  at, text, kind: 'percent', value, min: null, max: null, approx: false, qualifier: null, ...more,
});
export const year = (at: string, text: string, value: number, more: Record<string, unknown> = {}): FactSpec => ({ at, text, kind: 'year', value, ...more });
export const date = (at: string, text: string, value: string, more: Record<string, unknown> = {}): FactSpec => ({
  at, text, kind: 'date', value, grain: /^\d{4}-\d{2}$/.test(value) ? 'month' : 'day', yearFrom: value.startsWith('--') ? null : 'text', ...more,
});
export const quantity = (at: string, text: string, value: number, unit: string, more: Record<string, unknown> = {}): FactSpec => ({
  at, text, kind: 'quantity', value, min: null, max: null, unit, approx: false, qualifier: null, ...more,
});
export const period = (at: string, text: string, start: string, end: string, grain: string): FactSpec => ({ at, text, kind: 'period', start, end, grain });

/** The t.kr. scale of an amount column read from its header. */
export const TKR: AmountScale = { unit: 't.kr.', factor: 1000, from: 'header' };

/** The span of the `nth` (1-based) occurrence of `text` in `source`; throws when it is not there. */
function spanOf(source: string, text: string, nth = 1, what = ''): [number, number] {
  let at = -1;
  for (let k = 0; k < nth; k++) at = source.indexOf(text, at + 1);
  if (at < 0) throw new Error(`fixture: ${JSON.stringify(text)} is not in ${what} ${JSON.stringify(source)}`);
  return [at, at + text.length];
}

/** Builds a goal of a table from its spec. */
export function buildGoal(reportId: string, table: Table, ordinal: number, spec: GoalSpec, n = 1): Goal {
  const subtitle = spec.subtitle ?? null;
  const titleCell = table.columns.findIndex((c) => c.role === 'goal');
  const cells: RowCell[] = table.columns.map((c, i) => {
    if (i === titleCell) {
      const parts = [spec.title, ...(subtitle === null ? [] : [subtitle])];
      return { label: c.label, role: c.role, text: parts.join('\n'), blocks: blocks(...parts) };
    }
    const given = c.role === 'number' && spec.cells?.[c.label] === undefined ? (spec.number ?? '') : (spec.cells?.[c.label] ?? '');
    const bs = typeof given === 'string' ? (given === '' ? [] : blocks(given)) : given;
    return { label: c.label, role: c.role, text: blocksText(bs), blocks: bs };
  });
  const place = (at: string) => {
    if (at === 'title' || at === 'subtitle') return { cell: titleCell, column: table.columns[titleCell]!.label, field: at as 'title' | 'subtitle' };
    const cell = table.columns.findIndex((c) => c.label === at);
    if (cell < 0) throw new Error(`fixture: no column ${at}`);
    return { cell, column: at, field: 'text' as const };
  };
  const sourceOf = (p: ReturnType<typeof place>) => (p.field === 'title' ? spec.title : p.field === 'subtitle' ? subtitle! : cells[p.cell]!.text);
  const facts = (spec.facts ?? []).map(({ at, text, nth, kind, ...rest }) => {
    const p = place(at);
    return { kind, ...p, text, span: spanOf(sourceOf(p), text, nth, at), ...rest } as Fact;
  });
  const series = (spec.series ?? []).map(({ at, from, to, label, unit, points }) => {
    const p = place(at);
    const source = sourceOf(p);
    const start = spanOf(source, from, 1, at)[0];
    const end = source.indexOf(to, start) + to.length;
    return { ...p, label, unit, span: [start, end], points } as Series;
  });
  return {
    id: v2GoalId(reportId, table.ordinal, spec.title, n),
    key: goalKey(table.ordinal, spec.title, n - 1),
    ordinal,
    table: table.ordinal,
    section: spec.section ?? null,
    group: spec.group ?? null,
    number: spec.number ?? null,
    title: spec.title,
    subtitle,
    total: spec.total ?? false,
    cells,
    facts,
    series,
    provenance: { pages: spec.pages ?? [1, 1], lines: spec.lines ?? [ordinal * 4, ordinal * 4 + 3] },
  };
}

/** A report from its tables' goals (validated with the zod schema, so key order and types are the canonical ones). */
export function buildReport(options: {
  seed?: string;
  path?: string;
  title?: string;
  intro?: string;
  committee?: string | null;
  municipality?: string | null;
  meetingDate?: string | null;
  tables: { caption: string | null; columns: Column[]; goals: GoalSpec[] }[];
  diagnostics?: Diagnostic[];
}): Report {
  const id = sha(options.seed ?? 'sample');
  const tables: Table[] = [];
  const sections: Section[] = [];
  const goals: Goal[] = [];
  options.tables.forEach((t, ti) => {
    const table: Table = { ordinal: ti + 1, caption: t.caption, columns: t.columns, provenance: { pages: [1, 1], lines: [1, 1] } };
    const seen = new Map<string, number>();
    let lastSection: string | null = null;
    t.goals.forEach((spec, gi) => {
      if (spec.section && spec.section !== lastSection) sections.push({ ordinal: sections.length + 1, table: table.ordinal, title: spec.section });
      lastSection = spec.section ?? lastSection;
      const n = (seen.get(spec.title) ?? 0) + 1;
      seen.set(spec.title, n);
      goals.push(buildGoal(id, table, gi + 1, spec, n));
    });
    const own = goals.filter((g) => g.table === table.ordinal);
    if (own.length) {
      table.provenance = {
        pages: [Math.min(...own.map((g) => g.provenance.pages[0])), Math.max(...own.map((g) => g.provenance.pages[1]))],
        lines: [Math.min(...own.map((g) => g.provenance.lines[0])) - 1, Math.max(...own.map((g) => g.provenance.lines[1]))],
      };
    }
    tables.push(table);
  });
  return Report.parse({
    schemaVersion: 2,
    id,
    source: { path: options.path ?? 'reports/sample.txt', sha256: id, format: 'text', bytes: 4321, pages: 3 },
    title: options.title ?? 'Status på Økonomiudvalgets strategiske indsatser og resultater i valgperioden 2014-2017',
    intro: options.intro ?? 'I nedenstående skema ses en liste over Økonomiudvalgets væsentligste strategiske målsætninger.',
    committee: options.committee === undefined ? 'Økonomiudvalget' : options.committee,
    meetingDate: options.meetingDate === undefined ? '2017-11-20' : options.meetingDate,
    municipality: options.municipality === undefined ? 'Ballerup' : options.municipality,
    period: { start: '2014', end: '2017' },
    tables,
    sections,
    goals,
    diagnostics: options.diagnostics ?? [
      { severity: 'info', code: 'row-continued', message: 'the row continues the goal above it after a page break (its goal cell is empty)', params: { reason: 'empty goal cell' }, page: 2, line: 17, column: null },
    ],
  });
}

/** Column labels of the sample's first table (the seed's header). */
export const GOAL = 'STRATEGISK MÅLSÆTNING';
export const INITIATIVES = 'IVÆRKSATTE TILTAG/ KONKRETE INDSATSER';
export const RESULTS = 'RESULTATER';
/** Column labels of the sample's budget table. */
export const NR = 'Nr.';
export const PROJECT = 'Projekt';
export const GROUP = 'Område';
export const AMOUNT = '2025 Beløb i t.kr.';
export const STATUS = 'Status';

const STRATEGY_COLUMNS = [column('goal', GOAL), column('initiatives', INITIATIVES), column('results', RESULTS)];
const BUDGET_COLUMNS = [column('number', NR), column('goal', PROJECT), column('group', GROUP), column('amount', AMOUNT, { scale: TKR, year: 2025 }), column('results', STATUS)];

/** The goals of the sample's first table. */
export const STRATEGY_GOALS: GoalSpec[] = [
  {
    title: 'Styrelsesvedtægt for Ballerup Kommune',
    section: 'POLITISK ORGANISERING',
    cells: {
      [INITIATIVES]: 'I forbindelse med kommunalvalget i 2017 har der været en politisk drøftelse af udvalgsstrukturen.',
      [RESULTS]: blocks('De væsentligste ændringer er:', ['Alt bygnings og lokaladministration er flyttet til Økonomiudvalget', 'Ungeområdet er rykket til Erhverv']),
    },
    facts: [year(INITIATIVES, '2017', 2017)],
    pages: [1, 2],
  },
  {
    title: 'Samle redningsberedskaberne i nyt § 60-selskab efter styrelsesloven',
    section: 'POLITISK ORGANISERING',
    cells: {
      [INITIATIVES]: 'Pr. 1. januar 2016 blev Beredskab Øst oprettet på grundlag af en samordningsaftale.',
      [RESULTS]: 'Med oprettelsen af Beredskab Øst har Ballerup Kommune opnået en årlig besparelse på 1,6 mio. kr. på redningsberedskabet.',
    },
    facts: [date(INITIATIVES, '1. januar 2016', '2016-01-01'), money(RESULTS, '1,6 mio. kr.', 1_600_000, { per: 'year' })],
    pages: [2, 2],
  },
  {
    title: 'Bandepartnerskab',
    section: 'BANDE-KRIMINALITET',
    cells: {
      [INITIATIVES]: 'Ballerup Kommune indgik i 2013 en partnerskabsaftale med Herlev og Gladsaxe Kommune.',
      [RESULTS]: blocks('Af konkrete tiltag kan nævnes:', ['Et styrket gadeplansarbejde', 'To Politikadet Junior forløb', 'Mentor-Coach uddannelse af medarbejdere', 'Fokuseret recidivindsats over for 20 borgere']),
    },
    facts: [year(INITIATIVES, '2013', 2013), quantity(RESULTS, 'To Politikadet Junior forløb', 2, 'Politikadet Junior forløb'), quantity(RESULTS, '20 borgere', 20, 'borgere')],
    pages: [3, 3],
  },
  {
    title: 'Sygefravær',
    section: 'LEDELSE OG ORGANISATION',
    cells: {
      [INITIATIVES]: 'Indsats for nedbringelse af sygefravær blandt ansatte i Ballerup Kommune.',
      [RESULTS]: blocks('I 2013 og 2014 havde Ballerup Kommune det højeste sygefravær blandt alle landets kommuner.', '2013: 5,7 pct. 2014: 5,9 pct. 2015: 5,3 pct.'),
    },
    facts: [
      year(RESULTS, '2013', 2013),
      year(RESULTS, '2014', 2014),
      percent(RESULTS, '5,7 pct.', 5.7),
      percent(RESULTS, '5,9 pct.', 5.9),
      percent(RESULTS, '5,3 pct.', 5.3),
    ],
    series: [
      { at: RESULTS, from: '2013: 5,7', to: '5,3 pct.', label: null, unit: 'percent', points: [{ label: '2013', start: '2013', end: '2013', value: 5.7 }, { label: '2014', start: '2014', end: '2014', value: 5.9 }, { label: '2015', start: '2015', end: '2015', value: 5.3 }] },
    ],
    pages: [6, 7],
  },
  {
    title: 'Strategi for socialt ansvar',
    subtitle: 'Revision af strategi for socialt ansvar i foråret 2017',
    section: 'LEDELSE OG ORGANISATION',
    cells: {
      [INITIATIVES]: 'I juni 2017 blev strategien for kommunens sociale ansvar revideret.',
      [RESULTS]: 'Antallet af ansatte på særlige vilkår er steget fra 418 i 1. kvartal 2014 til 463 i 1. halvår 2017.',
    },
    facts: [period('subtitle', 'foråret 2017', '2017-03', '2017-05', 'season'), date(INITIATIVES, 'juni 2017', '2017-06'), period(RESULTS, '1. kvartal 2014', '2014-01', '2014-03', 'quarter')],
    pages: [7, 7],
  },
];

/** The goals of the sample's budget table (amounts in t.kr.; the last row adds them up). */
export const BUDGET_GOALS: GoalSpec[] = [
  {
    title: 'Renovering af Hedegårdsskolen',
    number: '1',
    group: 'Anlæg',
    cells: { [GROUP]: 'Anlæg', [AMOUNT]: '1.500', [STATUS]: 'Udbud afsluttet 23. april; byggeriet starter i 2025.' },
    facts: [money(AMOUNT, '1.500', 1_500_000, { scale: TKR }), date(STATUS, '23. april', '--04-23'), year(STATUS, '2025', 2025)],
  },
  {
    title: 'Ny cykelsti langs Ballerup Byvej',
    number: '2',
    group: 'Anlæg',
    cells: { [GROUP]: 'Anlæg', [AMOUNT]: '750', [STATUS]: 'Projekteres.' },
    facts: [money(AMOUNT, '750', 750_000, { scale: TKR })],
  },
  {
    title: 'Drift af svømmehallen',
    number: '3',
    group: 'Drift',
    cells: { [GROUP]: 'Drift', [AMOUNT]: '250', [STATUS]: 'Uændret.' },
    facts: [money(AMOUNT, '250', 250_000, { scale: TKR })],
  },
  {
    title: 'I alt',
    total: true,
    cells: { [AMOUNT]: '2.500' },
    facts: [money(AMOUNT, '2.500', 2_500_000, { scale: TKR, total: true })],
  },
];

/** The sample report: a strategy table and a budget table. */
export function sampleReport(): Report {
  return buildReport({
    tables: [
      { caption: null, columns: STRATEGY_COLUMNS, goals: STRATEGY_GOALS },
      { caption: 'Tabel 2 - Anlægs- og driftsprojekter (1.000 kr.)', columns: BUDGET_COLUMNS, goals: BUDGET_GOALS },
    ],
  });
}

/** A one-table report of strategy rows given as `[title, initiatives, results]` (search and store tests). */
export function strategyReport(rows: readonly (readonly [string, string, string])[], options: { seed?: string; path?: string } = {}): Report {
  return buildReport({
    seed: options.seed ?? rows.map((r) => r.join('|')).join('\n'),
    path: options.path ?? 'test.txt',
    tables: [
      {
        caption: null,
        columns: STRATEGY_COLUMNS,
        goals: rows.map(([title, initiatives, results]) => ({ title, cells: { [INITIATIVES]: initiatives, [RESULTS]: results } })),
      },
    ],
    diagnostics: [],
  });
}

/** A deep copy of a report, to edit into the "after" side of a diff. */
export const clone = (r: Report): Report => structuredClone(r);
