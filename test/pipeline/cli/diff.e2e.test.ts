/** `status-ingest diff`, run as a user runs it: exit codes, streams and `--json`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../../output/json.js';
import type { Report } from '../../../schemas/report.js';
import { runCliAsync } from '../../cli-runner.js';
import { SEED, clone, seedReport } from '../../output/diff/diff-fixtures.js';

let seed: Report;

beforeAll(async () => {
  seed = await seedReport();
});

describe('status-ingest diff', () => {
  /** Runs the CLI; runs are started together, so they overlap. */
  const cli = (...args: string[]) => runCliAsync(['diff', ...args]);

  it('exits 0 on equal reports, 1 on different ones (with --json as data), 2 on unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, toCanonicalJson(seed));
    const next = clone(seed);
    next.goals[1]!.title = `${next.goals[1]!.title} (revideret)`;
    writeFileSync(b, toCanonicalJson(next));

    // The text of a diff is tested on the library above; here the exit codes, streams and --json.
    const [same, json, missing] = await Promise.all([cli(a, SEED), cli(a, b, '--json'), cli(a, join(dir, 'missing.json'))]);
    expect(same.status).toBe(0);
    expect(same.stdout).toBe('');

    expect(json.status).toBe(1);
    const data = JSON.parse(json.stdout);
    expect(data.equal).toBe(false);
    expect(data.goals[0].fields[0]).toMatchObject({ field: 'title', after: 'Styrelsesvedtægt for Ballerup Kommune (revideret)' });
    expect(data.goals[0].fields[0].words).toContainEqual({ op: 'add', text: '(revideret)' });

    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing\.json: error cannot-read: no such file or directory/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses, with exit 2, a side that is no report (a binary file), naming it and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
    const r = await cli(SEED, binary);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/image\.bin(?::\d+)*: error binary-input: /);
  });
});
