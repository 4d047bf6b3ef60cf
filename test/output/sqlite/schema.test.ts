/**
 * The CHECK lists of the DDL are built from the zod enums, so they match by construction; these tests
 * make sure the built constraints work: a fresh database takes every enum value and refuses others.
 * The list below is written from the schemas on its own, and must cover the DDL's list.
 */
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { CHECKED_COLUMNS, LIST_ITEM_BLOCK_TYPE, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { Severity } from '../../../schemas/diagnostic.js';
import { AmountScale, DateFact, Fact, FactField, Series } from '../../../schemas/fact.js';
import { Block, ColumnRole, RoleSource, Source } from '../../../schemas/report.js';

/** Each CHECK-constrained column with the values the schemas allow in it. */
const CHECKED: [table: string, column: string, values: readonly string[]][] = [
  ['reports', 'format', Source.shape.format.options],
  ['report_columns', 'role', ColumnRole.options],
  ['report_columns', 'role_from', RoleSource.options],
  ['report_columns', 'scale_from', AmountScale.shape.from.options],
  ['cell_blocks', 'type', Block.options.map(({ shape }) => (shape.type.value === 'list' ? LIST_ITEM_BLOCK_TYPE : shape.type.value))],
  ['facts', 'kind', Fact.options.map(({ shape }) => shape.kind.value)],
  ['facts', 'field', FactField.options],
  ['facts', 'scale_from', AmountScale.shape.from.options],
  ['facts', 'year_from', ['text', 'report']],
  ['series', 'field', FactField.options],
  ['series', 'unit', Series.shape.unit.options],
  ['diagnostics', 'severity', Severity.options],
];

/**
 * PostgreSQL's reserved key words (PostgreSQL 15 documentation, Appendix C, "reserved" and "reserved
 * (can be function or type)"): a column named so needs quotes there, where the tables are mirrored.
 */
const POSTGRES_RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column
   concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp
   current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having
   ilike in initially inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not
   notnull null offset on only or order outer overlaps placing primary references returning right select session_user similar
   some symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when where window with`.split(/\s+/),
);

/** A value `table.column` takes: an allowed one where a CHECK constrains it, else one of its type. */
function placeholder(table: string, column: { name: string; type: string }): unknown {
  const checked = CHECKED.find(([t, c]) => t === table && c === column.name);
  return checked ? checked[2][0] : column.type === 'TEXT' ? 'x' : 0;
}

/**
 * True when `table` takes a row with `value` in `column` (its other required columns filled with
 * placeholders), false when a CHECK constraint refuses it. The row is rolled back either way.
 */
function accepts(db: ReportDatabase, table: string, column: string, value: string | null): boolean {
  const columns = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number }[];
  const row = new Map(columns.filter((c) => c.notnull).map((c) => [c.name, placeholder(table, c)]));
  row.set(column, value);
  const names = [...row.keys()].map((n) => `"${n}"`).join(', ');
  db.exec('SAVEPOINT probe');
  try {
    db.prepare(`INSERT INTO ${table} (${names}) VALUES (${[...row.keys()].map(() => '?').join(', ')})`).run(...row.values());
    return true;
  } catch (error) {
    if (error instanceof Error && /CHECK constraint failed/.test(error.message)) return false;
    throw error;
  } finally {
    db.exec('ROLLBACK TO probe');
    db.exec('RELEASE probe');
  }
}

describe('SQLite schema', () => {
  it.each(CHECKED)('%s.%s takes exactly the values of its zod enum', (table, column, values) => {
    const db = openReportDatabase(':memory:');
    db.pragma('foreign_keys = OFF'); // placeholder rows reference no real parent rows
    for (const value of values) expect(accepts(db, table, column, value), value).toBe(true);
    expect(accepts(db, table, column, 'not-in-the-enum')).toBe(false);
    const nullable = (db.pragma(`table_info(${table})`) as { name: string; notnull: number }[]).find((c) => c.name === column)!.notnull === 0;
    if (nullable) expect(accepts(db, table, column, null)).toBe(true);
    db.close();
  });

  it('checks the columns this test knows, and the year sources are those of the schema', () => {
    expect(CHECKED_COLUMNS.map(([t, c]) => `${t}.${c}`).sort()).toEqual(CHECKED.map(([t, c]) => `${t}.${c}`).sort());
    expect(DateFact.shape.yearFrom.unwrap().options).toEqual(['text', 'report']);
  });

  it('gives every table and view column names that need no quoting, in SQLite or PostgreSQL', () => {
    const db = openReportDatabase(':memory:');
    const objects = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'goals_fts_%'").pluck().all() as string[];
    expect(objects).toEqual(expect.arrayContaining(['goals', 'facts', 'series_points', 'diagnostics', 'v_facts', 'goals_fts']));
    for (const object of objects) {
      for (const { name } of db.pragma(`table_info(${object})`) as { name: string }[]) {
        expect(name, `${object}.${name}`).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(POSTGRES_RESERVED.has(name), `${object}.${name} is reserved in PostgreSQL`).toBe(false);
        // SQLite takes it unquoted where an analyst writes it.
        expect(() => db.prepare(`SELECT x.${name} FROM ${object} x WHERE ${name} IS NOT NULL ORDER BY ${name}`), `${object}.${name}`).not.toThrow();
      }
    }
    db.close();
  });

  it('gives the analyst views column names that need no quoting', () => {
    const db = openReportDatabase(':memory:');
    const keywords = new Set(['end', 'column', 'group', 'order', 'table', 'index', 'key', 'values', 'default', 'check', 'references', 'primary', 'unique', 'from', 'where', 'select', 'transaction', 'to', 'by', 'as', 'in', 'is', 'on', 'of', 'set']);
    for (const view of ['v_goals', 'v_money_facts', 'v_series_points', 'v_goal_cells', 'v_cell_blocks', 'v_fact_boxes', 'v_facts']) {
      const names = (db.pragma(`table_info(${view})`) as { name: string }[]).map((c) => c.name);
      expect(names.length, view).toBeGreaterThan(4);
      for (const name of names) {
        expect(name, `${view}.${name}`).toMatch(/^[a-z_][a-z0-9_]*$/);
        expect(keywords.has(name), `${view}.${name} is an SQL keyword`).toBe(false);
      }
    }
    db.close();
  });
});
