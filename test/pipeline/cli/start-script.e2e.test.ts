/**
 * `npm start` on a fresh checkout: the README promises that `npm ci && npm start` runs the main job
 * on the bundled sample. A checkout has no `out/` (it is git-ignored), and `ingest` refuses a `--db`
 * in a folder that is not there, so the script must make it. The script's ingest part (all but its
 * build step, which `npm test` has run) runs in a folder holding only the repository's `dist`,
 * `fixtures` and `node_modules`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const BUILD_STEP = 'npm run build && ';

describe('npm start', () => {
  it('ingests the bundled sample into out/ in a checkout that has no out/ folder', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start.startsWith(BUILD_STEP)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'si-start-'));
    for (const name of ['dist', 'fixtures', 'node_modules']) symlinkSync(resolve(name), join(dir, name));
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const r = spawnSync('sh', ['-c', start.slice(BUILD_STEP.length)], { cwd: dir, encoding: 'utf8', env });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const db = new Database(join(dir, 'out/reports.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 1 });
      expect((db.prepare('SELECT count(*) AS n FROM goals').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(readdirSync(join(dir, 'out/json')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });
});
