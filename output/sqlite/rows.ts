/**
 * The rows a report is stored as (SQLite, `store.ts`; PostgreSQL's store writes the same rows):
 * pure functions of the report, so that a batch's parse worker builds them (`reportRows`) and the
 * single writer only binds and runs its statements. Each row is the values of its table's columns,
 * in the order `store.ts` inserts them.
 *
 * A goal's rows and its children's are keyed by the goal's index in the report (0-based, first
 * value of each row) in place of `goals.seq`: the writer alone knows the database's next row number,
 * and adds it to the index as it binds (`GOAL_KEYED_TABLES`). A block whose text stands in its goal's
 * `body` is stored as its place there (`body_start`, `body_length`, in characters as SQL's `substr`
 * counts them), not as a second copy of the text. A cell's, a fact's and a series' column label and
 * role are their column's (`report_columns`), named by the cell's ordinal, and not stored again
 * (`columnCopyMismatch` checks that they are the column's).
 */
import type { Fact, Series } from '../../schemas/fact.js';
import type { Block, Column, Goal, Report, RowCell } from '../../schemas/report.js';
import { LIST_ITEM_BLOCK_TYPE } from './schema.js';
import { titleCellIndex } from '../title-cell.js';

/** The rows of a cell's blocks, as `cell_blocks` stores them: one per paragraph or heading, one per list item. */
export function blockRows(blocks: readonly Block[]): { block: number; item: number; type: string; text: string }[] {
  // A loop, not a flatMap: every report's every cell comes through here, and flatMap made an array per block.
  const rows: { block: number; item: number; type: string; text: string }[] = [];
  for (let block = 0; block < blocks.length; block++) {
    const b = blocks[block]!;
    if (b.type === 'list') for (let item = 0; item < b.items.length; item++) rows.push({ block, item, type: LIST_ITEM_BLOCK_TYPE, text: b.items[item]! });
    else rows.push({ block, item: 0, type: b.type, text: b.text });
  }
  return rows;
}

/**
 * What `goal_cells.text` stores for a cell: NULL when its block rows joined by "\n" give its text (as
 * the view `v_goal_cells` rebuilds it), else the text itself, so no text is lost and none is stored twice.
 */
export function storedCellText(cell: Pick<RowCell, 'text' | 'blocks'>): string | null {
  return cellTextOf(cell, blockRows(cell.blocks));
}

/** `storedCellText` of a cell whose block rows are made already. */
function cellTextOf(cell: Pick<RowCell, 'text'>, blocks: readonly { text: string }[]): string | null {
  return joinsTo(blocks, cell.text) ? null : cell.text;
}

/** True when the texts of `parts` joined by "\n" are `text`: compared in place, without building the joined string. */
function joinsTo(parts: readonly { text: string }[], text: string): boolean {
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!.text;
    if (i > 0) {
      if (text.charCodeAt(at) !== 0x0a) return false;
      at++;
    }
    if (!text.startsWith(part, at)) return false;
    at += part.length;
  }
  return at === text.length;
}

/**
 * The page a fact stands on: the page of its first box (PDF input, where facts carry boxes), else the
 * goal's page when the goal lies on one page, else null. A text or HTML row cut by a page break is
 * stitched into one goal, and where in its cells the break fell is not kept, so a fact of such a goal
 * may be on either page.
 */
export function factPage(goal: Pick<Goal, 'provenance'>, fact?: Pick<Fact, 'boxes'>): number | null {
  const boxed = fact?.boxes?.[0]?.page;
  if (boxed !== undefined) return boxed;
  const [first, last] = goal.provenance.pages;
  return first === last ? first : null;
}

/**
 * The values of a fact row, in `facts` column order: typed values spread over the columns that fit
 * them, and its page. `goal` is the goal's key in the rows (its index in the report, see above). What
 * the columns do not hold of a fact is its boxes (`boxRows`).
 */
export function factRow(goal: number, ordinal: number, fact: Fact, page: number | null): unknown[] {
  const f = fact as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof f[k] === 'number' ? f[k] : null);
  const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
  const bool = (k: string) => (typeof f[k] === 'boolean' ? (f[k] ? 1 : 0) : null);
  const scale = fact.kind === 'money' ? fact.scale : null;
  return [
    goal, ordinal, fact.kind, fact.cell ?? null, fact.field ?? null, fact.text, fact.span[0], fact.span[1],
    num('value'), num('min'), num('max'), fact.kind === 'date' ? fact.value : null, str('yearFrom'),
    str('start'), str('end'), str('grain'), str('unit'), str('currency'), bool('approx'), str('qualifier'), str('per'),
    scale?.unit ?? null, scale?.factor ?? null, scale?.from ?? null, bool('total'), page,
  ];
}

