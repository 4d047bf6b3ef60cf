/**
 * What `search` and `review` print about user and document text reaches the terminal escaped, and
 * `parse` and `review` refuse inputs over `--max-bytes` like `ingest` does (issue 11).
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli-runner.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
/** Raw control characters a line for the terminal must never hold (the final newline aside). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('terminal output of user and document text', () => {
  it('search: the no-match line escapes the query and quotes a database name holding a newline', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'si-search-')), 'a\nb');
    mkdirSync(dir);
    const db = join(dir, 'r.sqlite');
    expect(runCli(['ingest', SEED, '--db', db]).code).toBe(0);
    const r = runCli(['search', '--db', db, 'zzqx\u001b[31m\nforged\u2028line\u009b']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(2); // one line, then the final newline
    expect(lines[0]).toMatch(/^no goal matches "zzqx\\u001b\[31m\\nforged\\u2028line\\u009b" in ".*a\\nb\/r\.sqlite"$/);
    expect(lines[0]).not.toMatch(RAW_CONTROL);
  });

  it('review: the "→ file" line quotes an output name holding a control character', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'si-review-name-')), 'x\n\u001b[2Jy.html');
    const r = runCli(['review', SEED, '--out', out]);
    expect(r.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1000);
    const line = r.stderr.split('\n').find((l) => l.startsWith('review of'))!;
    expect(line).toMatch(/→ ".*x\\n\\u001b\[2Jy\.html"$/);
    expect(r.stderr.replace(/\n$/, '')).not.toMatch(RAW_CONTROL);
  });
});

describe('--max-bytes of parse and review', () => {
  const bytes = statSync(SEED).size;

  it.each([['parse'], ['review']])('%s refuses a file over the limit with too-large, naming it, and reads one within it', (command) => {
    const over = runCli([command, SEED, '--max-bytes', String(bytes - 1)]);
    expect(over.code).toBe(2); // an input that cannot be read (UNREADABLE_INPUT_EXIT), as a missing file
    expect(over.stdout).toBe('');
    expect(over.stderr).toMatch(new RegExp(`^${SEED}: error too-large: `));
    const within = runCli([command, SEED, '--max-bytes', String(bytes)]);
    expect(within.code).toBe(0);
    expect(within.stdout.length).toBeGreaterThan(bytes / 2);
  });

  it('rejects a --max-bytes that is no whole number as a usage error', () => {
    expect(runCli(['parse', SEED, '--max-bytes', '0']).code).toBe(2);
    expect(runCli(['review', SEED, '--max-bytes', 'lots']).code).toBe(2);
  });
});
