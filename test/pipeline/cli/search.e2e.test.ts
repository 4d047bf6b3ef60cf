/** `status-ingest search`, run as a user runs it: ranked hits, exit codes, messages without stack traces. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import type { Report } from '../../../schemas/report.js';
import { runCliAsync } from '../../cli-runner.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
let seed: Report;

beforeAll(async () => {
  seed = await parseReport({ path: SEED, bytes: readFileSync(SEED) });
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'si-search-')), 'r.sqlite');

describe('status-ingest search', () => {
  const cli = (...args: string[]) => runCliAsync(['search', ...args]);

  it('prints ranked goals with snippets; exits 1 on no match and 2 on a missing database', async () => {
    const path = tempDb();
    const db = openReportDatabase(path);
    writeReport(db, seed, 'test');
    db.close();
    const [hit, none, missing] = await Promise.all([
      cli('sygefravær', '--db', path),
      cli('xyzzyplugh', '--db', path),
      cli('sygefravær', '--db', join(tmpdir(), 'no-such-dir-si', 'r.sqlite')),
    ]);
    expect(hit.status).toBe(0);
    expect(hit.stdout).toMatch(/^1\. .*[Ss]ygefravær.*\n {3}goal #\d+, pages? [\d–]+ of fixtures\/oekonomiudvalget-2014-2017\/input\.txt/);
    expect(hit.stdout).toMatch(/\[[Ss]ygefravær/);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no goal matches "xyzzyplugh"');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/r\.sqlite: no such database/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
