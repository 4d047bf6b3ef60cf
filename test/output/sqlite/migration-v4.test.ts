/**
 * Version 5 keeps a column's label and role once, in `report_columns`: a cell, a fact and a series
 * name their column by the cell's ordinal. Migrating a database of version 4 (which kept a copy in
 * `goal_cells.label`/`role`, `facts.column_label` and `series.column_label`, and views that read
 * those copies) drops the copies, and the views give every label and role from the columns, as the
 * reports themselves have them. The rows a report is written as are refused when a goal's copy is
 * not its column's, rather than stored under another label.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { columnCopyMismatch, reportRows } from '../../../output/sqlite/rows.js';
import { DATABASE_SCHEMA_VERSION, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { Report } from '../../../schemas/report.js';
import { sampleReport } from '../v2-report.js';
import { searchBookkeepingAsVersion5 } from './schema-v5.js';

const SEEN_AT = new Date('2024-01-01T00:00:00Z');
const fixture = (name: string): Report => Report.parse(JSON.parse(readFileSync(join('fixtures', name, 'expected.json'), 'utf8')));
const reports = [fixture('oekonomiudvalget-2014-2017'), fixture('oekonomiudvalget-2014-2017-pdf'), sampleReport()];

type Row = Record<string, unknown>;
const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[];
const columnsOf = (db: Database.Database, table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/** The tables of a goal's parts and the views, each in a full order: what a migrated database and a new one must hold alike. */
const READS: Record<string, string> = {
  goal_cells: 'SELECT * FROM goal_cells ORDER BY goal_seq, ordinal',
  cell_blocks: 'SELECT * FROM cell_blocks ORDER BY goal_seq, cell, block, item',
  facts: 'SELECT * FROM facts ORDER BY goal_seq, ordinal',
  series: 'SELECT * FROM series ORDER BY goal_seq, ordinal',
  v_goal_cells: 'SELECT * FROM v_goal_cells ORDER BY goal_id, ordinal',
  v_money_facts: 'SELECT * FROM v_money_facts ORDER BY goal_id, fact_ordinal',
  v_facts: 'SELECT * FROM v_facts ORDER BY goal_id, fact_ordinal',
  v_series_points: 'SELECT * FROM v_series_points ORDER BY goal_id, series_ordinal, point_ordinal',
};

/**
 * A database as version 4 left it: the reports written, then each copy of a column's label and role
 * put back from the reports' own cells, facts and series (not from `report_columns`), the views
 * that read them in place of this version's, and version 4 in `user_version`.
 */
function databaseV4(path: string, edit: (db: Database.Database) => void = () => undefined): void {
  const db = openReportDatabase(path);
  for (const report of reports) writeReport(db, report, 'v4-test', { seenAt: SEEN_AT });
  db.exec(`
    DROP VIEW v_goal_cells; DROP VIEW v_money_facts; DROP VIEW v_facts; DROP VIEW v_series_points;
    ALTER TABLE goal_cells ADD COLUMN label TEXT NOT NULL DEFAULT '';
    ALTER TABLE goal_cells ADD COLUMN role TEXT NOT NULL DEFAULT '';
    ALTER TABLE facts ADD COLUMN column_label TEXT;
    ALTER TABLE series ADD COLUMN column_label TEXT;`);
  const seq = db.prepare('SELECT seq FROM goals WHERE id = ?').pluck();
  const cell = db.prepare('UPDATE goal_cells SET label = ?, role = ? WHERE goal_seq = ? AND ordinal = ?');
  const fact = db.prepare('UPDATE facts SET column_label = ? WHERE goal_seq = ? AND ordinal = ?');
  const series = db.prepare('UPDATE series SET column_label = ? WHERE goal_seq = ? AND ordinal = ?');
  for (const goal of reports.flatMap((r) => r.goals)) {
    const s = seq.get(goal.id) as number;
    goal.cells.forEach((c, i) => cell.run(c.label, c.role, s, i));
    goal.facts.forEach((f, i) => fact.run(f.column ?? null, s, i + 1));
    goal.series.forEach((x, i) => series.run(x.column ?? null, s, i + 1));
  }
  // Version 4's views read the copies: the migration must take them out before it drops the columns.
  db.exec(`
    CREATE VIEW v_goal_cells AS SELECT goal_seq, ordinal, label, role, text FROM goal_cells;
    CREATE VIEW v_money_facts AS SELECT goal_seq, ordinal, column_label FROM facts WHERE kind = 'money';
    CREATE VIEW v_facts AS SELECT goal_seq, ordinal, column_label FROM facts;
    CREATE VIEW v_series_points AS SELECT p.*, s.column_label FROM series_points p JOIN series s ON s.goal_seq = p.goal_seq AND s.ordinal = p.series_ordinal;
    `);
  // Version 4 kept the full-text index's bookkeeping as version 5 did.
  searchBookkeepingAsVersion5(db);
  db.pragma('user_version = 4');
  edit(db);
  db.close();
}

