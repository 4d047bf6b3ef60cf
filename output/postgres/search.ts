/**
 * Full-text search over the goals of a PostgreSQL store: the `tsquery` for a user's words, and the
 * ranked hits in the shape of the SQLite store's (`SearchHit`), from the `goals_fts` documents (DDL
 * in `schema.ts`). PostgreSQL's `danish` configuration stems words, so a query finds the other
 * forms of its words ("sygefraværet" finds "sygefravær", which SQLite's unicode61 index does not).
 */
import type pg from 'pg';
import { SearchQueryError, type SearchHit, type SearchMode, type SearchOptions } from '../sqlite/search.js';
import { TEXT_SEARCH_CONFIG } from './schema.js';

/**
 * The query text and the function that reads it: words (split on anything but letters and digits,
 * as SQLite's search splits them) joined by `&`, each also as a prefix in `prefix` mode; PostgreSQL's
 * web search syntax (`OR`, `"phrases"`, `-word`) in `fts` mode.
 */
export function toTsQuery(text: string, mode: SearchMode = 'prefix'): { fn: 'to_tsquery' | 'websearch_to_tsquery'; query: string } {
  if (mode === 'fts') {
    if (!text.trim()) throw new SearchQueryError('the query is empty');
    return { fn: 'websearch_to_tsquery', query: text };
  }
  const terms = text.split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean);
  if (!terms.length) throw new SearchQueryError(`"${text}" has no words to search for`);
  // Letters and digits only: nothing in a term is tsquery syntax.
  return { fn: 'to_tsquery', query: terms.map((t) => `'${t}'${mode === 'prefix' ? ':*' : ''}`).join(' & ') };
}

/**
 * Goals matching a query, best first: `ts_rank` with the title weighing most, then the subtitle,
 * then the other cells' text (10 : 4 : 1, as the SQLite store's bm25); `score` is the rank negated,
 * so lower is better in both stores. Ties go by report path, table and ordinal, as in SQLite.
 */
export async function searchGoalsPg(client: pg.ClientBase, text: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const { fn, query } = toTsQuery(text, options.mode ?? 'prefix');
  const words = Math.max(1, Math.min(64, options.words ?? 16));
  const open = options.open ?? '[';
  const close = options.close ?? ']';
  // ts_headline's options are one string: the markers may hold no comma or quote of their own.
  const marker = (m: string) => `"${m.replaceAll('"', '""')}"`;
  const headline = `StartSel=${marker(open)}, StopSel=${marker(close)}, MaxWords=${words}, MinWords=${Math.max(1, Math.floor(words / 2))}, ShortWord=0, MaxFragments=1, FragmentDelimiter=…`;
  const sql = `
    WITH q AS (SELECT ${fn}('${TEXT_SEARCH_CONFIG}', $1) AS query),
    hits AS (
      SELECT g.seq, ts_rank(f.document, q.query) AS rank, r.path
      FROM q, goals_fts f
      JOIN goals g ON g.seq = f.seq
      JOIN reports r ON r.id = g.report_id
      WHERE f.document @@ q.query
      ORDER BY rank DESC, r.path, g.table_ordinal, g.ordinal
      LIMIT $2
    )
    SELECT g.id AS "goalId", g.report_id AS "reportId", r.title AS "reportTitle", r.path AS "reportPath",
           g.table_ordinal AS "table", g.section, g.group_name AS "group", g.ordinal, g.title, g.page_first, g.page_last,
           ts_headline('${TEXT_SEARCH_CONFIG}', concat_ws(E'\\n', g.title, g.subtitle, g.body), q.query, $3) AS snippet,
           -h.rank AS score
    FROM q, hits h
    JOIN goals g ON g.seq = h.seq
    JOIN reports r ON r.id = g.report_id
    ORDER BY h.rank DESC, r.path, g.table_ordinal, g.ordinal`;
  let rows: (Omit<SearchHit, 'pages'> & { page_first: number; page_last: number })[];
  try {
    rows = (await client.query(sql, [query, options.limit ?? 20, headline])).rows;
  } catch (error) {
    // 42601 (syntax error) is what to_tsquery says of a query it cannot read.
    if ((error as { code?: unknown }).code === '42601') throw new SearchQueryError(`cannot read the query ${JSON.stringify(query)}: ${(error as Error).message}`);
    throw error;
  }
  return rows.map(({ page_first, page_last, ...r }) => ({ ...r, score: Number(r.score), pages: [page_first, page_last] }));
}
