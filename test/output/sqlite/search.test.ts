/** SQLite for analysts: the FTS5 index over every cell kept in sync by triggers, Danish tokenizing, ranking, views. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isCheckOwed, openReportDatabase } from '../../../output/sqlite/open.js';
import { SEARCH_INDEX_AUTOMERGE, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { openSearchDatabase, searchGoals, SearchQueryError, toFtsQuery } from '../../../output/sqlite/search.js';
import { hasPendingGoals, indexPendingGoals } from '../../../output/sqlite/search-index.js';
import { AMOUNT, sampleReport, strategyReport } from '../v2-report.js';

const sample = sampleReport();
const tempDb = () => join(mkdtempSync(join(tmpdir(), 'si-search-')), 'r.sqlite');
const count = (db: ReportDatabase, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const titles = (db: ReportDatabase, q: string, mode?: 'prefix' | 'words' | 'fts') => searchGoals(db, q, { mode }).map((h) => h.title);
const ftsCheck = (db: ReportDatabase) => db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");

describe('full-text index', () => {
  it('follows the goals table: insert, re-ingest, a changed file at the same path, delete', () => {
    const db = openReportDatabase(tempDb());
    writeReport(db, sample, 'test');
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(9);
    writeReport(db, sample, 'test');
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(9);
    expect(titles(db, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);

    const v1 = strategyReport([['Cykelstier', 'Nye cykelstier anlagt.', 'Mere cykling.']], { path: 'same.txt' });
    const v2 = strategyReport([['Busbaner', 'Nye busbaner anlagt.', 'Flere buspassagerer.']], { path: 'same.txt' });
    writeReport(db, v1, 'test');
    expect(titles(db, 'cykelstier')).toEqual(['Cykelstier']);
    writeReport(db, v2, 'test');
    expect(titles(db, 'cykelstier')).toEqual([]);
    expect(titles(db, 'busbaner')).toEqual(['Busbaner']);
    ftsCheck(db);

    db.prepare('DELETE FROM reports WHERE id = ?').run(sample.id);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts')).toBe(1);
    expect(titles(db, 'sygefravær')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    ftsCheck(db);
    db.close();
  });

  it('indexes the text of every cell but the title cell: group, amount, status, number', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    expect(titles(db, 'projekteres')).toEqual(['Ny cykelsti langs Ballerup Byvej']);
    expect(titles(db, 'drift')).toEqual(['Drift af svømmehallen']);
    expect(titles(db, 'Anlæg', 'words').sort()).toEqual(['Ny cykelsti langs Ballerup Byvej', 'Renovering af Hedegårdsskolen']);
    expect(titles(db, '2.500', 'words')).toEqual(['I alt']);
    // The body is the other cells' text in table order, joined by "\n": the title cell is indexed as title and subtitle.
    const goal = sample.goals.find((g) => g.title === 'Renovering af Hedegårdsskolen')!;
    const row = db.prepare('SELECT title, subtitle, body FROM goals WHERE id = ?').get(goal.id);
    expect(row).toEqual({ title: goal.title, subtitle: null, body: ['1', 'Anlæg', '1.500', goal.cells[4]!.text].join('\n') });
    const socialt = sample.goals.find((g) => g.subtitle !== null)!;
    expect(titles(db, 'subtitle: revision', 'fts')).toEqual([socialt.title]);
    expect(titles(db, 'body: revision', 'fts')).toEqual([]);
    db.close();
  });

  it('keeps æ, ø and å apart from a, o and e, folds case, and finds word beginnings', () => {
    const db = openReportDatabase(tempDb());
    const report = strategyReport([
      ['Årsregnskab', 'Regnskabet for året er aflagt.', 'Godkendt.'],
      ['Arbejdsmiljø', 'Trivselsmåling.', 'Bedre arbejdsmiljø.'],
      ['Søer og vandløb', 'Oprensning af søer.', 'Renere vand.'],
      ['Sortering af affald', 'Nye containere.', 'Mere genbrug.'],
      ['Sygefravær', 'Indsats mod sygefraværet.', 'Sygefraværet faldt.'],
    ]);
    writeReport(db, report, 'test');
    expect(titles(db, 'år')).toEqual(['Årsregnskab']);
    expect(titles(db, 'ar')).toEqual(['Arbejdsmiljø']);
    expect(titles(db, 'sø')).toEqual(['Søer og vandløb']);
    expect(titles(db, 'ÅRSREGNSKAB')).toEqual(['Årsregnskab']);
    expect(titles(db, 'sygefravær')).toEqual(['Sygefravær']);
    // Whole words only: "sygefravær" is in the title, "sygefraværet" in the cells is another word.
    expect(searchGoals(db, 'sygefraværet', { mode: 'words' }).map((h) => h.title)).toEqual(['Sygefravær']);
    expect(titles(db, 'søerne', 'words')).toEqual([]);
    db.close();
  });

  it('ranks a title match above text matches, and marks the match in the snippet', () => {
    const db = openReportDatabase(tempDb());
    const report = strategyReport([
      ['Personalepolitik', 'Sygefravær følges. Sygefravær drøftes i MED.', 'Sygefravær er uændret.'],
      ['Sygefravær', 'En indsats.', 'Et resultat.'],
      ['Bygninger', 'Nye tage.', 'Tætte tage.'],
    ]);
    writeReport(db, report, 'test');
    const hits = searchGoals(db, 'sygefravær');
    expect(hits.map((h) => h.title)).toEqual(['Sygefravær', 'Personalepolitik']);
    expect(hits[0]!.score).toBeLessThan(hits[1]!.score);
    expect(hits[0]).toMatchObject({ snippet: '[Sygefravær]', ordinal: 2, table: 1, group: null, reportId: report.id, reportPath: 'test.txt', pages: [1, 1] });
    expect(hits[1]!.snippet).toMatch(/\[Sygefravær\] følges/);

    writeReport(db, sample, 'test');
    const sampleHits = searchGoals(db, 'sygefravær', { open: '<<', close: '>>' }).filter((h) => h.reportId === sample.id);
    expect(sampleHits.length).toBeGreaterThan(0);
    expect(sampleHits[0]!.snippet).toMatch(/<<[Ss]ygefravær[^>]*>>/);
    expect(searchGoals(db, 'sygefravær', { limit: 1 })).toHaveLength(1);
    const budget = searchGoals(db, 'svømmehallen')[0]!;
    expect(budget).toMatchObject({ table: 2, group: 'Drift', ordinal: 3, section: null });
    db.close();
  });

  it('turns any text into a safe query; FTS5 syntax only on request, with a clear error', () => {
    expect(toFtsQuery('§ 60-selskab')).toBe('"60"* "selskab"*');
    expect(toFtsQuery('"drop" OR x', 'words')).toBe('"drop" "OR" "x"');
    expect(() => toFtsQuery(' §§ ')).toThrow(SearchQueryError);
    const db = openReportDatabase(tempDb());
    writeReport(db, sample, 'test');
    expect(searchGoals(db, '§ 60-selskab').map((h) => h.ordinal)).toContain(2);
    expect(searchGoals(db, 'title: bandepartnerskab OR sygefravær', { mode: 'fts' }).map((h) => h.title).sort()).toEqual(['Bandepartnerskab', 'Sygefravær']);
    expect(() => searchGoals(db, 'AND AND (', { mode: 'fts' })).toThrow(SearchQueryError);
    expect(() => searchGoals(db, 'initiatives: x', { mode: 'fts' })).toThrow(SearchQueryError);
    // An unbalanced quote is FTS5's "unterminated string": a query it cannot read, like the others.
    expect(() => searchGoals(db, '"unbalanced', { mode: 'fts' })).toThrow(SearchQueryError);
    db.close();
  });

  it('takes an edited title out and puts the new one in', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    db.prepare("UPDATE goals SET title = 'Bandeindsats' WHERE title = 'Bandepartnerskab'").run();
    expect(titles(db, 'bandepartnerskab')).toEqual([]);
    expect(titles(db, 'bandeindsats')).toEqual(['Bandeindsats']);
    ftsCheck(db);
    db.close();
  });

  it('takes a goal renumbered above what the index holds out of it, counts it pending, and the bulk pass puts it back', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    db.pragma('foreign_keys = OFF'); // the goal's parts keep its old number: only the index is looked at here
    db.prepare("UPDATE goals SET seq = 100 WHERE title = 'Bandepartnerskab'").run();
    expect(titles(db, 'bandepartnerskab')).toEqual([]);
    expect(hasPendingGoals(db)).toBe(true);
    expect(indexPendingGoals(db)).toBe(1);
    expect(titles(db, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    expect(hasPendingGoals(db)).toBe(false);
    ftsCheck(db);
    db.close();
  });

  it('leaves the index alone when a pending goal is edited, and indexes its new text in the bulk pass', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test', { deferSearchIndex: true });
    db.prepare("UPDATE goals SET title = 'Bandeindsats' WHERE title = 'Bandepartnerskab'").run();
    // What the index holds (its own table of documents: a scan of goals_fts reads the goals).
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(0);
    expect(indexPendingGoals(db)).toBe(9);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(9);
    expect(titles(db, 'bandepartnerskab')).toEqual([]);
    expect(titles(db, 'bandeindsats')).toEqual(['Bandeindsats']);
    ftsCheck(db);
    db.close();
  });

  it('indexes at once the goals of a report written at row numbers the index counts as in (those of a deleted report)', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    const through = () => db.prepare('SELECT indexed_through FROM search_index_state').pluck().get() as number;
    expect(through()).toBe(9);
    db.prepare('DELETE FROM reports WHERE id = ?').run(sample.id);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(0);
    // The next goal takes row number 1 again (max + 1), at or below what the index holds: indexed now,
    // not left for a bulk pass that only reads the goals above it.
    const other = strategyReport([['Cykelstier', 'Nye cykelstier.', 'Mere cykling.']], { path: 'other.txt' });
    writeReport(db, other, 'test', { deferSearchIndex: true });
    expect(db.prepare('SELECT seq FROM goals').pluck().all()).toEqual([1]);
    expect(titles(db, 'cykelstier')).toEqual(['Cykelstier']);
    expect(hasPendingGoals(db)).toBe(false);
    expect(indexPendingGoals(db)).toBe(0);
    expect(through()).toBe(9);
    ftsCheck(db);
    db.close();
  });

  it('counts as pending a goal another writer inserts above what the index holds, and the next open indexes it', () => {
    const path = tempDb();
    const db = openReportDatabase(path);
    writeReport(db, sample, 'test');
    expect(hasPendingGoals(db)).toBe(false);
    // As another tool (or an older status-ingest still running) writes a goal: not through writeReport.
    db.exec(`INSERT INTO goals (seq, id, report_id, table_ordinal, ordinal, title, total, page_first, page_last, line_first, line_last, body, key)
      SELECT seq + 100, id || '-copy', report_id, table_ordinal, ordinal + 100, 'Håndskrevet mål', total, page_first, page_last, line_first, line_last, body, key || '-copy'
      FROM goals WHERE seq = 1`);
    expect(hasPendingGoals(db)).toBe(true);
    db.close();
    const reopened = openSearchDatabase(path);
    expect(titles(reopened, 'håndskrevet')).toEqual(['Håndskrevet mål']);
    expect(hasPendingGoals(reopened)).toBe(false);
    ftsCheck(reopened);
    reopened.close();
  });

  it('indexes goals of a database written before the index existed', () => {
    const path = tempDb();
    const old = openReportDatabase(path);
    writeReport(old, sample, 'old', { deferSearchIndex: true });
    // As a writer before the index existed left it: no index, no triggers, no record of what it holds.
    old.exec('DROP TABLE goals_fts; DROP TRIGGER goals_fts_insert; DROP TRIGGER goals_fts_delete; DROP TRIGGER goals_fts_update; DROP TABLE search_index_state');
    old.close();
    const db = openSearchDatabase(path);
    expect(titles(db, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts_docsize')).toBe(9);
    ftsCheck(db);
    db.close();
  });

  it('merges its segments 16 at a time (SEARCH_INDEX_AUTOMERGE), set on a new database and on the next open of an older one', () => {
    const automerge = (db: Database.Database) => db.prepare("SELECT v FROM goals_fts_config WHERE k = 'automerge'").pluck().get();
    const path = tempDb();
    const db = openReportDatabase(path);
    expect(automerge(db)).toBe(SEARCH_INDEX_AUTOMERGE);
    // An index that merges at FTS5's default, 4, as a database of an earlier build has it.
    db.exec("INSERT INTO goals_fts (goals_fts, rank) VALUES ('automerge', 4)");
    writeReport(db, sample, 'test');
    db.close();
    const raw = new Database(path);
    expect(automerge(raw)).toBe(4);
    raw.close();
    // Setting it writes the index's tables: an ingest's open then checks the whole file at once.
    const reopened = openReportDatabase(path, { deferQuickCheck: true });
    expect(isCheckOwed(reopened)).toBe(false);
    expect(automerge(reopened)).toBe(SEARCH_INDEX_AUTOMERGE);
    expect(titles(reopened, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    ftsCheck(reopened);
    reopened.close();
  });
});

describe('deferred indexing (batch ingestion)', () => {
  it('indexes pending goals in bulk, on the next open after a stop, and deletes unindexed goals cleanly', () => {
    const path = tempDb();
    const db = openReportDatabase(path);
    writeReport(db, sample, 'test', { deferSearchIndex: true });
    expect(titles(db, 'bandepartnerskab')).toEqual([]);
    expect(hasPendingGoals(db)).toBe(true);
    // A goal deleted before it was indexed must not disturb the index.
    const other = strategyReport([['Cykelstier', 'Nye cykelstier.', 'Mere cykling.']], { path: 'other.txt' });
    writeReport(db, other, 'test', { deferSearchIndex: true });
    db.prepare('DELETE FROM reports WHERE id = ?').run(other.id);
    db.close(); // stopped before indexing: the next open catches up

    const reopened = openSearchDatabase(path);
    expect(titles(reopened, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    expect(titles(reopened, 'cykelstier')).toEqual([]);
    expect(hasPendingGoals(reopened)).toBe(false);
    ftsCheck(reopened);
    expect(indexPendingGoals(reopened)).toBe(0);
    reopened.close();
  });
});

describe('analyst views', () => {
  it('v_goals, v_money_facts and v_series_points hold what the report holds', () => {
    const db = openReportDatabase(tempDb());
    writeReport(db, sample, 'test');
    const goal = db.prepare('SELECT * FROM v_goals WHERE table_ordinal = 1 AND ordinal = 2').get() as Record<string, unknown>;
    expect(goal).toMatchObject({
      report_title: sample.title,
      municipality: 'Ballerup',
      meeting_date: '2017-11-20',
      table_caption: null,
      section: 'POLITISK ORGANISERING',
      title: sample.goals[1]!.title,
      cell_count: 3,
      fact_count: sample.goals[1]!.facts.length,
      total: 0,
    });
    expect(db.prepare('SELECT table_caption, group_name, number, total FROM v_goals WHERE table_ordinal = 2 ORDER BY ordinal DESC LIMIT 1').get()).toEqual({
      table_caption: 'Tabel 2 - Anlægs- og driftsprojekter (1.000 kr.)',
      group_name: null,
      number: null,
      total: 1,
    });
    expect(count(db, 'SELECT count(*) AS n FROM v_goals')).toBe(9);

    const money = sample.goals.flatMap((g) => g.facts.filter((f) => f.kind === 'money').map((f) => ({ g, f })));
    expect(count(db, 'SELECT count(*) AS n FROM v_money_facts')).toBe(money.length);
    const first = money[0]!;
    const row = db.prepare('SELECT * FROM v_money_facts WHERE goal_id = ? AND text = ?').get(first.g.id, first.f.text) as Record<string, unknown>;
    expect(row).toMatchObject({ goal_title: first.g.title, text: first.f.text, currency: 'DKK', column_label: 'RESULTATER', field: 'text', cell: 2, scale_unit: null, total: 0 });
    if (first.f.kind === 'money') expect(row).toMatchObject({ value: first.f.value, approx: first.f.approx ? 1 : 0, qualifier: first.f.qualifier, per: first.f.per });
    const budget = db.prepare('SELECT goal_title, text, value, scale_unit, scale_factor, scale_from, total, group_name, column_label FROM v_money_facts WHERE table_ordinal = 2 ORDER BY value DESC').all();
    expect(budget[0]).toEqual({ goal_title: 'I alt', text: '2.500', value: 2_500_000, scale_unit: 't.kr.', scale_factor: 1000, scale_from: 'header', total: 1, group_name: null, column_label: AMOUNT });
    expect(budget[1]).toMatchObject({ goal_title: 'Renovering af Hedegårdsskolen', value: 1_500_000, total: 0, group_name: 'Anlæg' });

    const points = sample.goals.flatMap((g) => g.series.flatMap((s) => s.points));
    expect(count(db, 'SELECT count(*) AS n FROM v_series_points')).toBe(points.length);
    expect(db.prepare('SELECT label, point_start, point_end, value, unit, column_label, field FROM v_series_points ORDER BY point_ordinal LIMIT 1').get()).toEqual({
      label: '2013',
      point_start: '2013',
      point_end: '2013',
      value: 5.7,
      unit: 'percent',
      column_label: 'RESULTATER',
      field: 'text',
    });
    db.close();
  });

  it('v_facts gives every fact with its report, goal, column, normalized value and unit, year and page', () => {
    const db = openReportDatabase(':memory:');
    writeReport(db, sample, 'test');
    const facts = sample.goals.flatMap((g) => g.facts.map((f, i) => ({ g, f, ordinal: i + 1 })));
    expect(count(db, 'SELECT count(*) AS n FROM v_facts')).toBe(facts.length);
    expect(new Set(facts.map(({ f }) => f.kind))).toEqual(new Set(['money', 'percent', 'date', 'period', 'year', 'quantity']));
    const row = db.prepare('SELECT * FROM v_facts WHERE goal_id = ? AND fact_ordinal = ?');
    const yearOf = (value: string) => (/^\d{4}/.test(value) ? Number(value.slice(0, 4)) : null);
    for (const { g, f, ordinal } of facts) {
      const r = row.get(g.id, ordinal) as Record<string, unknown>;
      const [first, last] = g.provenance.pages;
      expect(r, `${g.title}: ${f.text}`).toMatchObject({
        report_id: sample.id,
        report_title: sample.title,
        report_path: sample.source.path,
        table_ordinal: g.table,
        section: g.section,
        goal_title: g.title,
        goal_ordinal: g.ordinal,
        kind: f.kind,
        text: f.text,
        column_label: g.cells[f.cell!]!.label,
        column_year: sample.tables[g.table - 1]!.columns[f.cell!]!.year,
        page: first === last ? first : null,
        goal_page_first: first,
        goal_page_last: last,
      });
      const expected =
        f.kind === 'money' ? { value: f.value, unit: 'DKK', year: null, year_to: null }
        : f.kind === 'percent' ? { value: f.value, unit: 'percent', year: null, year_to: null }
        : f.kind === 'quantity' ? { value: f.value, unit: f.unit, year: null, year_to: null }
        : f.kind === 'year' ? { value: f.value, unit: null, year: f.value, year_to: f.value }
        : f.kind === 'date' ? { value: null, unit: null, date: f.value, year: yearOf(f.value), year_to: yearOf(f.value) }
        : { value: null, unit: null, period_start: f.start, period_end: f.end, year: yearOf(f.start), year_to: yearOf(f.end) };
      expect(r, `${g.title}: ${f.text}`).toMatchObject(expected);
    }
    // A date without a year has none; a goal over a page break leaves its facts' page open.
    expect(db.prepare("SELECT year, year_to FROM v_facts WHERE date LIKE '--%'").all()).toEqual([{ year: null, year_to: null }]);
    expect(count(db, 'SELECT count(*) AS n FROM v_facts WHERE page IS NULL')).toBe(facts.filter(({ g }) => g.provenance.pages[0] !== g.provenance.pages[1]).length);
    // "What is said about 2014": one condition over dates, periods and years alike.
    const about2014 = facts.filter(({ f }) => f.kind === 'year' ? f.value === 2014 : f.kind === 'date' ? yearOf(f.value) === 2014 : f.kind === 'period' && yearOf(f.start)! <= 2014 && 2014 <= yearOf(f.end)!);
    expect(count(db, 'SELECT count(*) AS n FROM v_facts WHERE 2014 BETWEEN year AND year_to')).toBe(about2014.length);
    expect(about2014.length).toBeGreaterThan(1);
    db.close();
  });
});
