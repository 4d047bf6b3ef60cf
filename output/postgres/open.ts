/**
 * Opening the PostgreSQL store: a connection pool, the schema created or migrated to this version
 * (`schema.ts`; in one transaction under an advisory lock, so many workers starting at once never
 * see half a schema), and `PostgresStore`, the `ReportStore` and `SearchStore` over it. Every error
 * names the database by its URL, password left out (a `DatabaseError`, as the SQLite store's).
 */
import pg from 'pg';
import type { Report } from '../../schemas/report.js';
import { DatabaseError } from '../sqlite/open.js';
import { SearchQueryError } from '../sqlite/search.js';
import type { ReviewFile } from '../../schemas/review.js';
import { redactUrl, type QuarantineEntry, type ReportStore, type ReviewStore, type RunCounts, type SearchHit, type SearchOptions, type SearchStore, type StoreChanges, type StoredReviews, type WriteResult } from '../store.js';
import { carryReviewsPg, storeReviewsPg } from './reviews.js';
import { finishIngestRunPg, ingestedReportPg, quarantinedVersionPg, quarantineFilePg, releaseFromQuarantinePg, startIngestRunPg } from './runs.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL, PG_SCHEMA_VERSION } from './schema.js';
import { searchGoalsPg } from './search.js';
import { addReportPathIn, writeReportIn, writeReportRowsIn } from './store.js';
import type { ReportRows } from '../sqlite/rows.js';

/** The advisory lock key migrations run under (any fixed number; "status-ingest schema"). */
const MIGRATION_LOCK = 0x5157_0001;

/** SQLSTATEs of a transaction that lost a race and may simply run again: a deadlock, a serialization failure, a unique key taken meanwhile. */
const RETRIED_STATES = new Set(['40P01', '40001', '23505']);
const RETRIES = 5;

/** int8 (counts, identity columns) read as numbers: no count or id here comes near 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Raised for a PostgreSQL database written by a newer status-ingest schema than this one. */
export class PostgresVersionError extends DatabaseError {
  constructor(name: string, found: number) {
    super(name, `${name} was written by status-ingest schema version ${found}, newer than this status-ingest (schema version ${PG_SCHEMA_VERSION}); use a newer status-ingest`);
    this.name = 'PostgresVersionError';
  }
}

/** The error to show for a failure of the PostgreSQL store `name`: a `DatabaseError` naming it. */
export function postgresError(name: string, error: unknown, doing?: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const message = error instanceof Error ? error.message || String((error as { code?: unknown }).code ?? error) : String(error);
  return new DatabaseError(name, `${name}: ${doing ? `${doing}: ` : ''}${message}`, { cause: error });
}

/** Runs `body` in a transaction on a client of the pool, again (a few times) when it lost a race with another writer. */
async function inTransaction<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt >= RETRIES || !RETRIED_STATES.has((error as { code?: string }).code ?? '')) throw error;
    } finally {
      client.release();
    }
  }
}

/** Raised when a database to read (search) holds no status-ingest schema yet. */
export class PostgresMissingSchemaError extends DatabaseError {
  constructor(name: string) {
    super(name, `${name}: no status-ingest tables (run "status-ingest ingest … --db ${name}" first)`);
    this.name = 'PostgresMissingSchemaError';
  }
}

/** Checks, without writing, that the database holds this version's schema (for readers: `search`). */
async function checkVersion(pool: pg.Pool, name: string): Promise<void> {
  const { rows } = await pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!rows[0].present) throw new PostgresMissingSchemaError(name);
  const found = Number((await pool.query('SELECT coalesce(max(version), 1) AS version FROM schema_migrations')).rows[0].version);
  if (found > PG_SCHEMA_VERSION) throw new PostgresVersionError(name, found);
  if (found < PG_SCHEMA_VERSION) throw new DatabaseError(name, `${name} has status-ingest schema version ${found}; run "status-ingest ingest" (or a worker) once to migrate it to version ${PG_SCHEMA_VERSION}`);
}

/** Creates the schema, or migrates it to `PG_SCHEMA_VERSION`, recording each version applied. */
async function migrate(pool: pg.Pool, name: string, pipelineVersion: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(MIGRATIONS_TABLE_SQL);
    const { rows } = await client.query('SELECT coalesce(max(version), 1) AS version FROM schema_migrations');
    const found = Number(rows[0].version);
    if (found > PG_SCHEMA_VERSION) throw new PostgresVersionError(name, found);
    for (let version = found + 1; version <= PG_SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version - 2]!);
      await client.query('INSERT INTO schema_migrations (version, pipeline_version) VALUES ($1, $2)', [version, pipelineVersion]);
    }
  });
}

