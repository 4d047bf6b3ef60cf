/**
 * Writing reports to the SQLite store (tables in `schema.ts`, opened by `open.ts`): one row per
 * report, section, goal, cell block, fact, series point and diagnostic, tied together by foreign keys
 * that cascade on delete. Each report is written in one transaction, and writing a report again
 * (same sha256, or a changed file at the same path) replaces it: never a duplicate.
 */
import type { Cell, Report } from '../../schemas/report.js';
import type { Fact } from '../../schemas/fact.js';
import { LIST_ITEM_BLOCK_TYPE, type ReportDatabase } from './schema.js';
import { indexPendingGoals } from './search-index.js';

const statementCache = new WeakMap<ReportDatabase, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: ReportDatabase) {
  return {
    deleteReport: db.prepare('DELETE FROM reports WHERE id = ? OR path = ?'),
    report: db.prepare(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, period_start,
      period_end, schema_version, pipeline_version, goal_count, error_count)
      VALUES (@id, @path, @format, @bytes, @pages, @title, @intro, @committee, @period_start, @period_end,
      @schema_version, @pipeline_version, @goal_count, @error_count)`),
    column: db.prepare('INSERT INTO report_columns (report_id, ordinal, role, label) VALUES (?, ?, ?, ?)'),
    section: db.prepare('INSERT INTO sections (report_id, ordinal, title) VALUES (?, ?, ?)'),
    goal: db.prepare(`INSERT INTO goals (id, report_id, ordinal, number, section_ordinal, section, title, subtitle,
      initiatives, results, page_first, page_last, line_first, line_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    block: db.prepare('INSERT INTO cell_blocks (goal_id, cell, block, item, type, text) VALUES (?, ?, ?, ?, ?, ?)'),
    fact: db.prepare(`INSERT INTO facts (goal_id, ordinal, kind, "column", text, span_start, span_end, value, min, max,
      date, start, "end", grain, unit, currency, approx, qualifier, per, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    series: db.prepare(`INSERT INTO series (goal_id, ordinal, "column", label, unit, span_start, span_end)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    point: db.prepare(`INSERT INTO series_points (goal_id, series_ordinal, ordinal, label, start, "end", value)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    diagnostic: db.prepare(`INSERT INTO diagnostics (report_id, ordinal, severity, code, message, page, line, "column")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

function statements(db: ReportDatabase) {
  let s = statementCache.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

/** The values of a fact row, in `facts` column order: typed values spread over the columns that fit them, plus the whole fact as JSON. */
function factRow(goalId: string, ordinal: number, fact: Fact): unknown[] {
  const f = fact as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof f[k] === 'number' ? f[k] : null);
  const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
  const approx = typeof f.approx === 'boolean' ? (f.approx ? 1 : 0) : null;
  return [
    goalId, ordinal, fact.kind, fact.column ?? 'results', fact.text, fact.span[0], fact.span[1],
    num('value'), num('min'), num('max'), fact.kind === 'date' ? fact.value : null,
    str('start'), str('end'), str('grain'), str('unit'), str('currency'), approx, str('qualifier'), str('per'),
    JSON.stringify(fact),
  ];
}

/**
 * Writes one report in one transaction, replacing any earlier report with the same id (sha256) or
 * the same source path. Either all of it lands or none of it does. With `deferSearchIndex` its goals
 * wait for `indexPendingGoals` (or the next open) to enter the full-text index.
 */
export function writeReport(
  db: ReportDatabase,
  report: Report,
  pipelineVersion: string,
  options: { deferSearchIndex?: boolean } = {},
): void {
  const s = statements(db);
  const write = db.transaction(() => {
    s.deleteReport.run(report.id, report.source.path);
    s.report.run({
      id: report.id,
      path: report.source.path,
      format: report.source.format,
      bytes: report.source.bytes,
      pages: report.source.pages,
      title: report.title,
      intro: report.intro,
      committee: report.committee,
      period_start: report.period?.start ?? null,
      period_end: report.period?.end ?? null,
      schema_version: report.schemaVersion,
      pipeline_version: pipelineVersion,
      goal_count: report.goals.length,
      error_count: report.diagnostics.filter((d) => d.severity === 'error').length,
    });
    report.columns.forEach((c, i) => s.column.run(report.id, i + 1, c.role, c.label));
    for (const sec of report.sections) s.section.run(report.id, sec.ordinal, sec.title);
    let currentSection: number | null = null;
    for (const goal of report.goals) {
      // Goals name their section by title; sections come in document order, so a goal belongs to the
      // first section with its title at or after the current one.
      if (goal.section !== null) {
        const next = report.sections.find((x) => x.title === goal.section && x.ordinal >= (currentSection ?? 0));
        currentSection = next?.ordinal ?? report.sections.find((x) => x.title === goal.section)?.ordinal ?? null;
      }
      s.goal.run(
        goal.id, report.id, goal.ordinal, goal.number, goal.section === null ? null : currentSection, goal.section, goal.title,
        goal.subtitle, goal.initiatives.text, goal.results.text,
        goal.provenance.pages[0], goal.provenance.pages[1], goal.provenance.lines[0], goal.provenance.lines[1],
      );
      const cells: [string, Cell][] = [
        ['initiatives', goal.initiatives],
        ['results', goal.results],
        ...goal.extra.map((c, i): [string, Cell] => [`extra:${i}`, c]),
      ];
      for (const [cell, { blocks }] of cells) {
        blocks.forEach((b, bi) => {
          if (b.type === 'list') b.items.forEach((item, ii) => s.block.run(goal.id, cell, bi, ii, LIST_ITEM_BLOCK_TYPE, item));
          else s.block.run(goal.id, cell, bi, 0, b.type, b.text);
        });
      }
      goal.facts.forEach((f, i) => s.fact.run(factRow(goal.id, i + 1, f)));
      goal.series.forEach((ser, i) => {
        s.series.run(goal.id, i + 1, ser.column ?? null, ser.label, ser.unit, ser.span[0], ser.span[1]);
        ser.points.forEach((p, j) => s.point.run(goal.id, i + 1, j + 1, p.label, p.start, p.end, p.value));
      });
    }
    report.diagnostics.forEach((d, i) =>
      s.diagnostic.run(report.id, i + 1, d.severity, d.code, d.message, d.page, d.line, d.column),
    );
    // A batch indexes its goals in bulk later (see ingestSources); a single write indexes them now.
    if (!options.deferSearchIndex) indexPendingGoals(db, report.id);
  });
  write.immediate();
}
