/**
 * What the PostgreSQL tests share: the server from `test/postgres-server.ts` (the e2e project's
 * globalSetup), a fresh database per test file, and `describePg`, which skips (saying why) when
 * there is no server.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';

/** The server's maintenance URL, or null when there is none (the tests are skipped). */
export const PG_URL = inject('pgUrl');

/** `describe` when a server runs, else `describe.skip` after saying why. */
export function describePg(name: string, body: () => void): void {
  if (PG_URL) {
    describe(name, body);
    return;
  }
  console.warn(`skipping "${name}": ${inject('pgSkipReason')}`);
  describe.skip(name, body);
}

/** Creates an empty database on the server and returns its URL; `options` are more of CREATE DATABASE's (a collation). */
export async function freshDatabase(prefix: string, options = ''): Promise<string> {
  if (!PG_URL) throw new Error('no PostgreSQL server');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' ${options}`);
  } finally {
    await client.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.href;
}

/** Runs one query on a database and returns its rows (a connection of its own, closed after). */
export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
