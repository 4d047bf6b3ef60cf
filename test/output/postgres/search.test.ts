/** The tsquery a user's words become (the search itself runs against a server in search.pg.e2e tests). */
import { describe, expect, it } from 'vitest';
import { toTsQuery } from '../../../output/postgres/search.js';
import { SearchQueryError } from '../../../output/sqlite/search.js';

describe('toTsQuery', () => {
  it('joins words with &, each a prefix unless whole words are asked for', () => {
    expect(toTsQuery('Sygefravær  blandt-ansatte')).toEqual({ fn: 'to_tsquery', query: "'Sygefravær':* & 'blandt':* & 'ansatte':*" });
    expect(toTsQuery('sygefraværet', 'words')).toEqual({ fn: 'to_tsquery', query: "'sygefraværet'" });
  });

  it('never passes tsquery syntax through from words: quotes, colons, ! and | split them', () => {
    const { query } = toTsQuery("a'b:*|!c & (d)", 'prefix');
    expect(query).toBe("'a':* & 'b':* & 'c':* & 'd':*");
  });

  it('hands fts queries to websearch_to_tsquery as typed, and refuses a query with no words', () => {
    expect(toTsQuery('"sygefravær ansatte" OR bolig', 'fts')).toEqual({ fn: 'websearch_to_tsquery', query: '"sygefravær ansatte" OR bolig' });
    expect(() => toTsQuery(' - ! ')).toThrow(SearchQueryError);
    expect(() => toTsQuery('  ', 'fts')).toThrow(SearchQueryError);
  });
});