/** The `fact_boxes` rows of a fact (a PDF's facts have boxes; others none): goal, fact ordinal, box ordinal (1-based), page, x, y, width, height. */
export function boxRows(goal: number, factOrdinal: number, fact: Pick<Fact, 'boxes'>): unknown[][] {
  return (fact.boxes ?? []).map((b, i) => [goal, factOrdinal, i + 1, b.page, b.x, b.y, b.width, b.height]);
}

/** `goals.title_cell`: the cell the title and subtitle come from (kept out of the indexed body), or NULL. */
export function titleCell(goal: Goal): number | null {
  const i = titleCellIndex(goal);
  return i >= 0 ? i : null;
}

/** `goals.body`: the text of every cell but the title cell, in table order, joined by "\n" (what the full-text index reads besides title and subtitle). */
export function searchBody(goal: Pick<Goal, 'cells'>, titleCellOrdinal: number | null): string {
  return goal.cells.filter((_, i) => i !== titleCellOrdinal).map((c) => c.text).join('\n');
}

/** The values of a series row, in `series` column order (`goal` as in `factRow`). */
export function seriesRow(goal: number, ordinal: number, s: Series): unknown[] {
  return [goal, ordinal, s.cell ?? null, s.field ?? null, s.label, s.unit, s.span[0], s.span[1]];
}

/**
 * The section row each goal stands under, as `sections.ordinal` (null without one). Goals name their
 * section by title; sections come in document order, so a goal belongs to the first section of its
 * table with that title at or after the current one.
 */
export function sectionOrdinals(report: Report): (number | null)[] {
  const current = new Map<number, number>();
  return report.goals.map((goal) => {
    if (goal.section === null) return null;
    const own = report.sections.filter((x) => x.table === goal.table && x.title === goal.section);
    const at = current.get(goal.table) ?? 0;
    const found = own.find((x) => x.ordinal >= at) ?? own[0];
    if (!found) return null;
    current.set(goal.table, found.ordinal);
    return found.ordinal;
  });
}

/**
 * The tables of `ReportRows` whose rows are keyed by a goal: their first value is the goal's index
 * in the report, to which the writer adds the `goals.seq` of the report's first goal.
 */
export const GOAL_KEYED_TABLES: ReadonlySet<string> = new Set(['goals', 'cells', 'blocks', 'facts', 'boxes', 'series', 'points'] satisfies (keyof ReportRows)[]);

/**
 * The length of `text` in characters as SQLite's `length` and `substr` (and PostgreSQL's) count
 * them: code points, a lone surrogate as one (it is stored as one replacement character).
 */
