/**
 * `ingest` and `search` with `--db postgres://…` against a real server, through the built CLI: two
 * ingests at once over overlapping files store each report once, `DATABASE_URL` is the default, and
 * search gives the same top hits as SQLite on the seed, stemmed in PostgreSQL.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli, runCliAsync, summaryOf } from '../../cli-runner.js';
import { syntheticReport } from '../../helpers.js';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';
import type { SearchHit } from '../../../output/sqlite/search.js';
import { goalContentHash } from '../../../output/review/goal-content.js';
import { parseReport } from '../../../pipeline/index.js';

const SEED = '../shared/seed/oekonomiudvalget-2014-2017.txt';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-pg-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Hits of a search, each search run once (a CLI start costs about half a second). */
const searches = new Map<string, SearchHit[]>();
function hits(query: string, db: string, extra: string[] = []): SearchHit[] {
  const key = JSON.stringify([query, db, extra]);
  if (!searches.has(key)) searches.set(key, searchOnce(query, db, extra));
  return searches.get(key)!;
}

function searchOnce(query: string, db: string, extra: string[]): SearchHit[] {
  const r = runCli(['search', query, '--db', db, '--json', '--limit', '100', ...extra]);
  if (r.code === 1) return [];
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as SearchHit[];
}

describePg('ingest and search on PostgreSQL', () => {
  it('two ingests at once over overlapping files store each report once', async () => {
    const url = await freshDatabase('cli_ingest');
    const input = join(dir, 'overlap');
    mkdirSync(input);
    const files = Array.from({ length: 40 }, (_, i) => {
      const file = join(input, `o${i}.txt`);
      writeFileSync(file, syntheticReport([[`Mål ${i}`, `Tiltag ${i}`, `Resultat på ${i} mio. kr.`]]));
      return file;
    });
    const [a, b] = await Promise.all([
      runCliAsync(['ingest', ...files.slice(0, 30), '--db', url, '--json', '--concurrency', '1']),
      runCliAsync(['ingest', ...files.slice(10), '--db', url, '--json', '--concurrency', '1']),
    ]);
    const [sa, sb] = [a, b].map((r) => summaryOf({ code: r.status, stdout: r.stdout, stderr: r.stderr }) as { ingested: number; skipped: number; failed: number });
    expect([sa!.failed, sb!.failed]).toEqual([0, 0]);
    expect(sa!.ingested + sb!.ingested).toBe(40);
    expect(sa!.skipped + sb!.skipped).toBe(20);
    const [counts] = await queryRows(url, `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM report_paths) AS paths,
      (SELECT count(*)::int FROM goals) AS goals, (SELECT count(*)::int FROM ingest_runs WHERE finished_at IS NOT NULL) AS runs`);
    expect(counts).toEqual({ reports: 40, paths: 40, goals: 40, runs: 2 });
  });

  it('takes DATABASE_URL when --db is not given, and never prints its password', async () => {
    const url = await freshDatabase('cli_env');
    const withPassword = url.replace('postgres@', 'postgres:hunter2@');
    const r = runCli(['ingest', SEED, '--json'], { env: { ...process.env, DATABASE_URL: withPassword } });
    expect(r.code).toBe(0);
    expect(summaryOf(r)).toMatchObject({ ingested: 1 });
    expect(r.stderr + r.stdout).not.toContain('hunter2');
    expect(r.stderr).toContain('postgres:***@');
    const help = runCli(['ingest', '--help'], { env: { ...process.env, DATABASE_URL: withPassword } });
    expect(help.stdout).not.toContain('hunter2');
    const unreachable = runCli(['search', 'bolig', '--db', 'postgres://nobody:pw@127.0.0.1:1/none']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^status-ingest: error: postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: cannot open the database: /);
  });

  it('search gives the same top hits as SQLite on the seed, and finds the other forms of a word', async () => {
    const url = await freshDatabase('cli_search');
    const sqlite = join(dir, 'seed.sqlite');
    // The same path in both stores (the hits name it).
    const seed = join(dir, 'seed.txt');
    copyFileSync(SEED, seed);
    for (const db of [url, sqlite]) expect(runCli(['ingest', seed, '--db', db]).code).toBe(0);
    for (const query of ['sygefravær', 'budget', 'digital', 'flygtninge', 'bolig']) {
      const [pg, lite] = [hits(query, url), hits(query, sqlite)];
      expect(pg.length, query).toBeGreaterThan(0);
      // The same goals found; ts_rank and bm25 may order close scores differently (bm25 weighs length).
      expect(new Set(pg.map((h) => h.goalId)), query).toEqual(new Set(lite.map((h) => h.goalId)));
      expect(pg[0]!).toMatchObject({ reportPath: lite[0]!.reportPath, reportTitle: lite[0]!.reportTitle });
      expect(pg[0]!.snippet, query).toMatch(/\[[^\]]+\]/);
    }
    // The same best hit, where one goal stands out (for "bolig" two titles match, ranked the other way round).
    for (const query of ['sygefravær', 'budget', 'digital', 'flygtninge']) expect(hits(query, url)[0]!.goalId, query).toBe(hits(query, sqlite)[0]!.goalId);
    expect(new Set(hits('bolig', url).slice(0, 4).map((h) => h.goalId))).toEqual(new Set(hits('bolig', sqlite).slice(0, 4).map((h) => h.goalId)));
    // Stemmed: whole words (--exact) in another form still find the goal titled "Sygefravær".
    const stemmed = hits('sygefraværet', url, ['--exact']);
    expect(stemmed[0]).toMatchObject({ title: 'Sygefravær', ordinal: 15 });
    expect(hits('sygefraværet', sqlite, ['--exact']).some((h) => h.title === 'Sygefravær' && h.snippet.includes('[sygefravær]'))).toBe(false);
  });

  it('export gives the same bytes from PostgreSQL as from SQLite, to standard output and to a file; --reviews stores decisions; a database without tables is named (exit 2)', async () => {
    const url = await freshDatabase('cli_export');
    const sqlite = join(dir, 'export.sqlite');
    const seed = join(dir, 'export-seed.txt');
    copyFileSync(SEED, seed);
    for (const db of [url, sqlite]) expect(runCli(['ingest', seed, '--db', db]).code).toBe(0);
    const out = join(dir, 'facts.pg.ndjson');
    const runs = await Promise.all([
      ...['goals', 'facts'].flatMap((table) => ['csv', 'ndjson'].flatMap((format) =>
        [url, sqlite].map((db) => runCliAsync(['export', '--db', db, '--table', table, '--format', format])))),
      runCliAsync(['export', '--db', url, '--table', 'facts', '--format', 'ndjson', '--out', out]),
    ]);
    for (const r of runs) expect(r).toMatchObject({ status: 0, stderr: '' });
    for (let i = 0; i < 8; i += 2) {
      expect(runs[i]!.stdout.split('\n').length).toBeGreaterThan(40);
      expect(runs[i]!.stdout === runs[i + 1]!.stdout, `export ${i}`).toBe(true);
    }
    expect(readFileSync(out, 'utf8')).toBe(runs[7]!.stdout);
    // Review decisions go to PostgreSQL's reviews table as to SQLite's.
    const report = await parseReport({ path: seed, bytes: readFileSync(seed) });
    const goal = report.goals[0]!;
    const reviewFile = join(dir, 'seed.review.json');
    writeFileSync(reviewFile, JSON.stringify({ reportId: report.id, goals: [{ key: goal.key, decision: 'flagged', note: 'tjek', time: '2026-12-01T10:00:00.000Z', content: goalContentHash(goal) }] }));
    const reviewed = await runCliAsync(['ingest', '--db', url, '--reviews', reviewFile]);
    expect(reviewed).toMatchObject({ status: 0 });
    expect(reviewed.stderr).toContain('reviews: stored 1 decisions from 1 file');
    expect(await queryRows(url, 'SELECT goal_key, decision, note FROM v_goal_reviews')).toEqual([{ goal_key: goal.key, decision: 'flagged', note: 'tjek' }]);
    const empty = await freshDatabase('cli_export_empty');
    const none = await runCliAsync(['export', '--db', empty.replace('postgres@', 'postgres:hunter2@'), '--table', 'goals']);
    expect(none).toMatchObject({ status: 2, stdout: '' });
    expect(none.stderr).toMatch(/^status-ingest: error: postgres:\/\/postgres:\*\*\*@[^ ]+: no status-ingest tables/);
    expect(none.stderr).not.toMatch(/hunter2|\n\s+at /);
  });
});
