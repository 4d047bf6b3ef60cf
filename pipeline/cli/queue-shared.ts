/** What the queue commands (`enqueue`, `worker`, `queue`) share: the PostgreSQL target, its store and pg-boss. */
import { InvalidArgumentError } from 'commander';
import type PgBoss from 'pg-boss';
import type { PostgresStore } from '../../output/postgres/open.js';
import { escapeForTerminal } from '../diagnostics.js';
import { PIPELINE_VERSION } from '../version.js';

/** Parses a whole number of at least 1. */
export function positiveWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/**
 * Opens the PostgreSQL store (`--db`, else `DATABASE_URL`; created or migrated) and, unless `boss`
 * is false, a pg-boss client on it. Null after printing why (exit 2) when there is no PostgreSQL
 * URL or the database cannot be used.
 */
export async function openQueueStore(db: string | undefined, options: { supervise: boolean; connections?: number; boss?: boolean }): Promise<{ store: PostgresStore; boss: PgBoss } | null> {
  const [{ isPostgresTarget, redactUrl }, { openPostgresStore, postgresError }, { startBoss }] = await Promise.all([
    import('../../output/store.js'),
    import('../../output/postgres/open.js'),
    import('../batch/queue.js'),
  ]);
  const target = db ?? process.env.DATABASE_URL;
  const say = (message: string) => {
    process.stderr.write(`status-ingest: error: ${escapeForTerminal(message)}\n`);
    process.exitCode = 2;
    return null;
  };
  if (!target || !isPostgresTarget(target)) {
    return say(`the queue lives in PostgreSQL: give --db postgres://user@host/db (or set DATABASE_URL)${target ? `, not ${redactUrl(target)}` : ''}`);
  }
  let store: PostgresStore;
  try {
    store = await openPostgresStore(target, { pipelineVersion: PIPELINE_VERSION, connections: options.connections });
  } catch (error) {
    return say(postgresError(redactUrl(target), error).message);
  }
  if (options.boss === false) return { store, boss: null as unknown as PgBoss };
  try {
    const boss = await startBoss(target, {
      supervise: options.supervise,
      connections: 2,
      onError: (error) => process.stderr.write(`status-ingest: queue: ${escapeForTerminal(error.message)}\n`),
    });
    return { store, boss };
  } catch (error) {
    await store.close();
    return say(postgresError(store.name, error, 'cannot start the queue').message);
  }
}
