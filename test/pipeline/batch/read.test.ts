import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReportFile, readReportFileSync, readStreamSync, type ReadResult } from '../../../pipeline/batch/read.js';

/** Runs a read and gives its result with how long it took, in milliseconds. */
async function timed(read: () => ReadResult | Promise<ReadResult>): Promise<{ result: ReadResult; ms: number }> {
  const started = performance.now();
  const result = await read();
  return { result, ms: performance.now() - started };
}

function problemOf(result: ReadResult) {
  if (!('problem' in result)) throw new Error(`expected a problem, read ${result.bytes.length} bytes`);
  return result.problem;
}

const readers = [
  ['readReportFile', readReportFile],
  ['readReportFileSync', readReportFileSync],
] as const;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-read-'));
  writeFileSync(join(dir, 'report.txt'), 'Titel\n\nMÅL\tTILTAG\n');
  writeFileSync(join(dir, 'ten.txt'), '0123456789');
  writeFileSync(join(dir, 'sparse.txt'), '');
  truncateSync(join(dir, 'sparse.txt'), 2 * 1024 * 1024 * 1024); // 2 GB, no disk used
  mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  symlinkSync(join(dir, 'pipe.txt'), join(dir, 'link-to-pipe.txt'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const [name, read] of readers) {
  describe(name, () => {
    it('reads a regular file whole', async () => {
      const result = await read(join(dir, 'report.txt'), 1000);
      expect('bytes' in result && Buffer.from(result.bytes).toString('utf8')).toBe('Titel\n\nMÅL\tTILTAG\n');
    });

    it('takes a file of exactly the limit, and refuses one byte more', async () => {
      expect('bytes' in (await read(join(dir, 'ten.txt'), 10))).toBe(true);
      expect(problemOf(await read(join(dir, 'ten.txt'), 9))).toMatchObject({ code: 'too-large', params: { bytes: 10, limit: 9 } });
    });

    it('refuses a 2 GB file from its size, without reading it', async () => {
      const { result, ms } = await timed(() => read(join(dir, 'sparse.txt'), 1024));
      expect(problemOf(result)).toMatchObject({ code: 'too-large', params: { bytes: 2 * 1024 ** 3, limit: 1024 } });
      expect(ms).toBeLessThan(1000);
    });

    it('refuses a FIFO without waiting for a writer, also through a symlink', async () => {
      for (const fifo of ['pipe.txt', 'link-to-pipe.txt']) {
        const { result, ms } = await timed(() => read(join(dir, fifo), 1024));
        expect(problemOf(result)).toMatchObject({ code: 'not-a-file', params: { kind: 'fifo' } });
        expect(ms).toBeLessThan(1000);
      }
    });

    it('refuses /dev/zero (stat size 0, never ending) at once, and a folder', async () => {
      const { result, ms } = await timed(() => read('/dev/zero', 1024));
      expect(problemOf(result)).toMatchObject({ code: 'not-a-file', params: { kind: 'character-device' } });
      expect(ms).toBeLessThan(1000);
      expect(problemOf(await read(join(dir, 'folder'), 1024))).toMatchObject({ code: 'not-a-file', params: { kind: 'directory' } });
    });

    it.runIf(existsSync('/proc/self/status'))('enforces the limit while reading a file whose stat size is 0 (/proc)', async () => {
      expect(problemOf(await read('/proc/self/status', 16))).toMatchObject({ code: 'too-large', params: { limit: 16, atLeast: true } });
      const whole = await read('/proc/self/status', 1024 * 1024);
      expect('bytes' in whole && Buffer.from(whole.bytes).toString('utf8')).toMatch(/^Name:/);
    });

    it('says why a missing file cannot be read, with its error code', async () => {
      expect(await read(join(dir, 'missing.txt'), 1024)).toMatchObject({
        problem: { code: 'cannot-read', params: { reason: 'no such file or directory' } },
        errorCode: 'ENOENT',
      });
    });
  });
}

describe('readStreamSync (standard input)', () => {
  it('stops a never-ending stream just past the limit, fast and without growing', () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const result = readStreamSync(fd, 16 * 1024 * 1024);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(problemOf(result)).toMatchObject({ code: 'too-large', params: { limit: 16 * 1024 * 1024, atLeast: true } });
      // At most the limit and one chunk are held: nothing near the gigabytes an unbounded read takes.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
    } finally {
      closeSync(fd);
    }
  });

  it('reads a redirected regular file whole', () => {
    const fd = openSync(join(dir, 'report.txt'), 'r');
    try {
      const result = readStreamSync(fd, 1000);
      expect('bytes' in result && result.bytes.length).toBe(Buffer.byteLength('Titel\n\nMÅL\tTILTAG\n'));
    } finally {
      closeSync(fd);
    }
  });
});
