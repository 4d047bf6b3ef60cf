/**
 * `ingestSources` stopped by its `signal` (what SIGINT and SIGTERM do in the CLI), in-process: no file
 * is started after the abort, the files in hand land whole, the run is recorded with what landed, and
 * the next run takes the rest.
 */
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSources } from '../../../pipeline/batch/ingest.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import type { ReportDatabase } from '../../../output/sqlite/schema.js';
import { syntheticReport } from '../../helpers.js';

const N = 12;

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'si-stop-'));
  for (let i = 0; i < N; i++) writeFileSync(join(dir, `r${String(i).padStart(2, '0')}.txt`), syntheticReport([[`Mål nummer ${i}`, 'En indsats', 'Et resultat']]));
  return dir;
}

const lastRun = (db: ReportDatabase) =>
  db.prepare('SELECT finished_at IS NOT NULL AS finished, files, ingested, skipped, failed FROM ingest_runs ORDER BY id DESC LIMIT 1').get();
const reports = (db: ReportDatabase) => db.prepare('SELECT count(*) FROM reports').pluck().get() as number;

describe('an ingest stopped by its signal', () => {
  it('starts nothing when aborted before it begins, and records an empty run', async () => {
    const input = corpus();
    const db = openReportDatabase(join(input, 'r.sqlite'));
    const summary = await ingestSources({ paths: [input], store: new SqliteStore(db), pipelineVersion: 'test', concurrency: 1, signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ stopped: true, files: 0, ingested: 0 });
    expect(reports(db)).toBe(0);
    expect(lastRun(db)).toEqual({ finished: 1, files: 0, ingested: 0, skipped: 0, failed: 0 });
    db.close();
  });

  it('finishes the files in hand when aborted midway, records them, and leaves the rest to the next run', async () => {
    const input = corpus();
    const db = openReportDatabase(join(input, 'r.sqlite'));
    const stop = new AbortController();
    const landed: string[] = [];
    const summary = await ingestSources({
      paths: [input],
      store: new SqliteStore(db),
      pipelineVersion: 'test',
      concurrency: 1,
      // One report per transaction, so that the abort comes while most files are still to come.
      group: { reports: 1 },
      signal: stop.signal,
      onFile: (event) => {
        if (event.outcome === 'ingested') landed.push(event.path);
        if (landed.length === 3) stop.abort();
      },
    });
    expect(summary.stopped).toBe(true);
    // Those already listed and in hand when the abort came still land; none after.
    expect(summary.ingested).toBe(landed.length);
    expect(summary.ingested).toBeGreaterThanOrEqual(3);
    expect(summary.ingested).toBeLessThan(N);
    expect(summary.files).toBe(summary.ingested);
    expect(reports(db)).toBe(summary.ingested);
    expect(lastRun(db)).toEqual({ finished: 1, files: summary.files, ingested: summary.ingested, skipped: 0, failed: 0 });
    const rest = await ingestSources({ paths: [input], store: new SqliteStore(db), pipelineVersion: 'test', concurrency: 1 });
    expect(rest).toMatchObject({ stopped: false, ingested: N - summary.ingested, skipped: summary.ingested });
    expect(reports(db)).toBe(N);
    db.close();
  });

  it('with several reports per transaction, commits exactly what it announced, and the next run takes the rest', async () => {
    const input = corpus();
    const db = openReportDatabase(join(input, 'r.sqlite'));
    const stop = new AbortController();
    const landed: string[] = [];
    const summary = await ingestSources({
      paths: [input],
      store: new SqliteStore(db),
      pipelineVersion: 'test',
      concurrency: 1,
      group: { reports: 4, ms: 60_000 },
      signal: stop.signal,
      onFile: (event) => {
        if (event.outcome !== 'ingested') return;
        // Announced only once committed: its report is in the database when the event comes.
        expect(db.prepare('SELECT count(*) FROM report_paths WHERE path = ?').pluck().get(event.path)).toBe(1);
        landed.push(event.path);
        stop.abort();
      },
    });
    expect(summary.stopped).toBe(true);
    // The first group lands whole (its four reports announced together), and the files in hand after it.
    expect(landed.length).toBeGreaterThanOrEqual(4);
    expect(summary.ingested).toBe(landed.length);
    expect(summary.ingested).toBeLessThan(N);
    expect(reports(db)).toBe(summary.ingested);
    expect(lastRun(db)).toEqual({ finished: 1, files: summary.files, ingested: summary.ingested, skipped: 0, failed: 0 });
    const rest = await ingestSources({ paths: [input], store: new SqliteStore(db), pipelineVersion: 'test', concurrency: 1 });
    expect(rest).toMatchObject({ stopped: false, ingested: N - summary.ingested, skipped: summary.ingested });
    expect(reports(db)).toBe(N);
    db.close();
  });
});
