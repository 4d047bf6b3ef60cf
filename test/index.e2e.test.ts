/**
 * The package as a user gets it (issue 12): `npm pack` ships what a user runs and nothing of the
 * tests, fixtures or bench; a consumer project with the tarball installed compiles against its
 * types (`import type { Report, Goal, Fact } from 'status-ingest'`, moduleResolution NodeNext) and
 * runs; deep imports are closed by the `exports` map; and text and HTML users never load pdfjs.
 *
 * The tarball is unpacked into the consumer's node_modules by hand and its dependencies linked from
 * this repository's node_modules, so the test needs no network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const SEED = join(ROOT, 'fixtures/oekonomiudvalget-2014-2017/input.txt');
const SEED_PDF = join(ROOT, 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let consumer: string;
let packed: { path: string }[];

/** The consumer's code: typed use of the public API, printing what it found as JSON. */
const CONSUMER_TS = `
import { readFileSync } from 'node:fs';
import type { Report, Goal, Fact, MoneyFact, Diagnostic, IngestSummary } from 'status-ingest';
import { parseReport, ReportSchema, extractFacts, diffReports, hasFailures, toCanonicalJson } from 'status-ingest';
import { Fact as FactShape } from 'status-ingest/schemas';

const [file, format] = process.argv.slice(2) as [string, 'text' | 'html' | 'pdf'];
const report: Report = await parseReport({ path: 'report', bytes: readFileSync(file) }, { format });
const goals: Goal[] = report.goals;
const facts: Fact[] = goals.flatMap((g) => g.facts);
const money: MoneyFact[] = facts.filter((f): f is MoneyFact => f.kind === 'money');
const errors: Diagnostic[] = report.diagnostics.filter((d) => d.severity === 'error');
const summary: Pick<IngestSummary, 'ingested'> = { ingested: goals.length };
ReportSchema.parse(JSON.parse(toCanonicalJson(report)));
for (const f of extractFacts('Besparelse på 1,6 mio. kr.')) FactShape.parse(f);
console.log(JSON.stringify({
  goals: summary.ingested,
  facts: facts.length,
  money: money.length,
  errors: errors.length,
  failed: hasFailures(report.diagnostics),
  same: diffReports(report, report).equal,
}));
`;

/** A consumer line that must not compile: a fact kind that does not exist. */
const WRONG_TS = `
import type { Fact } from 'status-ingest';
export const kind: Fact['kind'] = 'euro';
`;

/** Records every module URL Node loads (module customization hooks), into the file LOAD_LOG names. */
const HOOKS_MJS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;
const REGISTER_MJS = `
import { register } from 'node:module';
register('./hooks.mjs', import.meta.url, { data: { log: process.env.LOAD_LOG } });
`;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'si-pack-'));
  // The test run has built dist/ already (npm test builds first); packing must not build again.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { encoding: 'utf8' });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  packed = info!.files;
  consumer = join(dir, 'consumer');
  const modules = join(consumer, 'node_modules');
  mkdirSync(join(modules, 'status-ingest'), { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, info!.filename), '-C', join(modules, 'status-ingest'), '--strip-components=1']);
  // Dependencies (and @types) from this repository, linked, never fetched.
  const ours = realpathSync(join(ROOT, 'node_modules'));
  for (const name of readdirSync(ours)) {
    if (name.startsWith('.')) continue;
    symlinkSync(join(ours, name), join(modules, name));
  }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: ['node'], outDir: 'out', skipLibCheck: false },
      files: ['main.ts'],
    }),
  );
  writeFileSync(join(consumer, 'main.ts'), CONSUMER_TS);
  writeFileSync(join(consumer, 'hooks.mjs'), HOOKS_MJS);
  writeFileSync(join(consumer, 'register.mjs'), REGISTER_MJS);
}, 120_000);

describe('the packed package', () => {
  it('ships what a user runs: dist without bench or tests, the JSON Schema, the README and LICENSE', () => {
    const paths = packed.map((f) => f.path);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'schemas/report.schema.json', 'dist/index.js', 'dist/index.d.ts', 'dist/pipeline/cli/main.js', 'dist/pipeline/batch/worker.js', 'dist/schemas/index.d.ts']) {
      expect(paths).toContain(needed);
    }
    expect(paths.filter((p) => !p.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'schemas/report.schema.json'].includes(p))).toEqual([]);
    expect(paths.filter((p) => /^dist\/(bench|test|fixtures)\//.test(p) || /\.test\.|\.ts$/.test(p.replace(/\.d\.ts$/, '')))).toEqual([]);
  });

  it("compiles a consumer against its types with this repository's tsc, and the consumer runs", () => {
    const tsc = spawnSync(process.execPath, [TSC, '-p', consumer], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const run = spawnSync(process.execPath, [join(consumer, 'out/main.js'), SEED, 'text'], { encoding: 'utf8', cwd: consumer });
    expect(run.stderr).toBe('');
    const found = JSON.parse(run.stdout) as { goals: number; facts: number; money: number; errors: number; failed: boolean; same: boolean };
    expect(found).toMatchObject({ goals: 40, errors: 0, failed: false, same: true });
    expect(found.money).toBeGreaterThan(0);
    expect(found.facts).toBeGreaterThan(found.money);
  }, 120_000);

  // (--skipLibCheck: the consumer's compile above checked the package's declarations already.)
  it('catches a wrong use at compile time (the types are real, not any)', () => {
    writeFileSync(join(consumer, 'wrong.ts'), WRONG_TS);
    const tsc = spawnSync(process.execPath, [TSC, '--noEmit', '--skipLibCheck', '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', join(consumer, 'wrong.ts')], {
      encoding: 'utf8',
      cwd: consumer,
    });
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(/wrong\.ts.*'"euro"' is not assignable/);
  }, 120_000);

  it('closes deep imports: only the entries of the exports map resolve', () => {
    const probe = (specifier: string) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`], { encoding: 'utf8', cwd: consumer });
    expect(probe('status-ingest').status).toBe(0);
    expect(probe('status-ingest/schemas').status).toBe(0);
    const deep = probe('status-ingest/dist/pipeline/index.js');
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('never loads pdfjs for text and HTML, and loads it for the first PDF', () => {
    const loaded = (file: string, format: string) => {
      const log = join(consumer, `loaded-${format}.log`);
      writeFileSync(log, '');
      const run = spawnSync(process.execPath, ['--import', './register.mjs', 'out/main.js', file, format], {
        encoding: 'utf8',
        cwd: consumer,
        env: { ...process.env, LOAD_LOG: log },
      });
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n').filter(Boolean);
    };
    const html = join(consumer, 'report.html');
    writeFileSync(html, '<html><body><h1>Status</h1><table><tr><th>Mål</th><th>Status</th></tr><tr><td>Boliger</td><td>1,6 mio. kr. i 2019</td></tr></table></body></html>');
    for (const [file, format] of [[SEED, 'text'], [html, 'html']] as const) {
      const urls = loaded(file, format);
      // The log works: the package's own modules are in it.
      expect(urls.some((u) => u.includes('/status-ingest/dist/index.js'))).toBe(true);
      expect(urls.filter((u) => /pdfjs-dist|pdf-parse/.test(u))).toEqual([]);
    }
    expect(loaded(SEED_PDF, 'pdf').some((u) => u.includes('pdfjs-dist'))).toBe(true);
  });
});
