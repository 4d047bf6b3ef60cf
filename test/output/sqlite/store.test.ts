/** The SQLite store: every part of a v2 report lands (text once), a report is replaced not duplicated, version checks. */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseVersionError, openReportDatabase } from '../../../output/sqlite/open.js';
import { DATABASE_SCHEMA_VERSION } from '../../../output/sqlite/schema.js';
import { openSearchDatabase } from '../../../output/sqlite/search.js';
import { storedCellText } from '../../../output/sqlite/rows.js';
import { writeReport } from '../../../output/sqlite/store.js';
import type { Fact } from '../../../schemas/fact.js';
import type { Report } from '../../../schemas/report.js';
import { goalIdOfKey } from '../../../pipeline/stages/ids.js';
import { AMOUNT, GROUP, RESULTS, clone, sampleReport, sha } from '../v2-report.js';

const sample = sampleReport();
const tempPath = (name = 'r.sqlite') => join(mkdtempSync(join(tmpdir(), 'si-')), name);

function count(db: Database.Database, table: string, where = ''): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
}

const cellCount = (r: Report) => r.goals.reduce((n, g) => n + g.cells.length, 0);

type FactRow = Record<string, string | number | null> & { goal_id: string; ordinal: number; kind: Fact['kind'] };
type BoxRow = { goal_id: string; fact_ordinal: number; page: number; x: number; y: number; width: number; height: number };

/** A fact as its row and boxes give it back: the fields its kind has, the optional ones only where set. */
function factOf(r: FactRow, boxes: readonly BoxRow[]): Fact {
  const own = boxes.filter((b) => b.goal_id === r.goal_id && b.fact_ordinal === r.ordinal).map(({ page, x, y, width, height }) => ({ page, x, y, width, height }));
  const flag = (v: unknown) => (v === null ? null : v === 1);
  const base = {
    kind: r.kind,
    ...(r.cell !== null && { cell: r.cell }),
    ...(r.column_label !== null && { column: r.column_label }),
    ...(r.field !== null && { field: r.field }),
    text: r.text,
    span: [r.span_start, r.span_end],
    ...(own.length > 0 && { boxes: own }),
  };
  const range = { value: r.value, min: r.min, max: r.max };
  const fields: Record<Fact['kind'], Record<string, unknown>> = {
    money: { ...range, currency: r.currency, approx: flag(r.approx), qualifier: r.qualifier, per: r.per,
      scale: r.scale_unit === null ? null : { unit: r.scale_unit, factor: r.scale_factor, from: r.scale_from }, total: flag(r.total) },
    percent: { ...range, approx: flag(r.approx), qualifier: r.qualifier },
    date: { value: r.date, grain: r.grain, yearFrom: r.year_from },
    period: { start: r.period_start, end: r.period_end, grain: r.grain },
    year: { value: r.value },
    quantity: { ...range, unit: r.unit, approx: flag(r.approx), qualifier: r.qualifier },
  };
  return { ...base, ...fields[r.kind] } as Fact;
}

