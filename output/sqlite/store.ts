/**
 * Writing reports to the SQLite store (tables in `schema.ts`, opened by `open.ts`): one row per
 * report, table, column, section, goal, cell, cell block, fact, series point and diagnostic, tied
 * together by foreign keys that cascade on delete. Each report is written in one transaction, and
 * writing a report again (same sha256) replaces it: never a duplicate. A cell's text is stored in
 * its blocks; `goal_cells.text` only when the blocks do not give it (see `storedCellText`); the
 * full-text index reads its one copy of a row's text from `goals.body` (see `searchBody`).
 *
 * Paths: `report_paths` holds every path a report's bytes were seen at. The same bytes at a second
 * path add a path (`addReportPath`); a path whose bytes changed moves to its new report, and the old
 * report goes when no path holds it any more, or is said to be at its next path when the one its row
 * names moved away. Both writers return these changes (`StoreChanges`), so the JSON files beside the
 * database can follow.
 */
import type { Fact, Series } from '../../schemas/fact.js';
import type { Block, Goal, Report, RowCell } from '../../schemas/report.js';
import { LIST_ITEM_BLOCK_TYPE, type ReportDatabase } from './schema.js';
import { indexPendingGoals } from './search-index.js';
import { titleCellIndex } from '../title-cell.js';

