/** Job ids of the queue, and deadlock retries (the queue itself runs in queue.pg.e2e tests). */
import { describe, expect, it } from 'vitest';
import { jobId, retryDeadlock } from '../../../pipeline/batch/queue.js';

describe('jobId', () => {
  it('is a UUID PostgreSQL takes, the same for the same file, bytes and version, and different otherwise', () => {
    const id = jobId('/mnt/a.txt', 'ab'.repeat(32), '0.1.0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobId('/mnt/a.txt', 'ab'.repeat(32), '0.1.0')).toBe(id);
    const others = [jobId('/mnt/b.txt', 'ab'.repeat(32), '0.1.0'), jobId('/mnt/a.txt', 'cd'.repeat(32), '0.1.0'), jobId('/mnt/a.txt', 'ab'.repeat(32), '0.2.0')];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});

describe('retryDeadlock', () => {
  const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs a call PostgreSQL cancelled to break a deadlock again, and gives its result', async () => {
    let calls = 0;
    const result = await retryDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return 'sent';
    });
    expect([result, calls]).toEqual(['sent', 3]);
  });

  it('passes any other error on at once, and a deadlock after the last try', async () => {
    let calls = 0;
    await expect(retryDeadlock(async () => {
      calls++;
      throw Object.assign(new Error('no such table'), { code: '42P01' });
    })).rejects.toThrow('no such table');
    expect(calls).toBe(1);
    await expect(retryDeadlock(async () => { throw deadlock(); })).rejects.toThrow('deadlock detected');
  });
});
