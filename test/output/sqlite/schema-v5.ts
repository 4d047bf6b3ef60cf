/**
 * The full-text index's bookkeeping as schema version 5 kept it, for the migration tests: a flag on
 * every goal (`goals.indexed`, 1 once in the index), a partial index of the goals without it
 * (`goals_unindexed`), and triggers that take a goal out of the index only when its flag says it is
 * in. Version 6 keeps one row number instead (`search_index_state`).
 */
import type Database from 'better-sqlite3';

/** Version 5's partial index and triggers over `goals.indexed`, as `SEARCH_SQL` at version 5 made them. */
const V5_SEARCH_BOOKKEEPING_SQL = `
CREATE INDEX goals_unindexed ON goals (seq) WHERE indexed = 0;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
END;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF seq, title, subtitle, body ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
  INSERT INTO goals_fts (rowid, title, subtitle, body) VALUES (new.seq, new.title, new.subtitle, new.body);
END;
`;

/**
 * Turns the full-text bookkeeping of a database this version wrote (every goal indexed) into
 * version 5's: `goals.indexed` 1 for every goal but those of the `pending` reports, which are taken
 * out of the index (as a batch stopped before its bulk pass left them), version 5's index and
 * triggers, and no `search_index_state`. `user_version` is left to the caller.
 */
export function searchBookkeepingAsVersion5(db: Database.Database, pending: readonly string[] = []): void {
  db.exec(`
    DROP TRIGGER goals_fts_insert;
    DROP TRIGGER goals_fts_pending;
    DROP TRIGGER goals_fts_delete;
    DROP TRIGGER goals_fts_update;
    DROP TABLE search_index_state;
    ALTER TABLE goals ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
    UPDATE goals SET indexed = 1;`);
  const unindex = db.prepare(`INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body)
    SELECT 'delete', seq, title, subtitle, body FROM goals WHERE report_id = ?`);
  const flag = db.prepare('UPDATE goals SET indexed = 0 WHERE report_id = ?');
  for (const id of pending) {
    unindex.run(id);
    flag.run(id);
  }
  db.exec(V5_SEARCH_BOOKKEEPING_SQL);
}