const statementCache = new WeakMap<ReportDatabase, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: ReportDatabase) {
  return {
    deleteReport: db.prepare('DELETE FROM reports WHERE id = ?'),
    reportPath: db.prepare('SELECT path FROM reports WHERE id = ?').pluck(),
    repointReport: db.prepare('UPDATE reports SET path = ? WHERE id = ?'),
    pathOwner: db.prepare('SELECT report_id FROM report_paths WHERE path = ?').pluck(),
    pathsOf: db.prepare('SELECT path, seen_at FROM report_paths WHERE report_id = ?'),
    firstPath: db.prepare('SELECT path FROM report_paths WHERE report_id = ? ORDER BY seen_at, path LIMIT 1').pluck(),
    dropPath: db.prepare('DELETE FROM report_paths WHERE path = ?'),
    addPath: db.prepare('INSERT OR REPLACE INTO report_paths (path, report_id, seen_at) VALUES (?, ?, ?)'),
    report: db.prepare(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, meeting_date,
      municipality, period_start, period_end, schema_version, pipeline_version, table_count, goal_count, error_count)
      VALUES (@id, @path, @format, @bytes, @pages, @title, @intro, @committee, @meeting_date, @municipality,
      @period_start, @period_end, @schema_version, @pipeline_version, @table_count, @goal_count, @error_count)`),
    table: db.prepare(`INSERT INTO report_tables (report_id, ordinal, caption, page_first, page_last, line_first, line_last)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    column: db.prepare(`INSERT INTO report_columns (report_id, table_ordinal, ordinal, role, role_from, label,
      scale_unit, scale_factor, scale_from, year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    section: db.prepare('INSERT INTO sections (report_id, table_ordinal, ordinal, title) VALUES (?, ?, ?, ?)'),
    goal: db.prepare(`INSERT INTO goals (id, key, report_id, table_ordinal, ordinal, number, section_ordinal, section, group_name,
      title, subtitle, total, title_cell, page_first, page_last, line_first, line_last, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    cell: db.prepare('INSERT INTO goal_cells (goal_id, ordinal, label, role, text) VALUES (?, ?, ?, ?, ?)'),
    block: db.prepare('INSERT INTO cell_blocks (goal_id, cell, block, item, type, text) VALUES (?, ?, ?, ?, ?, ?)'),
    fact: db.prepare(`INSERT INTO facts (goal_id, ordinal, kind, cell, column_label, field, text, span_start, span_end,
      value, min, max, date, year_from, period_start, period_end, grain, unit, currency, approx, qualifier, per,
      scale_unit, scale_factor, scale_from, total, json, page)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    series: db.prepare(`INSERT INTO series (goal_id, ordinal, cell, column_label, field, label, unit, span_start, span_end)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    point: db.prepare(`INSERT INTO series_points (goal_id, series_ordinal, ordinal, label, point_start, point_end, value)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    diagnostic: db.prepare(`INSERT INTO diagnostics (report_id, ordinal, severity, code, message, params, page, line, column_number)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function statements(db: ReportDatabase): Statements {
  let s = statementCache.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

/** A report and the path its row names (and its JSON file is named after). */
export interface ReportAt {
  id: string;
  path: string;
}

/**
 * What a write did to reports other than the one it wrote, or to the path the written report's row
 * names: `superseded` rows are no longer written from that path (the report is gone because no path
 * holds its bytes any more, or it was written again from another path); `moved` reports stay, but
 * the path their row named now holds other bytes, so their row names their next path, `to`.
 */
export interface StoreChanges {
  superseded: ReportAt[];
  moved: { id: string; from: string; to: string }[];
}

/**
 * Takes `path` from the report that holds it, unless that is `keep`: the report goes when no other
 * path holds it, and its row names its next path when it named this one.
 */
function detachPath(s: Statements, path: string, keep: string, changes: StoreChanges): void {
  const owner = s.pathOwner.get(path) as string | undefined;
  if (owner === undefined || owner === keep) return;
  s.dropPath.run(path);
  const next = s.firstPath.get(owner) as string | undefined;
  const named = s.reportPath.get(owner) as string;
  if (next === undefined) {
    s.deleteReport.run(owner);
    changes.superseded.push({ id: owner, path: named });
  } else if (named === path) {
    s.repointReport.run(next, owner);
    changes.moved.push({ id: owner, from: path, to: next });
  }
}

/**
 * Records that the report `id` (already stored) was seen at `path` too, in one transaction: the path
 * moves from the report it held before, if any (see `StoreChanges`). Writes nothing when `path` is
 * already the report's.
 */
export function addReportPath(db: ReportDatabase, id: string, path: string, seenAt = new Date()): StoreChanges {
  const s = statements(db);
  const changes: StoreChanges = { superseded: [], moved: [] };
  if (s.pathOwner.get(path) === id) return changes;
  db.transaction(() => {
    detachPath(s, path, id, changes);
    s.addPath.run(path, id, seenAt.toISOString());
  }).immediate();
  return changes;
}

/** The rows of a cell's blocks, as `cell_blocks` stores them: one per paragraph or heading, one per list item. */
export function blockRows(blocks: readonly Block[]): { block: number; item: number; type: string; text: string }[] {
  return blocks.flatMap((b, block) =>
    b.type === 'list'
      ? b.items.map((text, item) => ({ block, item, type: LIST_ITEM_BLOCK_TYPE, text }))
      : [{ block, item: 0, type: b.type, text: b.text }],
  );
}

/**
 * What `goal_cells.text` stores for a cell: NULL when its block rows joined by "\n" give its text (as
 * the view `v_goal_cells` rebuilds it), else the text itself, so no text is lost and none is stored twice.
 */
export function storedCellText(cell: Pick<RowCell, 'text' | 'blocks'>): string | null {
  return blockRows(cell.blocks).map((r) => r.text).join('\n') === cell.text ? null : cell.text;
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

/** The values of a fact row, in `facts` column order: typed values spread over the columns that fit them, plus the whole fact as JSON and its page. */
export function factRow(goalId: string, ordinal: number, fact: Fact, page: number | null): unknown[] {
  const f = fact as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof f[k] === 'number' ? f[k] : null);
  const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
  const bool = (k: string) => (typeof f[k] === 'boolean' ? (f[k] ? 1 : 0) : null);
  const scale = fact.kind === 'money' ? fact.scale : null;
  return [
    goalId, ordinal, fact.kind, fact.cell ?? null, fact.column ?? null, fact.field ?? null, fact.text, fact.span[0], fact.span[1],
    num('value'), num('min'), num('max'), fact.kind === 'date' ? fact.value : null, str('yearFrom'),
    str('start'), str('end'), str('grain'), str('unit'), str('currency'), bool('approx'), str('qualifier'), str('per'),
    scale?.unit ?? null, scale?.factor ?? null, scale?.from ?? null, bool('total'),
    JSON.stringify(fact), page,
  ];
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

/** The values of a series row, in `series` column order. */
export function seriesRow(goalId: string, ordinal: number, s: Series): unknown[] {
  return [goalId, ordinal, s.cell ?? null, s.column ?? null, s.field ?? null, s.label, s.unit, s.span[0], s.span[1]];
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
 * Writes one report in one transaction, replacing any earlier report with the same id (sha256) but
 * keeping the paths it was seen at; its row names its source path, which it takes from the report
 * that held it before (see `StoreChanges`). Either all of it lands or none of it does. With
 * `deferSearchIndex` its goals wait for `indexPendingGoals` (or the next open) to enter the
 * full-text index.
 */
export function writeReport(
  db: ReportDatabase,
  report: Report,
  pipelineVersion: string,
  options: { deferSearchIndex?: boolean; seenAt?: Date } = {},
): StoreChanges {
  const s = statements(db);
  const path = report.source.path;
  const write = db.transaction((): StoreChanges => {
    const changes: StoreChanges = { superseded: [], moved: [] };
    detachPath(s, path, report.id, changes);
    const named = s.reportPath.get(report.id) as string | undefined;
    if (named !== undefined && named !== path) changes.superseded.push({ id: report.id, path: named });
    // The cascade takes the paths with the old row; the same bytes are still at all of them.
    const paths = s.pathsOf.all(report.id) as { path: string; seen_at: string }[];
    s.deleteReport.run(report.id);
    s.report.run({
      id: report.id,
      path,
      format: report.source.format,
      bytes: report.source.bytes,
      pages: report.source.pages,
      title: report.title,
      intro: report.intro,
      committee: report.committee,
      meeting_date: report.meetingDate,
      municipality: report.municipality,
      period_start: report.period?.start ?? null,
      period_end: report.period?.end ?? null,
      schema_version: report.schemaVersion,
      pipeline_version: pipelineVersion,
      table_count: report.tables.length,
      goal_count: report.goals.length,
      error_count: report.diagnostics.filter((d) => d.severity === 'error').length,
    });
    for (const t of report.tables) {
      const { pages, lines } = t.provenance;
      s.table.run(report.id, t.ordinal, t.caption, pages[0], pages[1], lines[0], lines[1]);
      t.columns.forEach((c, i) =>
        s.column.run(report.id, t.ordinal, i + 1, c.role, c.roleFrom, c.label, c.scale?.unit ?? null, c.scale?.factor ?? null, c.scale?.from ?? null, c.year),
      );
    }
    for (const sec of report.sections) s.section.run(report.id, sec.table, sec.ordinal, sec.title);
    const sections = sectionOrdinals(report);
    report.goals.forEach((goal, gi) => {
      const { pages, lines } = goal.provenance;
      const tc = titleCell(goal);
      s.goal.run(
        goal.id, goal.key, report.id, goal.table, goal.ordinal, goal.number, sections[gi], goal.section, goal.group, goal.title,
        goal.subtitle, goal.total ? 1 : 0, tc, pages[0], pages[1], lines[0], lines[1], searchBody(goal, tc),
      );
      goal.cells.forEach((cell, ci) => {
        s.cell.run(goal.id, ci, cell.label, cell.role, storedCellText(cell));
        for (const b of blockRows(cell.blocks)) s.block.run(goal.id, ci, b.block, b.item, b.type, b.text);
      });
      goal.facts.forEach((f, i) => s.fact.run(factRow(goal.id, i + 1, f, factPage(goal, f))));
      goal.series.forEach((ser, i) => {
        s.series.run(seriesRow(goal.id, i + 1, ser));
        ser.points.forEach((p, j) => s.point.run(goal.id, i + 1, j + 1, p.label, p.start, p.end, p.value));
      });
    });
    report.diagnostics.forEach((d, i) =>
      s.diagnostic.run(report.id, i + 1, d.severity, d.code, d.message, JSON.stringify(d.params ?? {}), d.page, d.line, d.column),
    );
    for (const p of paths) s.addPath.run(p.path, report.id, p.seen_at);
    if (!paths.some((p) => p.path === path)) s.addPath.run(path, report.id, (options.seenAt ?? new Date()).toISOString());
    // A batch indexes its goals in bulk later (see ingestSources); a single write indexes them now.
    if (!options.deferSearchIndex) indexPendingGoals(db, report.id);
    return changes;
  });
  return write.immediate();
}
