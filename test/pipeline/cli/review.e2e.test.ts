/**
 * `status-ingest review`, run as a user runs it: the same page from a source and from its report JSON
 * (which gets the source it names, unchanged), and without the source under `--no-source`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReviewHtml } from '../../../output/review/page.js';
import { reviewSourceOf } from '../../../output/review/source.js';
import { toCanonicalJson } from '../../../output/json.js';
import type { Report } from '../../../schemas/report.js';
import { SEED, seedReport } from '../../output/review/review-fixtures.js';
import { runCliAsync } from '../../cli-runner.js';

let seed: Report;
let seedHtml: string;
beforeAll(async () => {
  seed = await seedReport();
  seedHtml = renderReviewHtml(seed, await reviewSourceOf(seed, readFileSync(SEED)));
});

describe('status-ingest review', () => {
  it('writes the same page from the source and from its report JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-review-'));
    const json = join(dir, 'seed.json');
    writeFileSync(json, toCanonicalJson(seed));
    const run = (...args: string[]) => runCliAsync(['review', ...args]);
    const [fromSource, fromJson] = await Promise.all([run(SEED, '--out', join(dir, 'a.html')), run(json, '--out', join(dir, 'b.html'))]);
    expect(fromSource.status).toBe(0);
    expect(fromSource.stderr).toContain(`review of 40 goals and ${seed.goals.reduce((n, g) => n + g.facts.length, 0)} facts`);
    expect(fromJson.status).toBe(0);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe(seedHtml);
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(seedHtml);
    expect(seedHtml).toContain('class="source-lines"');
  });

  it('leaves the source out under --no-source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-review-'));
    const result = await runCliAsync(['review', SEED, '--no-source', '--out', join(dir, 'c.html')]);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'c.html'), 'utf8')).toBe(renderReviewHtml(seed));
  });
});
