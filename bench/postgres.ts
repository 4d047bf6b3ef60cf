/**
 * `npm run bench:pg -- --pg postgres://user@host/db`: throughput of the distributed batch into
 * PostgreSQL with 1 and 2 worker processes (`enqueue`, then `worker --until-empty` each), next to
 * `ingest` into SQLite and into PostgreSQL on the same synthetic corpus (`generate.ts`). The URL
 * names a database the benchmark may create databases from (`bench_pg_<n>`, dropped after). Each
 * figure is the median of `--runs` runs (default 1). Options: --n 200 --runs 1
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { generateCorpus, readSeed } from './generate.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const server = option('pg', process.env.DATABASE_URL);
if (!server) {
  process.stderr.write('bench:pg needs a PostgreSQL server: --pg postgres://user@host/db (or DATABASE_URL)\n');
  process.exit(2);
}
const n = Number(option('n', '200'));
const runs = Number(option('runs', '1'));
const here = resolve('.bench-pg');
const cli = resolve('dist/pipeline/cli/main.js');
const nodeFlags = /^#!.*\bnode\b(.*)$/.exec(readFileSync(cli, 'utf8').split('\n', 1)[0]!)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];

function run(args: string[]): void {
  const r = spawnSync(process.execPath, [...nodeFlags, cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`status-ingest ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
}

/** Runs `count` CLI processes at once and resolves when all have exited 0. */
function together(count: number, args: string[]): Promise<void> {
  return Promise.all(
    Array.from({ length: count }, () => new Promise<void>((ok, fail) => {
      const child = spawn(process.execPath, [...nodeFlags, cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`status-ingest ${args[0]} exited ${code}: ${stderr.slice(0, 2000)}`))));
    })),
  ).then(() => undefined);
}

let databases = 0;
/** A new empty database on the server, and a function that drops it. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_pg_${process.pid}_${databases++}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timed(body: () => Promise<void> | void): Promise<number> {
  const t = performance.now();
  await body();
  return (performance.now() - t) / 1000;
}

rmSync(here, { recursive: true, force: true });
mkdirSync(here, { recursive: true });
const corpus = resolve(here, 'corpus');
const bytes = generateCorpus(readSeed(), corpus, n);
const line = (label: string, seconds: number[]) => {
  const s = median(seconds);
  process.stdout.write(`  ${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s  ${(n / s).toFixed(1).padStart(6)} reports/s  (runs: ${seconds.map((x) => x.toFixed(2)).join(', ')})\n`);
};
process.stdout.write(`status-ingest PostgreSQL benchmark — ${new Date().toISOString()} — N = ${n} reports (${(bytes / 1e6).toFixed(1)} MB), ${runs} run(s) per figure, medians\n`);

const sqlite: Record<number, number[]> = { 1: [], 2: [] };
const pgIngest: number[] = [];
const enqueue: number[] = [];
const workers: Record<number, number[]> = { 1: [], 2: [] };
for (let r = 0; r < runs; r++) {
  for (const c of [1, 2]) {
    const db = resolve(here, `r${r}-c${c}.sqlite`);
    sqlite[c]!.push(await timed(() => run(['ingest', corpus, '--db', db, '--concurrency', String(c)])));
  }
  const direct = await freshDatabase();
  pgIngest.push(await timed(() => run(['ingest', corpus, '--db', direct.url, '--concurrency', '2'])));
  await direct.drop();
  for (const w of [1, 2]) {
    const db = await freshDatabase();
    enqueue.push(await timed(() => run(['enqueue', corpus, '--db', db.url])));
    workers[w]!.push(await timed(() => together(w, ['worker', '--db', db.url, '--until-empty', '--quiet'])));
    await db.drop();
  }
}
line('SQLite: ingest --concurrency 1', sqlite[1]!);
line('SQLite: ingest --concurrency 2', sqlite[2]!);
line('PostgreSQL: ingest --concurrency 2', pgIngest);
line('PostgreSQL: enqueue (read + hash + send)', enqueue);
line('PostgreSQL: 1 worker (--until-empty)', workers[1]!);
line('PostgreSQL: 2 workers (--until-empty)', workers[2]!);
rmSync(here, { recursive: true, force: true });
