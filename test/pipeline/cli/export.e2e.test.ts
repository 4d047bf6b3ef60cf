/** `status-ingest export`, run as a user runs it: CSV and NDJSON of goals and facts, --out, and clear errors for databases it cannot read. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SPECS } from '../../../output/export.js';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';
import { runCliAsync } from '../../cli-runner.js';
import { createDatabaseV2 } from '../../output/sqlite/schema-v2.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
let seed: Report;
let dir: string;
let db: string;

beforeAll(async () => {
  seed = await parseReport({ path: SEED, bytes: readFileSync(SEED) });
  dir = mkdtempSync(join(tmpdir(), 'si-export-'));
  db = join(dir, 'r.sqlite');
  const open = openReportDatabase(db);
  writeReport(open, seed, 'test');
  open.close();
});

const cli = (...args: string[]) => runCliAsync(['export', ...args]);
const factCount = () => seed.goals.reduce((n, g) => n + g.facts.length, 0);

describe('status-ingest export', () => {
  it('writes goals as CSV and facts as NDJSON, to standard output or a file', async () => {
    const out = join(dir, 'facts.ndjson');
    const [goals, facts, toFile] = await Promise.all([
      cli('--db', db, '--table', 'goals'),
      cli('--db', db, '--table', 'facts', '--format', 'ndjson'),
      cli('--db', db, '--table', 'facts', '--format', 'ndjson', '--out', out),
    ]);
    expect(goals).toMatchObject({ status: 0, stderr: '' });
    expect(goals.stdout.split('\n', 1)[0]).toBe(EXPORT_SPECS.goals.columns.map((c) => c.name).join(','));
    for (const g of seed.goals) expect(goals.stdout).toContain(g.id);
    expect(facts).toMatchObject({ status: 0, stderr: '' });
    const lines = facts.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(factCount());
    expect(Object.keys(lines[0]!)).toEqual(EXPORT_SPECS.facts.columns.map((c) => c.name));
    const money = lines.find((l) => l.kind === 'money')!;
    expect(typeof money.value).toBe('number');
    expect(toFile).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(facts.stdout);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses, by name and without a stack trace, a database that is missing, damaged or too old, and a bad table (exit 2)', async () => {
    const damaged = join(dir, 'damaged.sqlite');
    writeFileSync(damaged, randomBytes(8192));
    const old = join(dir, 'v1.sqlite');
    const v1 = new Database(old);
    v1.exec('CREATE TABLE reports (id TEXT PRIMARY KEY)');
    v1.pragma('user_version = 1');
    v1.close();
    const missing = join(dir, 'none', 'r.sqlite');
    const [m, d, o, t] = await Promise.all([
      cli('--db', missing, '--table', 'goals'),
      cli('--db', damaged, '--table', 'goals'),
      cli('--db', old, '--table', 'facts'),
      cli('--db', db, '--table', 'reports'),
    ]);
    expect(m).toMatchObject({ status: 2, stdout: '' });
    expect(m.stderr).toBe(`status-ingest: error: ${missing}: no such database (run "status-ingest ingest … --db ${missing}" first)\n`);
    expect(d).toMatchObject({ status: 2, stdout: '' });
    expect(d.stderr).toMatch(new RegExp(`^status-ingest: error: ${damaged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged or not a status-ingest database`));
    expect(o).toMatchObject({ status: 2, stdout: '' });
    expect(o.stderr).toContain(`${old} was written by status-ingest schema version 1; re-ingest`);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain("argument 'reports' is invalid. use goals or facts");
    for (const r of [m, d, o, t]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exports a version-2 database, migrating it first', async () => {
    const path = join(dir, 'v2.sqlite');
    createDatabaseV2(path, [seed], new Date('2024-01-01T00:00:00Z'));
    const r = await cli('--db', path, '--table', 'facts', '--format', 'ndjson');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(factCount());
    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT count(*) FROM v_facts').pluck().get()).toBe(factCount());
    after.close();
  });

  it('never writes over the database it reads (exit 2)', async () => {
    const before = readFileSync(db);
    const r = await cli('--db', db, '--table', 'goals', '--out', join(dir, '.', 'r.sqlite'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is the database itself');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('says so when the output file cannot be written (exit 1)', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r = await cli('--db', db, '--table', 'goals', '--out', join(blocker, 'goals.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^status-ingest: error: cannot write ${blocker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/goals\\.csv: `));
  });
});
