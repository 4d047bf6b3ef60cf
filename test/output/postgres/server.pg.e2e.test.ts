/** The test server itself: reachable, and with the `danish` text search configuration the store's search needs. */
import { expect, it } from 'vitest';
import { describePg, freshDatabase, queryRows } from '../../postgres.js';

describePg('the PostgreSQL test server', () => {
  it('gives a fresh database per test file, with Danish stemming', async () => {
    const url = await freshDatabase('server');
    const [row] = await queryRows<{ db: string; stem: string }>(url, "SELECT current_database() AS db, to_tsvector('danish', 'sygefraværet')::text AS stem");
    expect(row!.db).toBe(new URL(url).pathname.slice(1));
    expect(row!.stem).toBe("'sygefravær':1");
  });
});