/** A status-ingest store in PostgreSQL: each method one transaction on a client of the pool. */
export class PostgresStore implements ReportStore, SearchStore, ReviewStore {
  readonly name: string;
  readonly pool: pg.Pool;

  constructor(pool: pg.Pool, name: string) {
    this.pool = pool;
    this.name = name;
  }

  /** Runs `body` in a transaction (retried when it lost a race), every error a `DatabaseError` naming the store. */
  async transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, body);
    } catch (error) {
      throw postgresError(this.name, error);
    }
  }

  /**
   * Runs one statement's worth of work on a client of the pool, outside an explicit transaction (a
   * single statement is atomic by itself; BEGIN and COMMIT would cost two round trips more).
   */
  async statement<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      const client = await this.pool.connect();
      try {
        return await body(client);
      } finally {
        client.release();
      }
    } catch (error) {
      // A query the user typed that cannot be read is theirs to fix, not the database's failure.
      if (error instanceof SearchQueryError) throw error;
      throw postgresError(this.name, error);
    }
  }

  startRun(pipelineVersion: string): Promise<number> {
    return this.statement((c) => startIngestRunPg(c, pipelineVersion));
  }

  finishRun(runId: number, counts: RunCounts, seconds: number): Promise<void> {
    return this.statement((c) => finishIngestRunPg(c, runId, counts, seconds));
  }

  ingestedReport(sha256: string, pipelineVersion: string, path: string) {
    return this.statement((c) => ingestedReportPg(c, sha256, pipelineVersion, path));
  }

  quarantinedVersion(path: string) {
    return this.statement((c) => quarantinedVersionPg(c, path));
  }

  writeReport(report: Report, pipelineVersion: string, options: { replace?: boolean } = {}): Promise<WriteResult> {
    return this.transaction((c) => writeReportIn(c, report, pipelineVersion, options.replace ?? false));
  }

  /** `writeReport` of rows a batch's parse worker made (`reportRows`), in the same transaction and with the same outcome. */
  writeReportRows(rows: ReportRows, pipelineVersion: string, options: { replace?: boolean } = {}): Promise<WriteResult> {
    return this.transaction((c) => writeReportRowsIn(c, rows, pipelineVersion, options.replace ?? false));
  }

  addReportPath(id: string, path: string): Promise<StoreChanges> {
    return this.transaction((c) => addReportPathIn(c, id, path));
  }

  quarantineFile(entry: QuarantineEntry, pipelineVersion: string, runId: number | null): Promise<void> {
    return this.statement((c) => quarantineFilePg(c, entry, pipelineVersion, runId));
  }

  releaseFromQuarantine(path: string): Promise<void> {
    return this.statement((c) => releaseFromQuarantinePg(c, path));
  }

  /** Nothing waits: each report's goals enter the index in its own transaction. */
  async indexPending(): Promise<void> {}

  search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    return this.statement((c) => searchGoalsPg(c, query, options));
  }

  storeReviews(file: ReviewFile, sourceFile: string): Promise<StoredReviews> {
    return this.transaction((c) => storeReviewsPg(c, file, sourceFile));
  }

  carryReviews(): Promise<number> {
    return this.transaction((c) => carryReviewsPg(c));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Options of `openPostgresStore`. */
export interface PostgresStoreOptions {
  /** Connections in the pool (default 4). */
  connections?: number;
  /** The pipeline version recorded with a migration this open applies. */
  pipelineVersion: string;
  /** False for a reader: the schema is checked, never created or migrated (default true). */
  migrate?: boolean;
}

/**
 * Connects to the PostgreSQL database at `url` and brings its schema to this version. Refuses, with
 * a `DatabaseError` naming the database, one it cannot reach or one of a newer schema version.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<PostgresStore> {
  const name = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.connections ?? 4, types: TYPES, application_name: 'status-ingest', connectionTimeoutMillis: 30_000 });
  // An idle client's connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    if (options.migrate === false) await checkVersion(pool, name);
    else await migrate(pool, name, options.pipelineVersion);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresError(name, error, 'cannot open the database');
  }
  return new PostgresStore(pool, name);
}
