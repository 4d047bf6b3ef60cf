/**
 * Bad input never takes the batch down: every case in `fixtures/bad/` (plus the ones that cannot be
 * committed — a 10 MB cell, 100k rows, an oversized file, a vanished file, a folder without
 * permission, a symlink loop) gives a clear message naming the file and place, and the good files
 * next to them land.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { NODE_ARGS, runCli } from '../../cli-runner.js';

const HEADER = 'STRATEGISK MÅLSÆTNING\tIVÆRKSATTE TILTAG/ KONKRETE INDSATSER\tRESULTATER';

/** Expected outcome per file: failed with a code at a line (null: the file as a whole), or ingested. */
const EXPECTED: Record<string, { failed: string; line: number | null } | { ingested: true; warning?: string }> = {
  'empty.txt': { failed: 'empty-input', line: 1 },
  'whitespace-only.txt': { failed: 'blank-input', line: 1 },
  'garbage-tabs.txt': { failed: 'blank-input', line: 1 },
  'binary.txt': { failed: 'binary-input', line: 3 },
  'control-characters.txt': { failed: 'binary-input', line: 1 },
  'no-table.txt': { failed: 'no-table', line: 1 },
  'header-only.txt': { failed: 'no-goals', line: 5 },
  'sections-only.txt': { failed: 'no-goals', line: 5 },
  'encrypted.pdf': { failed: 'pdf-encrypted', line: null },
  'truncated.pdf': { failed: 'pdf-unreadable', line: null },
  'image-only.pdf': { failed: 'pdf-no-text', line: null },
  'html-without-table.html': { failed: 'no-table', line: 1 },
  'windows-1252.txt': { ingested: true, warning: 'decoded-windows-1252' },
  'bom.txt': { ingested: true },
  'crlf-line-endings.txt': { ingested: true },
  'no-header-row.txt': { ingested: true, warning: 'no-header-row' },
  'unclosed-tags.txt': { ingested: true },
  'script-and-sql-in-cells.txt': { ingested: true },
  'extra-cells.txt': { ingested: true, warning: 'extra-cells' },
  'untitled-first-row.txt': { ingested: true, warning: 'orphan-continuation' },
  'rapport med mellemrum og æøå.txt': { ingested: true },
  // Generated below:
  'big-cell.txt': { ingested: true },
  'hundred-thousand-rows.txt': { ingested: true },
  'oversized.txt': { failed: 'too-large', line: null },
  'vanished.txt': { failed: 'cannot-read', line: null },
  'good.txt': { ingested: true },
};

let dir: string;
let result: ReturnType<typeof runCli>;
let db: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-bad-'));
  const inputs = join(dir, 'inputs');
  mkdirSync(inputs);
  for (const name of readdirSync('fixtures/bad')) {
    if (name.endsWith('.md')) continue;
    copyFileSync(join('fixtures/bad', name), join(inputs, name));
  }
  copyFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', join(inputs, 'good.txt'));
  const words = 'Kommunen har i 2016 brugt 1,6 mio. kr. på at styrke indsatsen for 52.000 borgere'.split(' ');
  let cell = '';
  for (let i = 0; cell.length < 10 * 1024 * 1024; i++) cell += `${words[i % words.length]} `;
  writeFileSync(join(inputs, 'big-cell.txt'), `Titel\n\n${HEADER}\nStor celle\t${cell}\tResultat.\n`);
  const rows: string[] = [];
  for (let i = 0; i < 100_000; i++) rows.push(`Mål ${i}\tTiltag ${i} koster 2,5 mio. kr.\tResultat ${i}.`);
  writeFileSync(join(inputs, 'hundred-thousand-rows.txt'), `Titel\n\n${HEADER}\n${rows.join('\n')}\n`);
  writeFileSync(join(inputs, 'oversized.txt'), '');
  truncateSync(join(inputs, 'oversized.txt'), 51 * 1024 * 1024); // sparse: no disk used
  symlinkSync(join(inputs, 'gone-before-it-was-read.txt'), join(inputs, 'vanished.txt'));
  // A symlink loop: walked once, never forever.
  mkdirSync(join(inputs, 'loop'));
  symlinkSync('..', join(inputs, 'loop', 'back-up'));

  result = runCli(['ingest', inputs, '--db', join(dir, 'r.sqlite'), '--json-dir', join(dir, 'json'), '--json'], { cwd: dir });
  db = new Database(join(dir, 'r.sqlite'), { readonly: true });
}, 120_000);

