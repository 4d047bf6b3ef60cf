/** The command line, run as a user runs it: exit codes, stdout JSON, stderr messages without stack traces. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NODE_ARGS } from '../../cli-runner.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('status-ingest CLI', () => {
  it('parse prints the canonical JSON of a report, the same on every run', () => {
    const a = cli('parse', SEED);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.goals).toHaveLength(40);
    expect(report.source.path).toBe(SEED);
    expect(cli('parse', SEED).stdout).toBe(a.stdout);
    // An absolute path is recorded relative to the working directory: canonical JSON names no machine.
    expect(cli('parse', resolve(SEED)).stdout).toBe(a.stdout);
  });

  it('names the file and place for bad input, exits 1, and prints no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-cli-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, 'Bare en titel\n\nOg lidt prosa uden tabel.\n');
    for (const [file, code] of [[empty, 'empty-input'], [binary, 'binary-input'], [prose, 'no-table']] as const) {
      const r = cli('parse', file);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`empty\\.txt:1:1: error ${code}|binary\\.txt:3:1: error ${code}|prose\\.txt:1:1: error ${code}`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // A file that cannot be read at all is no document that failed: 2, as diff and review give it.
    const missing = cli('parse', join(dir, 'nope.txt'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.txt: error cannot-read: no such file or directory/);
  });

  it('exits 2 on usage errors', () => {
    expect(cli('parse').code).toBe(2);
    expect(cli('parse', SEED, '--columns', 'goal,bogus').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
  });

  it('--strict turns warnings into failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-cli-'));
    const file = join(dir, 'r.txt');
    writeFileSync(file, 'Titel\n\nEmnet\tHvad\tHvordan\nMål\tTekst.\tResultat.\n');
    expect(cli('parse', file).code).toBe(0);
    const strict = cli('parse', file, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/warning unknown-column/);
  });

  it('ingest writes SQLite and one JSON per report, idempotently, and keeps going past bad files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-cli-'));
    writeFileSync(join(dir, 'bad.txt'), '');
    // (The database's folder must exist: ingest makes none but the default's.)
    mkdirSync(join(dir, 'out'));
    const db = join(dir, 'out', 'r.sqlite');
    const jsonDir = join(dir, 'out', 'json');
    const args = ['ingest', SEED, join(dir, 'bad.txt'), '--db', db, '--json-dir', jsonDir];
    const first = cli(...args);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/bad\.txt:1:1: error empty-input/);
    expect(first.stderr).toMatch(/ingested 1, skipped 0, failed 1 in /);
    // The unchanged bad file is not retried: the re-run has nothing new to fail on.
    const second = cli(...args);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/ingested 0, skipped 2 \(1 still quarantined, unchanged\), failed 0/);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 1 });
    expect(conn.prepare('SELECT count(*) AS n FROM goals').get()).toEqual({ n: 40 });
    conn.close();
    const files = readdirSync(jsonDir);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(jsonDir, files[0]!), 'utf8')).toBe(cli('parse', SEED).stdout);
  });

  it('facts prints the facts of a text from standard input', () => {
    const r = spawnSync(process.execPath, [...NODE_ARGS, 'facts', '-'], {
      input: '<p>Besparelsen er på 1,6 mio. kr. årligt fra 1. januar 2016.</p>',
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const facts = JSON.parse(r.stdout) as { kind: string; text: string }[];
    expect(facts.map((f) => f.kind)).toEqual(expect.arrayContaining(['money', 'date']));
    expect(facts.find((f) => f.kind === 'money')?.text).toMatch(/^1,6 mio\. kr\./);
  });
});