export function sqlLength(text: string): number {
  if (!/[\uD800-\uDFFF]/.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Every row of a report, table by table (what `writeReportRows` inserts), except what only the
 * write knows: the pipeline version, the paths and the goals' row numbers. Plain arrays of strings, numbers and nulls, so
 * a worker hands them over cheaply (packed into one buffer, `pipeline/batch/packed-rows.ts`; not the report's objects).
 */
export interface ReportRows {
  id: string;
  path: string;
  /** `reports`, in `REPORT_COLUMNS` order (its `pipeline_version` is the write's). */
  report: unknown[];
  tables: unknown[][];
  columns: unknown[][];
  sections: unknown[][];
  goals: unknown[][];
  cells: unknown[][];
  blocks: unknown[][];
  facts: unknown[][];
  boxes: unknown[][];
  series: unknown[][];
  points: unknown[][];
  diagnostics: unknown[][];
}

/**
 * The first reference among a report's rows to a parent row the report lacks, described, or null
 * when there is none. The rows of a goal's parts, of columns and of diagnostics reference their
 * parents by construction (`reportRows` makes them from their parent's own loop); a section's table,
 * a goal's table and its section are taken from the report's data, so they are checked here: the
 * foreign keys the SQLite writer does not have SQLite check in a batch (`SqliteStore.beginGroup`).
 */
export function danglingReference(rows: Pick<ReportRows, 'tables' | 'sections' | 'goals'>): string | null {
  const tables = new Set(rows.tables.map((t) => t[1]));
  const sections = new Set(rows.sections.map((x) => `${x[1]}:${x[2]}`));
  for (const x of rows.sections) if (!tables.has(x[1])) return `section ${x[2]} of table ${x[1]}: no such table`;
  for (const g of rows.goals) {
    if (!tables.has(g[4])) return `goal ${g[1]}: no table ${g[4]}`;
    if (g[7] !== null && !sections.has(`${g[4]}:${g[7]}`)) return `goal ${g[1]}: no section ${g[7]} in table ${g[4]}`;
  }
  return null;
}

/**
 * Where a goal's copy of its columns differs from the columns themselves, described, or null when
 * it does not: a cell's label and role, a fact's and a series' column label (`column`, for the cell
 * it was found in) are what the rows keep only once, in `report_columns`. The parse makes them from
 * the columns, so a difference is a bug; it fails the report's rows rather than store another label.
 */
export function columnCopyMismatch(goal: Pick<Goal, 'id' | 'cells' | 'facts' | 'series'>, columns: readonly Pick<Column, 'label' | 'role'>[]): string | null {
  for (let i = 0; i < goal.cells.length; i++) {
    const cell = goal.cells[i]!;
    const column = columns[i];
    if (cell.label !== column?.label || cell.role !== column.role) return `goal ${goal.id}: cell ${i} is not its column's (${JSON.stringify(cell.label)}, ${cell.role})`;
  }
  const named = (part: { cell?: number; column?: string }) =>
    part.column === (part.cell === undefined ? undefined : columns[part.cell]?.label);
  for (const f of goal.facts) if (!named(f)) return `goal ${goal.id}: a fact in cell ${f.cell ?? '-'} names column ${JSON.stringify(f.column)}`;
  for (const x of goal.series) if (!named(x)) return `goal ${goal.id}: a series in cell ${x.cell ?? '-'} names column ${JSON.stringify(x.column)}`;
  return null;
}

/** The rows of a report (see `ReportRows`). Throws when a goal's cells are not its table's columns (`columnCopyMismatch`). */
export function reportRows(report: Report): ReportRows {
  const id = report.id;
  const rows: ReportRows = {
    id,
    path: report.source.path,
    report: [
      id, report.source.path, report.source.format, report.source.bytes, report.source.pages, report.title, report.intro,
      report.committee, report.meetingDate, report.municipality, report.period?.start ?? null, report.period?.end ?? null,
      report.schemaVersion, report.tables.length, report.goals.length, report.diagnostics.filter((d) => d.severity === 'error').length,
    ],
    tables: [], columns: [], sections: [], goals: [], cells: [], blocks: [], facts: [], boxes: [], series: [], points: [], diagnostics: [],
  };
  for (const t of report.tables) {
    const { pages, lines } = t.provenance;
    rows.tables.push([id, t.ordinal, t.caption, pages[0], pages[1], lines[0], lines[1]]);
    t.columns.forEach((c, i) =>
      rows.columns.push([id, t.ordinal, i + 1, c.role, c.roleFrom, c.label, c.scale?.unit ?? null, c.scale?.factor ?? null, c.scale?.from ?? null, c.year]),
    );
  }
  for (const sec of report.sections) rows.sections.push([id, sec.table, sec.ordinal, sec.title]);
  const sections = sectionOrdinals(report);
  const columnsOf = new Map(report.tables.map((t) => [t.ordinal, t.columns]));
  report.goals.forEach((goal, gi) => {
    // A goal of a table the report lacks is refused by the write (`danglingReference`).
    const columns = columnsOf.get(goal.table);
    const mismatch = columns && columnCopyMismatch(goal, columns);
    if (mismatch) throw new Error(`the report's rows keep each column once, but ${mismatch}`);
    const { pages, lines } = goal.provenance;
    const tc = titleCell(goal);
    const body = searchBody(goal, tc);
    rows.goals.push([
      gi, goal.id, goal.key, id, goal.table, goal.ordinal, goal.number, sections[gi], goal.section, goal.group, goal.title,
      goal.subtitle, goal.total ? 1 : 0, tc, pages[0], pages[1], lines[0], lines[1], body,
    ]);
    // SQL's substr stops at a NUL: a body holding one keeps its blocks' text.
    const inBody = !body.includes('\0');
    let at = 1;
    goal.cells.forEach((cell, ci) => {
      const blocks = blockRows(cell.blocks);
      const text = cellTextOf(cell, blocks);
      rows.cells.push([gi, ci, text]);
      if (ci === tc) {
        for (const b of blocks) rows.blocks.push([gi, ci, b.block, b.item, b.type, b.text, null, null]);
        return;
      }
      // The body holds this cell's text at `at`; its blocks joined by "\n" are that text when `text` is NULL.
      let start = at;
      for (const b of blocks) {
        const length = sqlLength(b.text);
        if (inBody && text === null) rows.blocks.push([gi, ci, b.block, b.item, b.type, null, start, length]);
        else rows.blocks.push([gi, ci, b.block, b.item, b.type, b.text, null, null]);
        start += length + 1;
      }
      at += sqlLength(cell.text) + 1;
    });
    goal.facts.forEach((f, i) => {
      rows.facts.push(factRow(gi, i + 1, f, factPage(goal, f)));
      if (f.boxes?.length) rows.boxes.push(...boxRows(gi, i + 1, f));
    });
    goal.series.forEach((ser, i) => {
      rows.series.push(seriesRow(gi, i + 1, ser));
      ser.points.forEach((p, j) => rows.points.push([gi, i + 1, j + 1, p.label, p.start, p.end, p.value]));
    });
  });
  report.diagnostics.forEach((d, i) =>
    rows.diagnostics.push([id, i + 1, d.severity, d.code, d.message, JSON.stringify(d.params ?? {}), d.page, d.line, d.column]),
  );
  return rows;
}
