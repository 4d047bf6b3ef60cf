/** Job ids of the queue: one per file, bytes and pipeline version (the queue itself runs in queue.pg.e2e tests). */
import { describe, expect, it } from 'vitest';
import { jobId } from '../../../pipeline/batch/queue.js';

describe('jobId', () => {
  it('is a UUID PostgreSQL takes, the same for the same file, bytes and version, and different otherwise', () => {
    const id = jobId('/mnt/a.txt', 'ab'.repeat(32), '0.1.0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobId('/mnt/a.txt', 'ab'.repeat(32), '0.1.0')).toBe(id);
    const others = [jobId('/mnt/b.txt', 'ab'.repeat(32), '0.1.0'), jobId('/mnt/a.txt', 'cd'.repeat(32), '0.1.0'), jobId('/mnt/a.txt', 'ab'.repeat(32), '0.2.0')];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});
