/**
 * Where a run's time went (`IngestSummary.time`), in-process: the parses and the writer's writes,
 * group commits and full-text index passes of a first run are counted; an unchanged re-run parses
 * and writes nothing, and says so.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { SqliteStore } from '../../../output/sqlite/report-store.js';
import { ingestSources } from '../../../pipeline/batch/ingest.js';
import { syntheticReport } from '../../helpers.js';

describe('IngestSummary.time', () => {
  it('counts the parses, writes, commits and index passes of a first run, and no parse, write or commit in an unchanged re-run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-time-'));
    const input = join(dir, 'in');
    mkdirSync(input);
    for (const name of ['a', 'b', 'c']) writeFileSync(join(input, `${name}.txt`), syntheticReport([[`Mål om ${name}`, 'En indsats', 'Et resultat']]));
    const store = new SqliteStore(openReportDatabase(join(dir, 'r.sqlite')));
    try {
      const run = () => ingestSources({ paths: [input], store, pipelineVersion: 'test', concurrency: 1, group: { reports: 2 } });
      const first = await run();
      expect(first.ingested).toBe(3);
      const { parse, write, commit, index } = first.time;
      for (const seconds of [parse, write, commit, index]) expect(seconds).toBeGreaterThan(0);
      // Each part is a share of the run (one thread here: they do not overlap).
      expect(parse + write + commit + index).toBeLessThanOrEqual(first.seconds);

      const again = await run();
      expect(again).toMatchObject({ ingested: 0, skipped: 3 });
      expect(again.time).toMatchObject({ parse: 0, write: 0, commit: 0 });
    } finally {
      await store.close();
    }
  });
});
