/**
 * The CHECK lists of the DDL are built from the zod enums, so they match by construction; these tests
 * make sure the built constraints work: a fresh database takes every enum value and refuses others.
 */
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { LIST_ITEM_BLOCK_TYPE, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { Severity } from '../../../schemas/diagnostic.js';
import { Fact, FactColumn } from '../../../schemas/fact.js';
import { Block, ColumnRole, Source } from '../../../schemas/report.js';

/** Each CHECK-constrained column with the values the schemas allow in it. */
const CHECKED: [table: string, column: string, values: readonly string[]][] = [
  ['reports', 'format', Source.shape.format.options],
  ['report_columns', 'role', ColumnRole.options],
  ['cell_blocks', 'type', Block.options.map(({ shape }) => (shape.type.value === 'list' ? LIST_ITEM_BLOCK_TYPE : shape.type.value))],
  ['facts', 'kind', Fact.options.map(({ shape }) => shape.kind.value)],
  ['facts', 'column', FactColumn.options],
  ['diagnostics', 'severity', Severity.options],
];

/** A value `table.column` takes: an allowed one where a CHECK constrains it, else one of its type. */
function placeholder(table: string, column: { name: string; type: string }): unknown {
  const checked = CHECKED.find(([t, c]) => t === table && c === column.name);
  return checked ? checked[2][0] : column.type === 'TEXT' ? 'x' : 0;
}

/**
 * True when `table` takes a row with `value` in `column` (its other required columns filled with
 * placeholders), false when a CHECK constraint refuses it. The row is rolled back either way.
 */
function accepts(db: ReportDatabase, table: string, column: string, value: string): boolean {
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
    db.close();
  });
});
