/**
 * A database status-ingest writes, read as Datasette and sqlite-utils read it: through Python's
 * sqlite3 and the SQLite it links (3.40 on Debian 12, older than the one better-sqlite3 bundles).
 * Every view must parse there (else SQLite refuses the whole file as a "malformed database
 * schema"), and their FTS detection, copied verbatim below, must find `goals_fts` for `goals`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { sampleReport } from '../v2-report.js';

/**
 * Run by python3 with the database's path. `detect_fts_sql` is Datasette's
 * (simonw/datasette, `datasette/utils/__init__.py`), the `detect_fts` query sqlite-utils' `Table`
 * runs (simonw/sqlite-utils, `sqlite_utils/db.py`), both verbatim; then Datasette's search filter
 * (`datasette/filters.py`) and every view, read whole.
 */
const SCRIPT = String.raw`
import json, sqlite3, sys

def detect_fts_sql(table):
    return r"""
        select name from sqlite_master
            where rootpage = 0
            and (
                sql like '%VIRTUAL TABLE%USING FTS%content="{table}"%'
                or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%'
                or (
                    tbl_name = "{table}"
                    and sql like '%VIRTUAL TABLE%USING FTS%'
                )
            )
    """.format(table=table.replace("'", "''"))

SQLITE_UTILS = """
SELECT name FROM sqlite_master
    WHERE rootpage = 0
    AND (
        sql LIKE :like
        OR sql LIKE :like2
        OR (
            tbl_name = :table
            AND sql LIKE '%VIRTUAL TABLE%USING FTS%'
        )
    )
"""

conn = sqlite3.connect(sys.argv[1])
out = {"sqlite": sqlite3.sqlite_version, "datasette": {}, "sqlite_utils": {}, "views": {}}
for table in ["goals", "facts"]:
    out["datasette"][table] = [r[0] for r in conn.execute(detect_fts_sql(table)).fetchall()]
    args = {"like": "%VIRTUAL TABLE%USING FTS%content=[{}]%".format(table), "like2": '%VIRTUAL TABLE%USING FTS%content="{}"%'.format(table), "table": table}
    out["sqlite_utils"][table] = [r[0] for r in conn.execute(SQLITE_UTILS, args).fetchall()]
out["search"] = [r[0] for r in conn.execute("select title from goals where rowid in (select rowid from goals_fts where goals_fts match :search) order by seq", {"search": "bandepartnerskab"})]
for (view,) in conn.execute("select name from sqlite_master where type = 'view' order by name").fetchall():
    out["views"][view] = len(conn.execute("select * from [{}]".format(view)).fetchall())
print(json.dumps(out))
`;

describe('a database as Python, Datasette and sqlite-utils read it', () => {
  it("parses in Python's SQLite, and their FTS detection finds goals_fts for goals", () => {
    const path = join(mkdtempSync(join(tmpdir(), 'si-fts-')), 'r.sqlite');
    const sample = sampleReport();
    const db = openReportDatabase(path);
    writeReport(db, sample, 'test');
    const views = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name").pluck().all() as string[];
    const counts = Object.fromEntries(views.map((v) => [v, db.prepare(`SELECT count(*) FROM ${v}`).pluck().get()]));
    db.close();

    const run = spawnSync('python3', ['-c', SCRIPT, path], { encoding: 'utf8', timeout: 20_000 });
    if (run.error) throw new Error(`python3 is needed for this test (it reads the database as Datasette and sqlite-utils do): ${run.error.message}`);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { sqlite: string; datasette: Record<string, string[]>; sqlite_utils: Record<string, string[]>; search: string[]; views: Record<string, number> };
    expect(out.datasette).toEqual({ goals: ['goals_fts'], facts: [] });
    expect(out.sqlite_utils).toEqual({ goals: ['goals_fts'], facts: [] });
    expect(out.search).toEqual(['Bandepartnerskab']);
    // Every view reads there, row for row as here.
    expect(out.views).toEqual(counts);
    expect(views).toContain('v_facts');
  });
});
