import { InvalidArgumentError, type Command } from 'commander';
import { SearchQueryError, type SearchHit, type SearchMode } from '../../output/sqlite/search.js';
import { databaseError, isDatabaseFailure } from '../../output/sqlite/open.js';
import { openSearchStore } from '../../output/open-store.js';
import { redactUrl } from '../../output/store.js';
import { escapeForTerminal, quoteForTerminal } from '../diagnostics.js';
import { PIPELINE_VERSION } from '../version.js';
import { defaultDbTarget } from './shared.js';

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('use a whole number of at least 1');
  return n;
}

function pages(p: [number, number]): string {
  return p[0] === p[1] ? `page ${p[0]}` : `pages ${p[0]}–${p[1]}`;
}

/**
 * A hit in a few lines: rank, title and section, where it is, the snippet. Document text is shown
 * with its control characters escaped (an ESC from a report must not reach the terminal raw), and
 * the report's path quoted when it holds one.
 */
export function formatHit(hit: SearchHit, rank: number): string {
  const section = hit.section ? `  [${escapeForTerminal(hit.section)}]` : '';
  return [
    `${rank}. ${escapeForTerminal(hit.title) || '(no title)'}${section}`,
    `   goal #${hit.ordinal}, ${pages(hit.pages)} of ${quoteForTerminal(hit.reportPath)} (${escapeForTerminal(hit.reportTitle)})`,
    `   ${escapeForTerminal(hit.snippet.replace(/\s*\n\s*/g, ' ¶ '))}`,
    `   id ${escapeForTerminal(hit.goalId)}`,
  ].join('\n');
}

/**
 * `search QUERY --db FILE`: goals whose title or cells match, ranked, with a snippet each. Exit 0 when
 * something matched, 1 when nothing did, 2 on usage errors, an unreadable query or a database that
 * cannot be searched (missing, damaged, of another schema version), named.
 */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over the goals in a database: ranked goals with a snippet')
    .argument('<query>', 'words to find (each also as the start of a longer word: "sygefravær" finds "sygefraværet")')
    .option('--db <file|url>', 'SQLite database file, or postgres://… URL, written by ingest (default: $DATABASE_URL when it is one, else out/reports.sqlite)')
    .option('--limit <n>', 'most goals to print', parseLimit, 20)
    .option('--exact', 'whole words only', false)
    .option('--fts', 'the query is FTS5 syntax (OR, NEAR, "phrases", title: …)', false)
    .option('--json', 'print the hits as JSON', false)
    .action(async (query: string, opts: { db?: string; limit: number; exact: boolean; fts: boolean; json: boolean }) => {
      const mode: SearchMode = opts.fts ? 'fts' : opts.exact ? 'words' : 'prefix';
      // Resolved here, not as commander's default, so that --help never prints a DATABASE_URL's password.
      const target = opts.db ?? defaultDbTarget();
      // Messages name the store without a password.
      opts.db = redactUrl(target);
      let hits: SearchHit[];
      try {
        const db = await openSearchStore(target, PIPELINE_VERSION);
        try {
          hits = await db.search(query, { mode, limit: opts.limit });
        } finally {
          await db.close();
        }
      } catch (error) {
        const failure = error instanceof SearchQueryError ? error : isDatabaseFailure(error) ? databaseError(opts.db, error) : null;
        if (!failure) throw error;
        process.stderr.write(`status-ingest: error: ${escapeForTerminal(failure.message)}\n`);
        return void (process.exitCode = 2);
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else if (hits.length) process.stdout.write(`${hits.map((h, i) => formatHit(h, i + 1)).join('\n\n')}\n`);
      // The query and the database's name come from the user: escaped like every line for a terminal.
      else process.stderr.write(`no goal matches ${escapeForTerminal(JSON.stringify(query))} in ${quoteForTerminal(opts.db)}\n`);
      process.exitCode = hits.length ? 0 : 1;
    });
}