describe('a batch with bad files', () => {
  it('finishes, exits 1, and lands every good file exactly once', () => {
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    const ingested = Object.values(EXPECTED).filter((e) => 'ingested' in e).length;
    const failed = Object.values(EXPECTED).filter((e) => 'failed' in e).length;
    expect(summary).toMatchObject({ ingested, failed });
    const paths = (db.prepare('SELECT path FROM reports ORDER BY path').all() as { path: string }[]).map((r) => r.path);
    expect(paths).toHaveLength(ingested);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain('inputs/rapport med mellemrum og æøå.txt');
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${'failed' in expected ? `fails with ${expected.failed}` : 'lands'}`, () => {
      const path = `inputs/${file}`;
      if ('failed' in expected) {
        const place = expected.line === null ? `${path}: error ${expected.failed}: ` : `${path}:${expected.line}:1: error ${expected.failed}: `;
        expect(result.stderr).toContain(place);
        const row = db.prepare('SELECT code, line FROM quarantine WHERE path = ?').get(path);
        expect(row).toEqual({ code: expected.failed, line: expected.line });
      } else {
        const report = db.prepare('SELECT id, goal_count FROM reports WHERE path = ?').get(path) as { id: string; goal_count: number };
        expect(report.goal_count).toBeGreaterThan(0);
        if (expected.warning) {
          const codes = db.prepare('SELECT code FROM diagnostics WHERE report_id = ?').all(report.id) as { code: string }[];
          expect(codes.map((c) => c.code)).toContain(expected.warning);
        }
      }
    });
  }

  it('prints no stack trace', () => {
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('keeps SQL and script text in cells as plain text', () => {
    const goal = db.prepare(`SELECT g.title,
        (SELECT text FROM v_goal_cells c WHERE c.goal_id = g.id AND c.role = 'initiatives') AS initiatives,
        (SELECT text FROM v_goal_cells c WHERE c.goal_id = g.id AND c.role = 'results') AS results
      FROM goals g JOIN reports r ON r.id = g.report_id
      WHERE r.path = 'inputs/script-and-sql-in-cells.txt'`).get() as Record<string, string>;
    expect(goal.title).toBe('Sikkerhed');
    expect(goal.initiatives).toContain("'; DROP TABLE reports; --");
    expect(goal.results).toBe("Robert'); DELETE FROM goals;--");
    expect(db.prepare('SELECT count(*) AS n FROM goals').get()).toMatchObject({ n: expect.any(Number) });
  });

  it('reads 100k rows and a 10 MB cell', () => {
    const rows = db.prepare(`SELECT goal_count FROM reports WHERE path = 'inputs/hundred-thousand-rows.txt'`).get();
    expect(rows).toEqual({ goal_count: 100_000 });
    const big = db.prepare(`SELECT max(length(c.text)) AS n FROM v_goal_cells c JOIN goals g ON g.id = c.goal_id
      JOIN reports r ON r.id = g.report_id WHERE r.path = 'inputs/big-cell.txt'`).get() as { n: number };
    expect(big.n).toBeGreaterThan(10_000_000);
  });
});

describe('a folder without permission', () => {
  it('is reported by name and the rest of the batch lands', () => {
    const base = mkdtempSync(join(tmpdir(), 'si-perm-'));
    const locked = join(base, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'hidden.txt'), 'x');
    chmodSync(locked, 0o000);
    copyFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', join(base, 'good.txt'));
    const args = ['ingest', base, '--db', join(base, 'r.sqlite'), '--json'];
    // Root reads any folder through its capabilities: as root the CLI runs without them (still uid 0,
    // so it can read the project wherever it is checked out), and the folder's mode applies.
    const r = process.getuid?.() === 0 ? runWithoutCapabilities(args) : runCli(args);
    chmodSync(locked, 0o755);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/locked: error cannot-read: permission denied/);
    expect(JSON.parse(r.stdout)).toMatchObject({ ingested: 1, failed: 1 });
  });
});

function runWithoutCapabilities(args: string[]) {
  const r = spawnSync('setpriv', ['--bounding-set=-all', '--inh-caps=-all', process.execPath, ...NODE_ARGS, ...args], {
    encoding: 'utf8',
  });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
