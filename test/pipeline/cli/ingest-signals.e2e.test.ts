/**
 * An ingest stopped by SIGINT or SIGTERM: it finishes the files in hand, prints the summary of what
 * landed (and `--json` prints it), records the counts in `ingest_runs`, exits 130; the database is
 * sound, and a re-run completes the rest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/generate.js';
import { runCli, startCli, summaryOf } from '../../cli-runner.js';

const SEED = readFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', 'utf8');
const N = 150;
let corpus: string;

beforeAll(() => {
  corpus = mkdtempSync(join(tmpdir(), 'si-signal-corpus-'));
  generateCorpus(SEED, corpus, N);
});

/** Runs an ingest and sends `signal` once `after` files have been reported ingested (by --verbose). */
function ingestUntil(args: string[], signal: NodeJS.Signals, after: number) {
  const child = startCli([...args, '--verbose', '--json']);
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
    if (!sent && (stderr.match(/^ingested .*: 40 goals/gm) ?? []).length >= after) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, sent })),
  );
}

/** The database's reports, goals and last run. */
function stateOf(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const partial = db.prepare('SELECT count(*) AS n FROM reports r WHERE r.goal_count <> (SELECT count(*) FROM goals g WHERE g.report_id = r.id)').get();
    expect(partial).toEqual({ n: 0 });
    return {
      reports: (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n,
      unindexed: (db.prepare('SELECT count(*) AS n FROM goals WHERE seq > (SELECT indexed_through FROM search_index_state)').get() as { n: number }).n,
      lastRun: db.prepare('SELECT finished_at, files, ingested, skipped, failed FROM ingest_runs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>,
    };
  } finally {
    db.close();
  }
}

describe('ingest stopped by a signal', () => {
  it('finishes the files in hand, says and records what landed, exits 130; a re-run completes the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'si-signal-'));
    const db = join(out, 'r.sqlite');
    const args = ['ingest', corpus, '--db', db, '--json-dir', join(out, 'json'), '--concurrency', '1'];
    let landed = 0;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const run = await ingestUntil(args, signal, 5);
      expect(run.sent, run.stderr).toBe(true);
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const summary = summaryOf(run) as { stopped: boolean; files: number; ingested: number; skipped: number; failed: number };
      expect(summary.stopped).toBe(true);
      expect(summary.failed).toBe(0);
      expect(summary.ingested).toBeGreaterThanOrEqual(5);
      expect(summary.files).toBeLessThan(N);
      expect(run.stderr).toContain(`stopped by a signal: ingested ${summary.ingested}, skipped ${summary.skipped}, failed 0 in `);
      // Every file reported ingested is in, and nothing else.
      expect((run.stderr.match(/^ingested .*: 40 goals/gm) ?? []).length).toBe(summary.ingested);
      landed += summary.ingested;
      const state = stateOf(db);
      expect(state.reports).toBe(landed);
      expect(state.unindexed).toBe(0);
      expect(state.lastRun).toMatchObject({ files: summary.files, ingested: summary.ingested, skipped: summary.skipped, failed: 0 });
      expect(state.lastRun.finished_at).not.toBeNull();
    }
    const rest = runCli([...args, '--json']);
    expect(rest.code, rest.stderr).toBe(0);
    const summary = summaryOf(rest) as { stopped: boolean; ingested: number; skipped: number };
    expect(summary).toMatchObject({ stopped: false, ingested: N - landed, skipped: landed });
    expect(stateOf(db).reports).toBe(N);
  }, 120_000);
});
