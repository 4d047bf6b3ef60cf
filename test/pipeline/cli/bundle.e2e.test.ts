/**
 * The build's bundle of the command line and its code cache (`pipeline/cli/bundle.ts`,
 * `scripts/bundle-cli.mjs`): the CLI the tests spawn runs from it, V8 takes the cache when Node runs
 * with the flags of `main.js`'s `#!` line, a cache of another build or refused by V8 leaves the same
 * output, and the commands kept out of the bundle still load from their own modules.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ID_PREFIX, INPUTS_FILE, loadCliBundle } from '../../../pipeline/cli/bundle.js';
import { CLI, NODE_ARGS, runCli } from '../../cli-runner.js';

const DIR = dirname(CLI);
const BUNDLE_JS = pathToFileURL(join(DIR, 'bundle.js')).href;
const SEED = resolve('fixtures/oekonomiudvalget-2014-2017/input.txt');
/** The Node flags of `main.js`'s `#!` line (what the cache was made under). */
const FLAGS = NODE_ARGS.slice(0, -1);

/** What became of the code cache when the bundle in `dir` is loaded by a Node started with `flags`. */
function cacheState(dir: string, flags: readonly string[]): string {
  const code = `const { loadCliBundle } = await import(${JSON.stringify(BUNDLE_JS)}); process.stdout.write(loadCliBundle(${JSON.stringify(pathToFileURL(`${dir}/`).href)}).cache);`;
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the command line bundle', () => {
  it('is what main.js runs, and V8 takes its code cache under the flags of the #! line', () => {
    expect(readFileSync(join(DIR, 'cli.bundle.cjs'), 'utf8')).toMatch(/^\/\/ status-ingest cli bundle [0-9a-f]{64}\n/);
    expect(cacheState(DIR, FLAGS)).toBe('accepted');
    // The V8 flags main.ts explains are on the #! line, and the code cache is made under them.
    expect(FLAGS).toContain('--no-regexp-tier-up');
    expect(FLAGS).toContain('--no-allocation-site-pretenuring');
    // Under other V8 flags V8 refuses the cache: the bundle is compiled as usual.
    expect(cacheState(DIR, FLAGS.filter((f) => f !== '--no-regexp-tier-up'))).toBe('rejected');
    expect(cacheState(DIR, FLAGS.filter((f) => f !== '--no-allocation-site-pretenuring'))).toBe('rejected');
  });

  it('leaves the output the same with a cache refused by V8 or made for another build', () => {
    const cached = runCli(['parse', SEED]);
    expect(cached.code, cached.stderr).toBe(0);
    const refused = spawnSync(process.execPath, [CLI, 'parse', SEED], { encoding: 'utf8' });
    expect(refused.stderr).toBe(cached.stderr);
    expect(refused.stdout).toBe(cached.stdout);

    // A copy of the bundle whose cache names another build's id: not used at all.
    const dir = mkdtempSync(join(tmpdir(), 'si-bundle-'));
    copyFileSync(join(DIR, 'cli.bundle.cjs'), join(dir, 'cli.bundle.cjs'));
    const cache = readFileSync(join(DIR, 'cli.bundle.cache'));
    writeFileSync(join(dir, 'cli.bundle.cache'), Buffer.concat([Buffer.from(`${BUNDLE_ID_PREFIX}${'0'.repeat(64)}\n`), cache.subarray(cache.indexOf('\n') + 1)]));
    const past = new Date(Date.now() - 60_000);
    for (const module of ['program.js', 'money.js']) {
      writeFileSync(join(dir, module), '');
      utimesSync(join(dir, module), past, past);
    }
    // Without its list of modules the bundle is not run.
    const url = pathToFileURL(`${dir}/`);
    expect(loadCliBundle(url)).toBeNull();
    writeFileSync(join(dir, INPUTS_FILE), JSON.stringify(['program.js', 'money.js']));
    expect(cacheState(dir, FLAGS)).toBe('absent');
    // Without a bundle (the source tree), main runs the modules themselves.
    expect(loadCliBundle(pathToFileURL(`${mkdtempSync(join(tmpdir(), 'si-bundle-'))}/`))).toBeNull();
    // Nor does it run a bundle older than any module it was made from (tsc or tsc --watch run alone
    // after a build: --watch rewrites only the modules that changed).
    expect(loadCliBundle(url)).not.toBeNull();
    utimesSync(join(dir, 'money.js'), new Date(), new Date(Date.now() + 60_000));
    expect(loadCliBundle(url)).toBeNull();
  });

  it('a bundle cut short costs only the fast start: a warning, and the same output from the modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'si-bundle-'));
    cpSync('dist', join(root, 'dist'), { recursive: true });
    copyFileSync('package.json', join(root, 'package.json'));
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
    const bundle = join(root, 'dist/pipeline/cli/cli.bundle.cjs');
    truncateSync(bundle, Math.floor(statSync(bundle).size / 2));
    const main = join(root, 'dist/pipeline/cli/main.js');
    const cut = spawnSync(process.execPath, [...FLAGS, main, 'parse', SEED], { encoding: 'utf8' });
    const whole = runCli(['parse', SEED]);
    expect(cut.status, cut.stderr).toBe(0);
    expect(cut.stderr).toMatch(/^status-ingest: warning: not using the command line bundle \(.+\); run npm run build\n$/);
    expect(cut.stderr).not.toMatch(/\n\s+at /);
    expect(cut.stdout).toBe(whole.stdout);
  });

  it('loads the commands kept out of it from their own modules, and pdfjs from node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-bundle-'));
    const db = join(dir, 'r.sqlite');
    const ingest = runCli(['ingest', SEED, '--db', db, '--concurrency', '1']);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toMatch(/ingested 1, skipped 0, failed 0/);
    const pdf = runCli(['parse', resolve('fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf')]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect((JSON.parse(pdf.stdout) as { goals: unknown[] }).goals.length).toBeGreaterThan(0);
    expect(pdf.stderr).not.toMatch(/ExperimentalWarning|Error/);
  });
});
