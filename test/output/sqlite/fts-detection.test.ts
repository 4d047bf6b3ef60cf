/**
 * Datasette and sqlite-utils take `goals_fts` for the full-text index of `goals`: their own detection
 * queries, copied below, find it, and their search queries over `goals` find goals by any cell's
 * text. (`fts-detection.e2e.test.ts` runs the same queries in Python's sqlite3, as those tools do.)
 */
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import type { ReportDatabase } from '../../../output/sqlite/schema.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { sampleReport } from '../v2-report.js';

/**
 * sqlite-utils' `Table.detect_fts()` (simonw/sqlite-utils, `sqlite_utils/db.py`; the version with
 * the `:like`/`:like2` parameters, 3.x), verbatim.
 */
const SQLITE_UTILS_DETECT_FTS = `
SELECT name FROM sqlite_master
    WHERE rootpage = 0
    AND (
        sql LIKE :like
        OR sql LIKE :like2
        OR (
            tbl_name = :table
            AND sql LIKE '%VIRTUAL TABLE%USING FTS%'
        )
    )`;
const sqliteUtilsArgs = (name: string) => ({
  like: `%VIRTUAL TABLE%USING FTS%content=[${name}]%`,
  like2: `%VIRTUAL TABLE%USING FTS%content="${name}"%`,
  table: name,
});

/**
 * Datasette's `detect_fts_sql(table)` (simonw/datasette, `datasette/utils/__init__.py`), with the
 * table name put in as its `.format(table=…)` does. One change: it compares `tbl_name` with a
 * double-quoted string, which Python's sqlite3 reads as a string and better-sqlite3's SQLite (built
 * without double-quoted string literals) as a column name, so here that one literal is in single
 * quotes. The e2e test runs it unchanged in Python.
 */
const datasetteDetectFts = (table: string) => `
        select name from sqlite_master
            where rootpage = 0
            and (
                sql like '%VIRTUAL TABLE%USING FTS%content="${table}"%'
                or sql like '%VIRTUAL TABLE%USING FTS%content=[${table}]%'
                or (
                    tbl_name = '${table}'
                    and sql like '%VIRTUAL TABLE%USING FTS%'
                )
            )
    `;

/**
 * How Datasette filters a table by its index (`?_search=…&_searchmode=raw`; `datasette/filters.py`):
 * `{fts_pk} in (select rowid from {fts_table} where {fts_table} match :search)`, with `fts_pk`
 * defaulting to `rowid`.
 */
const DATASETTE_SEARCH = 'select title from goals where rowid in (select rowid from goals_fts where goals_fts match :search) order by seq';

/** The query `sqlite-utils search DB goals QUERY --sql` prints (sqlite-utils documentation, CLI reference). */
const SQLITE_UTILS_SEARCH = `
with original as (
    select
        rowid,
        *
    from [goals]
)
select
    [original].*
from
    [original]
    join [goals_fts] on [original].rowid = [goals_fts].rowid
where
    [goals_fts] match :query
order by
    [goals_fts].rank`;

const sample = sampleReport();

function database(): ReportDatabase {
  const db = openReportDatabase(':memory:');
  writeReport(db, sample, 'test');
  return db;
}

describe('full-text index as Datasette and sqlite-utils see it', () => {
  it("is the index sqlite-utils' detect_fts finds for goals, and no other table's", () => {
    const db = database();
    expect(db.prepare(SQLITE_UTILS_DETECT_FTS).pluck().all(sqliteUtilsArgs('goals'))).toEqual(['goals_fts']);
    for (const table of ['facts', 'goal_cells', 'reports']) expect(db.prepare(SQLITE_UTILS_DETECT_FTS).pluck().all(sqliteUtilsArgs(table)), table).toEqual([]);
    db.close();
  });

  it("is the index Datasette's detect_fts finds for goals, and no other table's", () => {
    const db = database();
    expect(db.prepare(datasetteDetectFts('goals')).pluck().all()).toEqual(['goals_fts']);
    for (const table of ['facts', 'goal_cells', 'reports']) expect(db.prepare(datasetteDetectFts(table)).pluck().all(), table).toEqual([]);
    db.close();
  });

  it('answers their search queries over goals, by title and by the text of other cells', () => {
    const db = database();
    const byCell = sample.goals.find((g) => g.title === 'Ny cykelsti langs Ballerup Byvej')!;
    expect(byCell.cells.some((c) => /projekteres/i.test(c.text))).toBe(true);
    expect(db.prepare(DATASETTE_SEARCH).pluck().all({ search: 'projekteres' })).toEqual([byCell.title]);
    expect(db.prepare(DATASETTE_SEARCH).pluck().all({ search: 'bandepartnerskab' })).toEqual(['Bandepartnerskab']);
    const rows = db.prepare(SQLITE_UTILS_SEARCH).all({ query: 'sygefravær' }) as { rowid: number; seq: number; title: string }[];
    expect(rows.map((r) => r.title)).toEqual(['Sygefravær']);
    expect(rows[0]!.rowid).toBe(rows[0]!.seq);
    db.close();
  });
});
