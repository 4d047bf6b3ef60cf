/**
 * Hostile documents too big to check in-process, each parsed in a process of its own
 * (`parse-measured.ts`) so that its peak memory is its own: a 7 MB cell of a million paragraphs and a
 * 20 MB line of amounts end in seconds and well under 500 MB. And deep nesting gives the same report
 * whatever the stack's size: a worker thread's stack is larger than the main thread's, and
 * `ingest` and `parse` once disagreed on the same file (one said `no-table`, the other overflowed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../corpus.js';
import { syntheticReport } from '../helpers.js';

/** What `parse-measured.ts` prints. */
interface Measured {
  ms: number;
  peakRssMb: number;
  diagnostics: { code: string; params: Record<string, unknown> }[];
  goals: number;
  facts: number;
  sha256: string;
}

/** Parses `file` in a child process (with extra Node flags) and returns what it measured. */
function parseInChild(file: string, nodeFlags: readonly string[] = []): Measured {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', 'test/pipeline/parse-measured.ts', file], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`parse-measured exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

let dir: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-hostile-'));
});

describe('hostile input, measured in a process of its own', () => {
  it('reads a 7 MB cell of a million <p>x</p> in seconds and under 500 MB (75 s and 2.7 GB)', () => {
    const m = parseInChild(file('million-paragraphs.txt', syntheticReport([['Mål', '<p>x</p>'.repeat(1_000_000), 'Resultat.']])));
    expect(m.goals).toBe(1);
    expect(m.ms).toBeLessThan(10_000);
    expect(m.peakRssMb).toBeLessThan(500);
  });

  it('reads a 20 MB line of "1,6 mio. kr. " in seconds and under 500 MB, keeping 10 000 facts and saying so (2.7 GB, then a crash)', () => {
    const m = parseInChild(file('money-line.txt', syntheticReport([['Mål', '1,6 mio. kr. '.repeat(1_600_000), '']])));
    expect(m.facts).toBe(10_000);
    expect(m.diagnostics).toContainEqual({ code: 'too-many-facts', params: { texts: 1 } });
    expect(m.ms).toBeLessThan(10_000);
    expect(m.peakRssMb).toBeLessThan(500);
  });
});

describe('hostile input: the stack size changes nothing', () => {
  const cases = {
    'nested-tables.html': () => '<table><tr><td>a</td><td>'.repeat(2_000) + 'x',
    'nested-lists.html': () => `<table><tr><th>Mål</th><th>Resultater</th></tr><tr><td>Mål</td><td>${'<ul><li>a'.repeat(100_000)}</td></tr></table>`,
    'nested-lists.txt': () => syntheticReport([['Mål', '<ul><li>a'.repeat(100_000), '']]),
    'nested-divs.html': () => `<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>${'<div><span>'.repeat(50_000)}B</td></tr></table>`,
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: the same report on the default stack and on one a fifth its size, with no internal error`, () => {
      const path = file(name, make());
      const normal = parseInChild(path);
      // Node's default is about 1 MB (a worker thread's, 4 MB); the depth caps keep every walk within
      // about a tenth of that.
      const small = parseInChild(path, ['--stack-size=200']);
      expect(normal.diagnostics.map((d) => d.code)).not.toContain('internal-error');
      expect(normal.diagnostics.map((d) => d.code)).toContain('markup-too-deep');
      expect(small.sha256).toBe(normal.sha256);
    });
  }
});
