/**
 * The export's shape, apart from any store: values typed by column (as another store's driver gives
 * them: numbers as text, booleans, bigints), rows ordered as SQLite orders them, CSV through
 * csv-stringify (quoting, NULL, a byte-order mark and formula escaping for spreadsheets) and NDJSON
 * (one object per line, numbers as numbers).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_SPECS,
  ExportValueError,
  compareExportRows,
  exportHeader,
  exportText,
  shapeExportRow,
  shapeExportRows,
  type ExportSpec,
} from '../../output/export.js';

/** A two-column spec to probe ordering and quoting with. */
const PROBE: ExportSpec = {
  table: 'goals',
  columns: [
    { name: 'id', type: 'text' },
    { name: 'n', type: 'integer' },
    { name: 'x', type: 'real' },
    { name: 'flag', type: 'flag' },
  ],
  orderBy: ['id', 'n'],
  from: 'goals',
  sources: {},
};

/**
 * A minimal RFC 4180 reader for the assertions (csv-stringify's own parser is not a dependency):
 * fields split on commas, quoted fields with doubled quotes and line breaks inside.
 */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  return rows;
}

describe('export rows', () => {
  it('types values by column, whatever the store gives (text numbers, bigints, booleans)', () => {
    expect(shapeExportRow(PROBE, { id: 'a', n: '12', x: '2500000.0', flag: true })).toEqual(['a', 12, 2_500_000, 1]);
    expect(shapeExportRow(PROBE, { id: 'a', n: 12n, x: 5.7, flag: 0 })).toEqual(['a', 12, 5.7, 0]);
    expect(shapeExportRow(PROBE, { id: 'a', n: null, x: undefined, flag: false, other: 'ignored' })).toEqual(['a', null, null, 0]);
    expect(() => shapeExportRow(PROBE, { id: 'a', n: '1.5' })).toThrow(ExportValueError);
    expect(() => shapeExportRow(PROBE, { id: 7 })).toThrow(/goals\.id: 7 is not a value of this column/);
    expect(() => shapeExportRow(PROBE, { id: 'a', x: 'lots' })).toThrow(ExportValueError);
  });

  it("orders rows as SQLite's ORDER BY does, text in UTF-8 byte order", () => {
    const ids = ['b', 'a', 'å', 'A', '\u{1F600}', '\uFF21', 'ab', '', 'a\u0000'];
    const rows = ids.flatMap((id, i) => [{ id, n: 2, x: i, flag: 0 }, { id, n: 10, x: i, flag: 1 }]);
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT, n INTEGER, x REAL, flag INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (@id, @n, @x, @flag)');
    for (const r of rows) insert.run(r);
    const sqlite = (db.prepare('SELECT id, n, x, flag FROM t ORDER BY id, n').all() as Record<string, unknown>[]).map((r) => shapeExportRow(PROBE, r));
    db.close();
    const shuffled = [...rows].reverse();
    expect(shapeExportRows(PROBE, shuffled)).toEqual(sqlite);
    // JavaScript's own order differs on these: U+FF21 comes before an astral character in UTF-16.
    expect([...ids].sort()).not.toEqual([...new Set(sqlite.map((r) => r[0]))]);
    expect(compareExportRows(PROBE)(['a', 2, 0, 0], ['a', 10, 0, 0])).toBeLessThan(0);
  });

  it('orders goals and facts by a key of their own columns', () => {
    for (const spec of Object.values(EXPORT_SPECS)) {
      const names = spec.columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const key of spec.orderBy) expect(names, `${spec.table}.${key}`).toContain(key);
    }
  });
});

describe('export text', () => {
  const rows = [
    ['plain', 1, 2.5, 0],
    ['comma, "quote"\nand a new line', null, null, 1],
    ['=SUM(A1:A2)', -3, 1e21, null],
    ['Ærø, Ålborg', 0, 0.1, 0],
  ];

  it('writes CSV with csv-stringify: a header, quoting where needed, NULL as an empty field', () => {
    const text = exportHeader(PROBE, 'csv') + exportText(PROBE, 'csv', rows);
    expect(text.startsWith('id,n,x,flag\n')).toBe(true);
    expect(readCsv(text)).toEqual([['id', 'n', 'x', 'flag'], ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
    expect(text).toContain('"comma, ""quote""\nand a new line",,,1\n');
    expect(exportText(PROBE, 'csv', [])).toBe('');
  });

  it('for spreadsheets (excel): a byte-order mark, and text that reads as a formula made inert', () => {
    const header = exportHeader(PROBE, 'csv', { excel: true });
    expect(header.startsWith('\uFEFF')).toBe(true);
    const text = exportText(PROBE, 'csv', rows, { excel: true });
    expect(readCsv(text)[2]![0]).toBe("'=SUM(A1:A2)");
    expect(readCsv(text)[2]![1]).toBe('-3'); // a number stays a number
    expect(readCsv(text)[0]![0]).toBe('plain');
    expect(readCsv(exportText(PROBE, 'csv', rows))[2]![0]).toBe('=SUM(A1:A2)');
  });

  it('writes NDJSON: one object per line, columns in order, numbers as numbers, NULL as null', () => {
    expect(exportHeader(PROBE, 'ndjson')).toBe('');
    const text = exportText(PROBE, 'ndjson', rows);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(rows.length);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const [i, o] of objects.entries()) {
      expect(Object.keys(o)).toEqual(['id', 'n', 'x', 'flag']);
      expect(Object.values(o)).toEqual(rows[i]);
    }
    expect(typeof objects[0]!.x).toBe('number');
  });
});