describe('SQLite store', () => {
  it('writes every part of a report, with WAL and the schema version', () => {
    const db = openReportDatabase(tempPath());
    writeReport(db, sample, 'test');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(DATABASE_SCHEMA_VERSION);
    expect(db.prepare('SELECT meeting_date, municipality, table_count, goal_count, schema_version FROM reports').get()).toEqual({
      meeting_date: '2017-11-20',
      municipality: 'Ballerup',
      table_count: 2,
      goal_count: 9,
      schema_version: 2,
    });
    expect(db.prepare('SELECT ordinal, caption, page_first, page_last FROM report_tables ORDER BY ordinal').all()).toEqual([
      { ordinal: 1, caption: null, page_first: 1, page_last: 7 },
      { ordinal: 2, caption: 'Tabel 2 - Anlægs- og driftsprojekter (1.000 kr.)', page_first: 1, page_last: 1 },
    ]);
    expect(db.prepare('SELECT role, role_from, label, scale_unit, scale_factor, scale_from, year FROM report_columns WHERE table_ordinal = 2 AND ordinal = 4').get()).toEqual({
      role: 'amount',
      role_from: 'header',
      label: AMOUNT,
      scale_unit: 't.kr.',
      scale_factor: 1000,
      scale_from: 'header',
      year: 2025,
    });
    expect(count(db, 'report_columns')).toBe(8);
    expect(count(db, 'sections')).toBe(sample.sections.length);
    expect(count(db, 'goals')).toBe(9);
    expect(count(db, 'goal_cells')).toBe(cellCount(sample));
    expect(count(db, 'facts')).toBe(sample.goals.reduce((n, g) => n + g.facts.length, 0));
    expect(count(db, 'series_points')).toBe(3);
    expect(db.prepare('SELECT code, params FROM diagnostics').get()).toEqual({ code: 'row-continued', params: '{"reason":"empty goal cell"}' });

    const items = db
      .prepare(`SELECT b.text FROM v_cell_blocks b JOIN goals g ON g.id = b.goal_id JOIN v_goal_cells c ON c.goal_id = b.goal_id AND c.ordinal = b.cell
                WHERE g.title = 'Bandepartnerskab' AND c.label = ? AND b.type = 'list_item' ORDER BY b.item`)
      .all(RESULTS) as { text: string }[];
    expect(items).toHaveLength(4);
    const goal = db.prepare('SELECT section, section_ordinal, table_ordinal, page_first, page_last, title_cell FROM goals WHERE table_ordinal = 1 AND ordinal = 1').get();
    expect(goal).toEqual({ section: 'POLITISK ORGANISERING', section_ordinal: 1, table_ordinal: 1, page_first: 1, page_last: 2, title_cell: 0 });
    expect(db.prepare('SELECT number, group_name, total, title_cell FROM goals WHERE table_ordinal = 2 ORDER BY ordinal').all()).toEqual([
      { number: '1', group_name: 'Anlæg', total: 0, title_cell: 1 },
      { number: '2', group_name: 'Anlæg', total: 0, title_cell: 1 },
      { number: '3', group_name: 'Drift', total: 0, title_cell: 1 },
      { number: null, group_name: null, total: 1, title_cell: 1 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('stores facts with their cell, column label, field, scale, totals and yearless dates: the whole fact in its columns and boxes', () => {
    const db = openReportDatabase(':memory:');
    const report = clone(sample);
    // Boxes as a PDF's facts have them (the sample is text): one fact over two lines, one on one.
    const boxed = report.goals.find((g) => g.facts.length >= 2)!.facts;
    boxed[0]!.boxes = [{ page: 1, x: 56.5, y: 100.25, width: 80, height: 11.5 }, { page: 2, x: 56.5, y: 40, width: 20.125, height: 11.5 }];
    boxed[1]!.boxes = [{ page: 2, x: 300, y: 512.75, width: 33.3, height: 9 }];
    writeReport(db, report, 'test');
    const rows = db
      .prepare(`SELECT f.kind, f.cell, c.label AS column_label, f.field, f.text, f.value, f.date, f.year_from, f.scale_unit, f.scale_factor, f.scale_from, f.total
                FROM facts f JOIN goals g ON g.seq = f.goal_seq
                LEFT JOIN report_columns c ON c.report_id = g.report_id AND c.table_ordinal = g.table_ordinal AND c.ordinal = f.cell + 1
                WHERE g.table_ordinal = 2 ORDER BY g.ordinal, f.ordinal`)
      .all() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ kind: 'money', cell: 3, column_label: AMOUNT, field: 'text', text: '1.500', value: 1_500_000, scale_unit: 't.kr.', scale_factor: 1000, scale_from: 'header', total: 0 });
    expect(rows[1]).toMatchObject({ kind: 'date', date: '--04-23', year_from: null, total: null, scale_unit: null });
    expect(rows.at(-1)).toMatchObject({ kind: 'money', text: '2.500', value: 2_500_000, total: 1 });
    // Nothing of a fact is lost: it is rebuilt from its columns, its column's label and its boxes, every field of every kind.
    const all = db
      .prepare(`SELECT g.id AS goal_id, f.*, c.label AS column_label FROM facts f JOIN goals g ON g.seq = f.goal_seq
                LEFT JOIN report_columns c ON c.report_id = g.report_id AND c.table_ordinal = g.table_ordinal AND c.ordinal = f.cell + 1 ORDER BY g.seq, f.ordinal`)
      .all() as FactRow[];
    const boxes = db.prepare('SELECT * FROM v_fact_boxes ORDER BY goal_id, fact_ordinal, ordinal').all() as BoxRow[];
    expect(all.map((r) => factOf(r, boxes))).toEqual(report.goals.flatMap((g) => g.facts));
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(['money', 'percent', 'date', 'period', 'year', 'quantity']));
    expect(boxes).toHaveLength(3);
    const title = db.prepare("SELECT cell, column_label, field FROM v_facts WHERE kind = 'period' AND field = 'subtitle'").get();
    expect(title).toEqual({ cell: 0, column_label: 'STRATEGISK MÅLSÆTNING', field: 'subtitle' });
    db.close();
  });

  it('stores cell text once: in the blocks, rebuilt by v_goal_cells, kept in goal_cells only when the blocks do not give it', () => {
    const report = clone(sample);
    const odd = report.goals[0]!.cells[2]!;
    odd.text = `${odd.text}\n(tekst uden blok)`; // blocks that do not add up to the text
    const db = openReportDatabase(':memory:');
    writeReport(db, report, 'test');
    expect(count(db, 'goal_cells', 'WHERE text IS NOT NULL')).toBe(1);
    const cells = db.prepare('SELECT goal_id, ordinal, label, role, text FROM v_goal_cells ORDER BY goal_id, ordinal').all() as {
      goal_id: string;
      ordinal: number;
      label: string;
      role: string;
      text: string;
    }[];
    expect(cells).toHaveLength(cellCount(report));
    for (const c of cells) {
      const cell = report.goals.find((g) => g.id === c.goal_id)!.cells[c.ordinal]!;
      expect(c, `${c.goal_id} ${c.ordinal}`).toEqual({ goal_id: c.goal_id, ordinal: c.ordinal, label: cell.label, role: cell.role, text: cell.text });
    }
    // The same rule decides in the writer: empty cells and lists rebuild, a text the blocks miss does not.
    expect(storedCellText({ text: '', blocks: [] })).toBeNull();
    expect(storedCellText({ text: 'a\nb\nc', blocks: [{ type: 'paragraph', text: 'a' }, { type: 'list', items: ['b', 'c'] }] })).toBeNull();
    expect(storedCellText({ text: 'a\n\nb', blocks: [{ type: 'paragraph', text: 'a' }, { type: 'list', items: [] }, { type: 'paragraph', text: 'b' }] })).toBe('a\n\nb');
    db.close();
  });

  it('points blocks into the body in characters: text after astral characters comes back whole; a body with a NUL keeps its blocks\' text', () => {
    const report = clone(sample);
    const [first, second] = report.goals;
    const titleCell = (g: typeof first) => g!.cells.findIndex((c) => c.role === 'goal');
    const others = (g: typeof first) => g!.cells.map((_, i) => i).filter((i) => i !== titleCell(g));
    const setCell = (g: typeof first, i: number, paragraphs: string[]) => {
      g!.cells[i]!.blocks = paragraphs.map((text) => ({ type: 'paragraph' as const, text }));
      g!.cells[i]!.text = paragraphs.join('\n');
    };
    const [a, b] = others(first);
    setCell(first, a!, ['a\u{1F600}b', 'c\u{1F600}']);
    setCell(first, b!, ['\u{1F600}\u{1F600}x', 'efter']);
    const [c] = others(second);
    setCell(second, c!, ['n\u0000l', 'efter']);
    const db = openReportDatabase(':memory:');
    writeReport(db, report, 'test');
    const blocks = db.prepare('SELECT goal_id, cell, block, text FROM v_cell_blocks').all() as { goal_id: string; cell: number; block: number; text: string }[];
    expect(blocks.length).toBeGreaterThan(0);
    for (const r of blocks) {
      const block = report.goals.find((g) => g.id === r.goal_id)!.cells[r.cell]!.blocks[r.block]!;
      expect(r.text, `${r.goal_id} ${r.cell} ${r.block}`).toBe(block.type === 'list' ? r.text : block.text);
    }
    const cells = db.prepare('SELECT goal_id, ordinal, text FROM v_goal_cells').all() as { goal_id: string; ordinal: number; text: string }[];
    for (const r of cells) expect(r.text).toBe(report.goals.find((g) => g.id === r.goal_id)!.cells[r.ordinal]!.text);
    // The first goal's blocks point into its body (no copy); the second's body holds a NUL, where
    // substr stops, so its blocks keep their text.
    const pointing = (g: typeof first) =>
      db.prepare('SELECT count(*) AS n FROM cell_blocks b JOIN goals g ON g.seq = b.goal_seq WHERE g.id = ? AND b.cell = ? AND b.body_start IS NOT NULL').get(g!.id, a!) as { n: number };
    expect(pointing(first).n).toBe(2);
    const kept = db.prepare('SELECT count(*) AS n FROM cell_blocks b JOIN goals g ON g.seq = b.goal_seq WHERE g.id = ? AND b.cell = ? AND b.text IS NOT NULL').get(second!.id, c!) as { n: number };
    expect(kept.n).toBe(2);
    db.close();
  });

  it('replaces a report written again instead of duplicating it', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    writeReport(db, sample, 'test');
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'goals')).toBe(9);
    expect(count(db, 'goal_cells')).toBe(cellCount(sample));
    // A changed file at the same path replaces the old report.
    const changed: Report = { ...clone(sample), id: 'f'.repeat(64) };
    changed.goals = changed.goals.slice(0, 3).map((g) => ({ ...g, id: `x${g.id}` }));
    writeReport(db, changed, 'test');
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'goals')).toBe(3);
    expect(count(db, 'report_tables')).toBe(2);
    expect(count(db, 'cell_blocks')).toBeGreaterThan(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('rolls back a report that fails half-way', () => {
    const db = openReportDatabase(':memory:');
    const broken = { ...sample, goals: [sample.goals[0]!, sample.goals[0]!] }; // duplicate goal id violates the key
    expect(() => writeReport(db, broken, 'test')).toThrow();
    expect(count(db, 'reports')).toBe(0);
    expect(count(db, 'goals')).toBe(0);
    db.close();
  });

  it('puts each goal under the section of its own table', () => {
    const report = clone(sample);
    // The budget table gets a section with the same title as one of the first table's.
    report.sections.push({ ordinal: report.sections.length + 1, table: 2, title: 'LEDELSE OG ORGANISATION' });
    for (const g of report.goals.filter((x) => x.table === 2)) g.section = 'LEDELSE OG ORGANISATION';
    const db = openReportDatabase(':memory:');
    writeReport(db, report, 'test');
    const rows = db.prepare('SELECT DISTINCT table_ordinal, section_ordinal FROM goals WHERE section = ? ORDER BY table_ordinal').all('LEDELSE OG ORGANISATION');
    expect(rows).toEqual([
      { table_ordinal: 1, section_ordinal: 3 },
      { table_ordinal: 2, section_ordinal: report.sections.length },
    ]);
    db.close();
  });

  it('refuses a version-1 database, naming the file and what to do, and leaves it as it was', () => {
    const path = tempPath('old.sqlite');
    const raw = new Database(path);
    // The version-1 layout's first table, as status-ingest 0.1 wrote it.
    raw.exec('CREATE TABLE reports (id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, schema_version INTEGER NOT NULL)');
    raw.pragma('user_version = 1');
    raw.close();
    const size = statSync(path).size;
    let error: unknown;
    try {
      openReportDatabase(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseVersionError);
    expect((error as Error).message).toBe(`${path} was written by status-ingest schema version 1; re-ingest the sources into a new database (or delete it)`);
    expect(error).toMatchObject({ path, found: 1, expected: DATABASE_SCHEMA_VERSION });
    expect(() => openSearchDatabase(path)).toThrow(DatabaseVersionError);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'goals'").get()).toEqual({ n: 0 });
    after.close();
    expect(statSync(path).size).toBe(size);
  });

  it('stores each goal\'s key, by which another version of the report finds the same goals', () => {
    const path = tempPath('keys.sqlite');
    const db = openReportDatabase(path);
    writeReport(db, sample, 'test');
    const stored = () => db.prepare('SELECT key FROM goals ORDER BY table_ordinal, ordinal').pluck().all();
    expect(stored()).toEqual(sample.goals.map((g) => g.key));
    // The same goal in another version of the report is found by its key (an index on it).
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM goals WHERE key = '1-bandepartnerskab'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/goals_key/);
    db.close();

    // (A database of schema version 2 gets its keys from the ids when migrated: migration.test.ts.)
    const reopened = openReportDatabase(path);
    // Another version of the report (other bytes, another path): its goals share the keys, not the ids.
    const next = clone(sample);
    next.id = next.source.sha256 = sha('next');
    next.source.path = 'next.txt';
    for (const g of next.goals) g.id = goalIdOfKey(next.id, g.key);
    writeReport(reopened, next, 'test');
    expect(count(reopened, 'goals', "WHERE key = '1-bandepartnerskab'")).toBe(2);
    reopened.close();
  });

  it('refuses a database of a newer schema version', () => {
    const path = tempPath('new.sqlite');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openReportDatabase(path)).toThrow(new RegExp(String.raw`new\.sqlite was written by status-ingest schema version 99, newer than this status-ingest \(schema version ${DATABASE_SCHEMA_VERSION}\)`));
  });

  it('keeps a goal whose row has no group or number cell apart from the columns it lacks', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    const group = db.prepare(`SELECT c.text FROM v_goal_cells c JOIN goals g ON g.id = c.goal_id WHERE g.title = 'I alt' AND c.label = ?`).get(GROUP);
    expect(group).toEqual({ text: '' });
    db.close();
  });
});
