/** SQLite for analysts: the FTS5 index kept in sync by triggers, Danish tokenizing, ranking, views, the CLI. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { REPORT_TABLES_SQL, type ReportDatabase } from '../../../output/sqlite/schema.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { openSearchDatabase, searchGoals, SearchQueryError, toFtsQuery } from '../../../output/sqlite/search.js';
import { hasPendingGoals, indexPendingGoals } from '../../../output/sqlite/search-index.js';
import type { Report } from '../../../schemas/report.js';
import { parseText, syntheticReport } from '../../helpers.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
let seed: Report;

beforeAll(async () => {
  seed = await parseReport({ path: SEED, bytes: readFileSync(SEED) });
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'si-search-')), 'r.sqlite');
const count = (db: ReportDatabase, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const titles = (db: ReportDatabase, q: string, mode?: 'prefix' | 'words' | 'fts') => searchGoals(db, q, { mode }).map((h) => h.title);

describe('full-text index', () => {
  it('follows the goals table: insert, re-ingest, a changed file at the same path, delete', async () => {
    const db = openReportDatabase(tempDb());
    writeReport(db, seed, 'test');
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts')).toBe(40);
    writeReport(db, seed, 'test');
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts')).toBe(40);
    expect(titles(db, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);

    const v1 = await parseText(syntheticReport([['Cykelstier', 'Nye cykelstier anlagt.', 'Mere cykling.']]), 'same.txt');
    const v2 = await parseText(syntheticReport([['Busbaner', 'Nye busbaner anlagt.', 'Flere buspassagerer.']]), 'same.txt');
    writeReport(db, v1, 'test');
    expect(titles(db, 'cykelstier')).toEqual(['Cykelstier']);
    writeReport(db, v2, 'test');
    expect(titles(db, 'cykelstier')).toEqual([]);
    expect(titles(db, 'busbaner')).toEqual(['Busbaner']);

    db.prepare('DELETE FROM reports WHERE id = ?').run(seed.id);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts')).toBe(1);
    expect(titles(db, 'sygefravær')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
    db.close();
  });

  it('keeps æ, ø and å apart from a, o and e, folds case, and finds word beginnings', async () => {
    const db = openReportDatabase(tempDb());
    const report = await parseText(
      syntheticReport([
        ['Årsregnskab', 'Regnskabet for året er aflagt.', 'Godkendt.'],
        ['Arbejdsmiljø', 'Trivselsmåling.', 'Bedre arbejdsmiljø.'],
        ['Søer og vandløb', 'Oprensning af søer.', 'Renere vand.'],
        ['Sortering af affald', 'Nye containere.', 'Mere genbrug.'],
        ['Sygefravær', 'Indsats mod sygefraværet.', 'Sygefraværet faldt.'],
      ]),
    );
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

  it('ranks a title match above text matches, and marks the match in the snippet', async () => {
    const db = openReportDatabase(tempDb());
    const report = await parseText(
      syntheticReport([
        ['Personalepolitik', 'Sygefravær følges. Sygefravær drøftes i MED.', 'Sygefravær er uændret.'],
        ['Sygefravær', 'En indsats.', 'Et resultat.'],
        ['Bygninger', 'Nye tage.', 'Tætte tage.'],
      ]),
    );
    writeReport(db, report, 'test');
    const hits = searchGoals(db, 'sygefravær');
    expect(hits.map((h) => h.title)).toEqual(['Sygefravær', 'Personalepolitik']);
    expect(hits[0]!.score).toBeLessThan(hits[1]!.score);
    expect(hits[0]).toMatchObject({ snippet: '[Sygefravær]', ordinal: 2, reportId: report.id, reportPath: 'test.txt', pages: [1, 1] });
    expect(hits[1]!.snippet).toMatch(/\[Sygefravær\] følges/);

    writeReport(db, seed, 'test');
    const seedHits = searchGoals(db, 'sygefravær', { open: '<<', close: '>>' }).filter((h) => h.reportId === seed.id);
    expect(seedHits.length).toBeGreaterThan(0);
    expect(seedHits[0]!.snippet).toMatch(/<<[Ss]ygefravær[^>]*>>/);
    expect(searchGoals(db, 'sygefravær', { limit: 1 })).toHaveLength(1);
    db.close();
  });

  it('turns any text into a safe query; FTS5 syntax only on request, with a clear error', () => {
    expect(toFtsQuery('§ 60-selskab')).toBe('"60"* "selskab"*');
    expect(toFtsQuery('"drop" OR x', 'words')).toBe('"drop" "OR" "x"');
    expect(() => toFtsQuery(' §§ ')).toThrow(SearchQueryError);
    const db = openReportDatabase(tempDb());
    writeReport(db, seed, 'test');
    expect(searchGoals(db, '§ 60-selskab').map((h) => h.ordinal)).toContain(3);
    expect(searchGoals(db, 'title: bandepartnerskab OR borgermillion', { mode: 'fts' }).map((h) => h.title).sort()).toEqual(['Bandepartnerskab', 'Borgermillion']);
    expect(() => searchGoals(db, 'AND AND (', { mode: 'fts' })).toThrow(SearchQueryError);
    db.close();
  });

  it('indexes goals of a database written before the index existed', () => {
    const path = tempDb();
    const old = new Database(path);
    old.exec(REPORT_TABLES_SQL);
    old.pragma('user_version = 1');
    writeReport(old, seed, 'old', { deferSearchIndex: true }); // as a writer before the index existed
    old.close();
    const db = openSearchDatabase(path);
    expect(titles(db, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    expect(count(db, 'SELECT count(*) AS n FROM goals_fts')).toBe(40);
    db.close();
  });
});

describe('deferred indexing (batch ingestion)', () => {
  it('indexes pending goals in bulk, on the next open after a stop, and deletes unindexed goals cleanly', async () => {
    const path = tempDb();
    const db = openReportDatabase(path);
    writeReport(db, seed, 'test', { deferSearchIndex: true });
    expect(titles(db, 'bandepartnerskab')).toEqual([]);
    expect(hasPendingGoals(db)).toBe(true);
    // A goal deleted before it was indexed must not disturb the index.
    const other = await parseText(syntheticReport([['Cykelstier', 'Nye cykelstier.', 'Mere cykling.']]), 'other.txt');
    writeReport(db, other, 'test', { deferSearchIndex: true });
    db.prepare('DELETE FROM reports WHERE id = ?').run(other.id);
    db.close(); // stopped before indexing: the next open catches up

    const reopened = openSearchDatabase(path);
    expect(titles(reopened, 'bandepartnerskab')).toEqual(['Bandepartnerskab']);
    expect(titles(reopened, 'cykelstier')).toEqual([]);
    expect(hasPendingGoals(reopened)).toBe(false);
    reopened.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
    expect(indexPendingGoals(reopened)).toBe(0);
    reopened.close();
  });
});

describe('analyst views', () => {
  it('v_goals, v_money_facts and v_series_points hold what the report holds', () => {
    const db = openReportDatabase(tempDb());
    writeReport(db, seed, 'test');
    const goal = db.prepare('SELECT * FROM v_goals WHERE ordinal = 2').get() as Record<string, unknown>;
    expect(goal).toMatchObject({ report_title: seed.title, section: 'POLITISK ORGANISERING', title: seed.goals[1]!.title, fact_count: seed.goals[1]!.facts.length });
    expect(count(db, 'SELECT count(*) AS n FROM v_goals')).toBe(40);
    const money = seed.goals.flatMap((g) => g.facts.filter((f) => f.kind === 'money').map((f) => ({ g, f })));
    expect(count(db, 'SELECT count(*) AS n FROM v_money_facts')).toBe(money.length);
    const first = money[0]!;
    const row = db.prepare('SELECT * FROM v_money_facts WHERE goal_id = ? AND text = ?').get(first.g.id, first.f.text) as Record<string, unknown>;
    expect(row).toMatchObject({ goal_title: first.g.title, text: first.f.text, currency: 'DKK' });
    if (first.f.kind === 'money') expect(row).toMatchObject({ value: first.f.value, approx: first.f.approx ? 1 : 0, qualifier: first.f.qualifier, per: first.f.per });
    const points = seed.goals.flatMap((g) => g.series.flatMap((s) => s.points));
    expect(count(db, 'SELECT count(*) AS n FROM v_series_points')).toBe(points.length);
    db.close();
  });
});
