/**
 * Exporting from SQLite: every column of goals and facts but the store's bookkeeping, rows in key
 * order, so two databases holding the same reports export the same bytes however they were
 * written; the text streamed in pieces equals the text of all rows at once.
 */
import { describe, expect, it } from 'vitest';
import { EXPORT_SPECS, ExportTable, exportHeader, exportText, shapeExportRows } from '../../../output/export.js';
import { exportChunks, exportRows } from '../../../output/sqlite/export.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import type { ReportDatabase } from '../../../output/sqlite/schema.js';
import { writeReport } from '../../../output/sqlite/store.js';
import type { Report } from '../../../schemas/report.js';
import { sampleReport, strategyReport } from '../v2-report.js';

/** Columns that are a store's bookkeeping, not data, and so not exported. */
const NOT_EXPORTED: Record<ExportTable, string[]> = { goals: ['seq', 'indexed', 'body'], facts: [] };
/** Columns exported as another: a fact's goal (its row number in the table) as the goal's id. */
const EXPORTED_AS: Record<string, [name: string, table: string, column: string]> = { goal_seq: ['goal_id', 'goals', 'id'] };
/** Columns exported after a column of the table, from another table: a fact's column label (after its cell), from its column. */
const EXPORTED_AFTER: Record<string, [name: string, table: string, column: string]> = { 'facts.cell': ['column_label', 'report_columns', 'label'] };

const sample = sampleReport();
const many = strategyReport(
  Array.from({ length: 60 }, (_, i) => [`Mål ${i}`, `Indsats ${i}: 1,${i % 10} mio. kr.`, i % 2 ? `Faldet med ${i} pct.` : 'Uændret'] as const),
  { path: 'many.txt' },
);

function databaseWith(reports: readonly Report[]): ReportDatabase {
  const db = openReportDatabase(':memory:');
  for (const r of reports) writeReport(db, r, 'test');
  return db;
}

describe('export from SQLite', () => {
  it('exports every column of the table but its bookkeeping, typed, one row per record', () => {
    const db = databaseWith([sample]);
    for (const table of ExportTable.options) {
      const spec = EXPORT_SPECS[table];
      const info = (t: string) => db.pragma(`table_info(${t})`) as { name: string; type: string }[];
      const from = ([name, t, column]: [string, string, string]) => ({ name, type: info(t).find((x) => x.name === column)!.type });
      const stored = info(table).flatMap((c) => {
        const as = EXPORTED_AS[c.name];
        const after = EXPORTED_AFTER[`${table}.${c.name}`];
        return [as ? from(as) : c, ...(after ? [from(after)] : [])];
      });
      expect(spec.columns.map((c) => c.name), table).toEqual(stored.map((c) => c.name).filter((n) => !NOT_EXPORTED[table].includes(n)));
      for (const c of spec.columns) {
        const type = stored.find((s) => s.name === c.name)!.type;
        expect(type, `${table}.${c.name}`).toBe(c.type === 'text' ? 'TEXT' : c.type === 'real' ? 'REAL' : 'INTEGER');
      }
    }
    const goals = [...exportRows(db, 'goals')];
    expect(goals).toHaveLength(sample.goals.length);
    const at = (name: string) => EXPORT_SPECS.goals.columns.findIndex((c) => c.name === name);
    const total = sample.goals.find((g) => g.total)!;
    expect(goals.find((r) => r[at('id')] === total.id)![at('total')]).toBe(1);
    const facts = [...exportRows(db, 'facts')];
    expect(facts).toHaveLength(sample.goals.reduce((n, g) => n + g.facts.length, 0));
    const value = EXPORT_SPECS.facts.columns.findIndex((c) => c.name === 'value');
    expect(facts.map((r) => r[value]).filter((v) => v !== null).every((v) => typeof v === 'number')).toBe(true);
    db.close();
  });

  it('gives two databases with the same reports the same bytes, whatever order they were written in', () => {
    const a = databaseWith([sample, many]);
    const b = databaseWith([many, sample]);
    // b's goals have other row numbers (seq): the export does not show them.
    expect(a.prepare('SELECT seq FROM goals WHERE id = ?').pluck().get(sample.goals[0]!.id)).not.toBe(b.prepare('SELECT seq FROM goals WHERE id = ?').pluck().get(sample.goals[0]!.id));
    for (const table of ExportTable.options) {
      for (const format of ['csv', 'ndjson'] as const) {
        const text = (db: ReportDatabase) => [...exportChunks(db, table, format)].join('');
        expect(text(a), `${table} ${format}`).toBe(text(b));
      }
    }
    a.close();
    b.close();
  });

  it('streams in pieces that add up to the whole, in the order a shuffled copy of the rows sorts into', () => {
    const db = databaseWith([many, sample]);
    const spec = EXPORT_SPECS.goals;
    const chunks = [...exportChunks(db, 'goals', 'csv', {}, 16)];
    expect(chunks).toHaveLength(1 + Math.ceil((many.goals.length + sample.goals.length) / 16)); // the header, then pieces of 16 rows
    const rows = [...exportRows(db, 'goals')];
    expect(chunks.join('')).toBe(exportHeader(spec, 'csv') + exportText(spec, 'csv', rows));
    // Rows of another store, in any order, shaped by the same function, come out the same.
    const raw = db.prepare('SELECT * FROM goals ORDER BY random()').all() as Record<string, unknown>[];
    expect(shapeExportRows(spec, raw)).toEqual(rows);
    db.close();
  });
});
