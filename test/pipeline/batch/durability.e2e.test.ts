/**
 * Crash safety and concurrency: an ingest killed with SIGKILL at a random moment and run again
 * leaves a sound database with every report exactly once and none half-written; two ingests on one
 * database at the same time both finish without duplicates; re-runs are incremental.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/generate.js';
import { runCli, startCli, summaryOf } from '../../cli-runner.js';
import { seededRandom } from '../../random.js';

const SEED = readFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', 'utf8');
const N = 300;
let corpus: string;

beforeAll(() => {
  corpus = mkdtempSync(join(tmpdir(), 'si-corpus-'));
  generateCorpus(SEED, corpus, N);
});

/** Checks the database holds `n` whole reports, each once, and is sound. */
function expectSound(dbPath: string, n: number) {
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n });
    expect(db.prepare('SELECT count(*) AS n FROM (SELECT path FROM reports GROUP BY path HAVING count(*) > 1)').get()).toEqual({ n: 0 });
    // None half-written: every report has all of its goals.
    const partial = db
      .prepare(`SELECT count(*) AS n FROM reports r WHERE r.goal_count <> (SELECT count(*) FROM goals g WHERE g.report_id = r.id)`)
      .get();
    expect(partial).toEqual({ n: 0 });
    expect(db.prepare('SELECT sum(goal_count) AS n FROM reports').get()).toEqual({ n: 40 * n });
    // Every goal is in the full-text index, and the index agrees with the goals.
    expect(db.prepare('SELECT count(*) AS n FROM goals WHERE seq > (SELECT indexed_through FROM search_index_state)').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
  const writable = new Database(dbPath);
  try {
    writable.exec("INSERT INTO goals_fts (goals_fts) VALUES ('integrity-check')");
  } finally {
    writable.close();
  }
}

describe('crash safety', () => {
  it('survives SIGKILL at a random moment and completes on the next run', async () => {
    const out = mkdtempSync(join(tmpdir(), 'si-kill-'));
    const db = join(out, 'r.sqlite');
    const jsonDir = join(out, 'json');
    const args = ['ingest', corpus, '--db', db, '--json-dir', jsonDir];
    const random = seededRandom('SIGKILL moments');
    for (let attempt = 0; attempt < 2; attempt++) {
      const child = startCli(args);
      // Listened for from the start: a run that finishes before its moment (the second resumes the
      // first, and 300 reports can take less than the longest delay) has exited already when killed.
      const exited = new Promise((r) => child.once('exit', r));
      const delay = 700 + Math.floor(random.next() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
    }
    const rerun = runCli([...args, '--json']);
    expect(rerun.code).toBe(0);
    const summary = summaryOf(rerun) as { ingested: number; skipped: number };
    expect(summary.ingested + summary.skipped).toBe(N);
    expectSound(db, N);
    const files = readdirSync(jsonDir);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(N);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of files.slice(0, 20)) expect(JSON.parse(readFileSync(join(jsonDir, f), 'utf8')).goals).toHaveLength(40);
  }, 120_000);

  it('two ingests on one database at once both finish, with no duplicates', async () => {
    const out = mkdtempSync(join(tmpdir(), 'si-two-'));
    const db = join(out, 'r.sqlite');
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = startCli(['ingest', corpus, '--db', db, '--concurrency', '1']);
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('exit', (code) => {
          if (code !== 0) process.stderr.write(`concurrent ingest exited ${code}:\n${stderr}\n`);
          resolve(code);
        });
      });
    const codes = await Promise.all([run(), run()]);
    expect(codes).toEqual([0, 0]);
    expectSound(db, N);
  }, 120_000);
});

describe('incremental ingest', () => {
  it('skips unchanged files, replaces a changed one, retries a fixed quarantined one, and --force re-ingests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-inc-'));
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    const bad = join(dir, 'bad.txt');
    copyFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', a);
    writeFileSync(b, SEED.replace('Økonomiudvalgets', 'Kulturudvalgets'));
    writeFileSync(bad, '');
    const db = join(dir, 'r.sqlite');
    const ingest = (...extra: string[]) => {
      const r = runCli(['ingest', dir, '--db', db, '--json', ...extra]);
      return { ...r, summary: summaryOf(r) };
    };
    expect(ingest().summary).toMatchObject({ ingested: 2, skipped: 0, failed: 1 });
    const again = ingest();
    expect(again.summary).toMatchObject({ ingested: 0, skipped: 3, stillQuarantined: 1, failed: 0 });
    expect(again.code).toBe(0);

    writeFileSync(b, SEED.replace('Økonomiudvalgets', 'Teknikudvalgets'));
    writeFileSync(bad, SEED.replace('Økonomiudvalgets', 'Børneudvalgets'));
    expect(ingest().summary).toMatchObject({ ingested: 2, skipped: 1, failed: 0 });
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 3 });
    expect(conn.prepare(`SELECT committee FROM reports WHERE path LIKE '%b.txt'`).get()).toEqual({ committee: 'Teknikudvalget' });
    expect(conn.prepare('SELECT count(*) AS n FROM quarantine').get()).toEqual({ n: 0 });
    const runs = conn.prepare('SELECT ingested, skipped, failed, finished_at IS NOT NULL AS done FROM ingest_runs ORDER BY id').all();
    expect(runs).toEqual([
      { ingested: 2, skipped: 0, failed: 1, done: 1 },
      { ingested: 0, skipped: 3, failed: 0, done: 1 },
      { ingested: 2, skipped: 1, failed: 0, done: 1 },
    ]);
    conn.close();
    expect(ingest('--force').summary).toMatchObject({ ingested: 3, skipped: 0 });
  }, 60_000);

  it('refuses files over --max-bytes and expands globs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-glob-'));
    copyFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', join(dir, 'one.txt'));
    writeFileSync(join(dir, 'two.txt'), SEED.replace('Økonomiudvalgets', 'Kulturudvalgets'));
    writeFileSync(join(dir, 'skip.html'), '<p>no</p>');
    const r = runCli(['ingest', `${dir}/*.txt`, '--db', join(dir, 'r.sqlite'), '--json', '--max-bytes', '20000']);
    expect(r.code).toBe(1);
    expect(summaryOf(r)).toMatchObject({ files: 2, ingested: 0, failed: 2 });
    expect(r.stderr).toMatch(/one\.txt: error too-large: the file is 0\.0 MB, over the --max-bytes limit/);
    expect(runCli(['ingest', dir, '--max-bytes', 'lots']).code).toBe(2);
  }, 60_000);
});
