/**
 * The PostgreSQL server the PostgreSQL tests (`*.pg.e2e.test.ts`) run against, as a vitest
 * globalSetup of the e2e project: `STATUS_INGEST_TEST_PG_URL` when it is set (a server someone runs),
 * else a throwaway server started here from Debian's binaries (`initdb` and `pg_ctl` as the `postgres`
 * user, a data folder and socket under /tmp, a free port on 127.0.0.1), stopped and removed on
 * teardown. With neither, the tests are skipped and say why, except under `CI` or
 * `STATUS_INGEST_REQUIRE_PG` (which `.ci/run` sets), where that fails the
 * run: CI installs the server (`.ci/run`). Tests read the URL with `inject('pgUrl')` (see `test/postgres.ts`).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's URL (a maintenance database to create test databases from), or null. */
    pgUrl: string | null;
    /** Why there is no server, when there is none. */
    pgSkipReason: string;
  }
}

/** Where Debian's `postgresql` package puts the server binaries (the newest major first). */
function findBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return majors.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb'))) ?? null;
}

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs a server binary as the `postgres` user (the server refuses to run as root). */
function asPostgres(bin: string, args: string[]): void {
  const quoted = [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-s', '/bin/sh', '-c', quoted] : ['-c', quoted], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  const given = process.env.STATUS_INGEST_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgSkipReason', '');
    return;
  }
  const bin = findBinaries();
  if (!bin) {
    const reason = 'no PostgreSQL server: set STATUS_INGEST_TEST_PG_URL, or install Debian\'s postgresql package (initdb not found under /usr/lib/postgresql)';
    if (process.env.CI || process.env.STATUS_INGEST_REQUIRE_PG) throw new Error(`${reason}; CI must run the PostgreSQL tests`);
    project.provide('pgUrl', null);
    project.provide('pgSkipReason', reason);
    return;
  }
  // The folder above the data folder must be readable by postgres: mkdtemp makes it 0700.
  const dir = mkdtempSync('/tmp/status-ingest-pg-');
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    // fsync off: a throwaway server need not survive a power cut, and the tests run much faster.
    asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(`could not start a throwaway PostgreSQL server with ${bin}: ${detail}`);
  }
  project.provide('pgUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  project.provide('pgSkipReason', '');
  return () => {
    try {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
