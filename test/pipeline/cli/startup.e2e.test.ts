/**
 * What the CLI loads at start-up, seen through a module loader hook in the child process (every
 * module URL the main thread resolves, logged to a file): an unchanged re-run of `ingest` loads
 * neither the parse chain nor the worker pool, glob, the progress line's module or zod (the
 * schemas: about 100 modules); a run that parses (one worker: on the main thread) does load the
 * parse chain and zod, so the log is known to work.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_ARGS } from '../../cli-runner.js';
import { syntheticReport } from '../../helpers.js';

/** Runs `status-ingest ARGS…` with a hook that logs every module the main thread resolves; returns the exit code and the URLs. */
function loadedBy(args: readonly string[], dir: string): { code: number | null; urls: string[]; stderr: string } {
  const log = join(dir, `loaded-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), ...NODE_ARGS, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOAD_LOG: log },
  });
  return { code: r.status, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), stderr: r.stderr };
}

/** A folder with the hook's two files and two small reports. */
function setUp(): { dir: string; input: string } {
  const dir = mkdtempSync(join(tmpdir(), 'si-startup-'));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.LOAD_LOG, r.url + '\\n');
  return r;
}
`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(dir, 'hooks.mjs')}`)});\n`);
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const name of ['a', 'b']) writeFileSync(join(input, `${name}.txt`), syntheticReport([[`Mål om ${name}`, 'En indsats', 'Et resultat']]));
  return { dir, input };
}

/** The URLs of the parse chain, the worker pool, glob and the progress line. */
const parseOrPool = (urls: string[]) => urls.filter((u) => /\/dist\/(?:pipeline\/index|extractors\/|pipeline\/stages\/(?!ids\.js))|\/node_modules\/(?:piscina|glob|cli-progress)\//.test(u));

/** The URLs of zod and of the schema modules built with it (`schemas/enum-values.js` is plain constants). */
const zodOrSchemas = (urls: string[]) => urls.filter((u) => /\/node_modules\/zod\/|\/dist\/schemas\/(?!enum-values\.js)/.test(u));

describe('start-up of ingest', () => {
  it('an unchanged re-run loads neither the parse chain, the worker pool nor zod; a run that parses does', () => {
    const { dir, input } = setUp();
    const db = join(dir, 'r.sqlite');
    const first = loadedBy(['ingest', input, '--db', db, '--json-dir', join(dir, 'json'), '--concurrency', '1'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.urls.some((u) => u.endsWith('/dist/pipeline/index.js'))).toBe(true);
    expect(zodOrSchemas(first.urls).length).toBeGreaterThan(50);
    const unchanged = loadedBy(['ingest', input, '--db', db, '--json-dir', join(dir, 'json')], dir);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stderr).toMatch(/ingested 0, skipped 2, failed 0/);
    expect(unchanged.urls.some((u) => u.endsWith('/dist/pipeline/batch/ingest.js'))).toBe(true);
    expect(parseOrPool(unchanged.urls)).toEqual([]);
    expect(zodOrSchemas(unchanged.urls)).toEqual([]);
  }, 60_000);
});

describe('start-up from the bundle', () => {
  it('parse runs from the bundle (its modules are not loaded one by one); ingest runs from its own modules, not from the bundle too', () => {
    const { dir, input } = setUp();
    const parse = loadedBy(['parse', join(input, 'a.txt')], dir);
    expect(parse.code, parse.stderr).toBe(0);
    expect(parse.urls.some((u) => u.endsWith('/dist/pipeline/cli/program.js'))).toBe(false);
    expect(parse.urls.some((u) => u.endsWith('/dist/pipeline/index.js'))).toBe(false);
    const ingest = loadedBy(['ingest', input, '--db', join(dir, 'r.sqlite'), '--concurrency', '1'], dir);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.urls.some((u) => u.endsWith('/dist/pipeline/cli/program.js'))).toBe(true);
  }, 60_000);
});