describe('migrating a version-4 database (column labels and roles stored once)', () => {
  it('drops the copies, and the views give each cell, fact and series its column as the report has it', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-migrate-v4-')), 'r.sqlite');
    databaseV4(path);
    const before = new Database(path, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(4);
    expect(columnsOf(before, 'goal_cells')).toContain('label');
    before.close();

    const db = openReportDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    expect(columnsOf(db, 'goal_cells')).toEqual(['goal_seq', 'ordinal', 'text']);
    expect(columnsOf(db, 'facts')).not.toContain('column_label');
    expect(columnsOf(db, 'series')).not.toContain('column_label');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The labels and roles the views give are the reports' own (the cell's column is ordinal + 1).
    const goals = reports.flatMap((r) => r.goals);
    const cells = all(db, 'SELECT goal_id, ordinal, label, role FROM v_goal_cells ORDER BY goal_id, ordinal');
    const expectedCells = goals.flatMap((g) => g.cells.map((c, i) => ({ goal_id: g.id, ordinal: i, label: c.label, role: c.role })));
    expect(cells).toEqual(expectedCells.sort((a, b) => (a.goal_id < b.goal_id ? -1 : a.goal_id > b.goal_id ? 1 : a.ordinal - b.ordinal)));
    const factColumn = new Map<string, string | null>(goals.flatMap((g) => g.facts.map((f, i) => [`${g.id} ${i + 1}`, f.column ?? null] as const)));
    const facts = all(db, 'SELECT goal_id, fact_ordinal, column_label FROM v_facts');
    expect(facts.length).toBe(factColumn.size);
    for (const f of facts) expect(f.column_label, `${f.goal_id} ${f.fact_ordinal}`).toBe(factColumn.get(`${f.goal_id} ${f.fact_ordinal}`));
    expect(new Set(facts.map((f) => f.column_label)).size).toBeGreaterThan(2);
    const money = all(db, 'SELECT goal_id, fact_ordinal, column_label FROM v_money_facts');
    expect(money.length).toBe(goals.reduce((n, g) => n + g.facts.filter((f) => f.kind === 'money').length, 0));
    for (const f of money) expect(f.column_label, `${f.goal_id} ${f.fact_ordinal}`).toBe(factColumn.get(`${f.goal_id} ${f.fact_ordinal}`));
    const points = all(db, 'SELECT DISTINCT goal_id, series_ordinal, column_label FROM v_series_points');
    const seriesColumn = new Map<string, string | null>(goals.flatMap((g) => g.series.map((s, i) => [`${g.id} ${i + 1}`, s.column ?? null] as const)));
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) expect(p.column_label).toBe(seriesColumn.get(`${p.goal_id} ${p.series_ordinal}`));

    // Row for row what this version writes into a new database.
    const fresh = openReportDatabase(':memory:');
    for (const report of reports) writeReport(fresh, report, 'v4-test', { seenAt: SEEN_AT });
    for (const [name, sql] of Object.entries(READS)) expect(all(db, sql), name).toEqual(all(fresh as ReportDatabase, sql));
    fresh.close();
    db.close();
  });
});

describe('a version-4 database whose copy of a label is not its column\'s', () => {
  it('is refused by name and left as it was, its labels kept', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-migrate-v4-')), 'r.sqlite');
    databaseV4(path, (db) => {
      db.exec("UPDATE facts SET column_label = 'Another column' WHERE (goal_seq, ordinal) = (SELECT goal_seq, ordinal FROM facts ORDER BY 1, 2 LIMIT 1)");
    });
    expect(() => openReportDatabase(path)).toThrow(new RegExp(`${path}.*copies of column labels differ from report_columns: not migrated`));
    const kept = new Database(path, { readonly: true });
    expect(kept.pragma('user_version', { simple: true })).toBe(4);
    expect(kept.prepare("SELECT count(*) FROM facts WHERE column_label = 'Another column'").pluck().get()).toBe(1);
    expect(columnsOf(kept, 'goal_cells')).toContain('label');
    kept.close();
  });
});

describe('a report written with each column once', () => {
  it('is refused when a cell, fact or series names a column other than its own', () => {
    const report = sampleReport();
    const goal = report.goals.find((g) => g.facts.length > 0 && g.cells.length >= 2)!;
    const columns = report.tables.find((t) => t.ordinal === goal.table)!.columns;
    expect(columnCopyMismatch(goal, columns)).toBeNull();
    expect(() => reportRows(report)).not.toThrow();

    const relabelled = structuredClone(report);
    relabelled.goals.find((g) => g.id === goal.id)!.cells[1]!.label = 'Another label';
    expect(() => reportRows(relabelled)).toThrow(/cell 1 is not its column's \("Another label"/);

    const recast = structuredClone(report);
    const cell = recast.goals.find((g) => g.id === goal.id)!.cells[0]!;
    cell.role = cell.role === 'goal' ? 'other' : 'goal';
    expect(() => reportRows(recast)).toThrow(/cell 0 is not its column's/);

    const misnamed = structuredClone(report);
    misnamed.goals.find((g) => g.id === goal.id)!.facts[0]!.column = 'Elsewhere';
    expect(() => reportRows(misnamed)).toThrow(/a fact in cell \d+ names column "Elsewhere"/);

    // A fact found in no cell names no column.
    const cellless = structuredClone(report);
    delete cellless.goals.find((g) => g.id === goal.id)!.facts[0]!.cell;
    expect(() => reportRows(cellless)).toThrow(/a fact in cell - names column/);
    delete cellless.goals.find((g) => g.id === goal.id)!.facts[0]!.column;
    expect(() => reportRows(cellless)).not.toThrow();

    const withSeries = report.goals.find((g) => g.series.length > 0);
    expect(withSeries).toBeDefined();
    const series = structuredClone(report);
    series.goals.find((g) => g.id === withSeries!.id)!.series[0]!.column = 'Elsewhere';
    expect(() => reportRows(series)).toThrow(/a series in cell \d+ names column "Elsewhere"/);

    // More cells than the table has columns.
    const wider = structuredClone(report);
    const g = wider.goals.find((x) => x.id === goal.id)!;
    g.cells.push({ ...g.cells[0]!, label: 'Extra' });
    expect(() => reportRows(wider)).toThrow(new RegExp(`cell ${g.cells.length - 1} is not its column's`));
  });
});
