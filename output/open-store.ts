/**
 * Opening the store a `--db` target names: a `postgres://` URL is the PostgreSQL store
 * (`output/postgres/`), anything else the SQLite file (`output/sqlite/`). Each is loaded only when
 * asked for, so a SQLite run never loads the PostgreSQL client.
 */
import { isPostgresTarget, type ReportStore, type ReviewStore, type SearchStore } from './store.js';

/** Opens (creating or migrating) the store to write reports and review decisions to; errors are `DatabaseError`s naming it. */
export async function openStore(target: string, pipelineVersion: string, options: { connections?: number } = {}): Promise<ReportStore & ReviewStore> {
  if (isPostgresTarget(target)) {
    const { openPostgresStore } = await import('./postgres/open.js');
    return openPostgresStore(target, { pipelineVersion, connections: options.connections });
  }
  const [{ openReportDatabase }, { SqliteStore }] = await Promise.all([import('./sqlite/open.js'), import('./sqlite/report-store.js')]);
  // The whole-file check waits for the first write (`SqliteStore`): an unchanged re-run never reads the whole file.
  return new SqliteStore(openReportDatabase(target, { deferQuickCheck: true }));
}

/** Opens a store to search, never writing into it (a SQLite file read-only where it can be: see `openSearchDatabase`; a PostgreSQL database only checked). */
export async function openSearchStore(target: string, pipelineVersion: string): Promise<SearchStore> {
  if (isPostgresTarget(target)) {
    const { openPostgresStore } = await import('./postgres/open.js');
    return openPostgresStore(target, { pipelineVersion, connections: 1, migrate: false });
  }
  const [{ openSearchDatabase }, { SqliteStore }] = await Promise.all([import('./sqlite/search.js'), import('./sqlite/report-store.js')]);
  return new SqliteStore(openSearchDatabase(target));
}
