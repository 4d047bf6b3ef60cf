import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaPathOf, readSidecarMeta } from '../../../pipeline/batch/meta.js';

describe('sidecar meta files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'si-meta-'));
  const report = join(dir, 'punkt-5.html');

  it('gives nothing, and no problem, when a report has no sidecar', async () => {
    expect(await readSidecarMeta(report)).toEqual({ meta: {}, problem: null });
  });

  it('reads title, committee, meeting date and municipality', async () => {
    const meta = { title: 'Budgetopfølgning 1 (2023)', committee: 'Økonomiudvalget', meetingDate: '2023-05-08', municipality: 'Greve Kommune' };
    writeFileSync(metaPathOf(report), JSON.stringify(meta));
    expect(await readSidecarMeta(report)).toEqual({ meta, problem: null });
  });

  it('refuses a sidecar that is not JSON, names an unknown field or a date that is not a date, naming the file', async () => {
    for (const [text, detail] of [
      ['{"title": ', /^not JSON/],
      ['{"titel": "x"}', /^\(top level\): /],
      ['{"meetingDate": "8. maj 2023"}', /^meetingDate: /],
    ] as const) {
      writeFileSync(metaPathOf(report), text);
      const { meta, problem } = await readSidecarMeta(report, 'punkt-5.html.meta.json');
      expect(meta).toEqual({});
      expect(problem).toMatchObject({ code: 'invalid-meta', severity: 'error', params: { file: 'punkt-5.html.meta.json', detail: expect.stringMatching(detail) } });
    }
  });

  it('refuses a sidecar that is a FIFO at once (never waits for a writer), and one over 64 KB', async () => {
    const fifoReport = join(dir, 'punkt-6.html');
    execFileSync('mkfifo', [metaPathOf(fifoReport)]);
    const started = performance.now();
    expect(await readSidecarMeta(fifoReport)).toMatchObject({ meta: {}, problem: { code: 'invalid-meta' } });
    expect(performance.now() - started).toBeLessThan(1000);
    writeFileSync(metaPathOf(report), `{"title": "${'x'.repeat(70 * 1024)}"}`);
    expect(await readSidecarMeta(report)).toMatchObject({ meta: {}, problem: { code: 'invalid-meta', params: { detail: 'larger than 65536 bytes' } } });
  });

  it('refuses a sidecar that is there but no file (a folder), and takes a dangling link for no sidecar, as a missing file', async () => {
    const folderReport = join(dir, 'punkt-7.html');
    mkdirSync(metaPathOf(folderReport));
    expect(await readSidecarMeta(folderReport)).toMatchObject({ meta: {}, problem: { code: 'invalid-meta' } });
    const linkReport = join(dir, 'punkt-8.html');
    symlinkSync(join(dir, 'nowhere.json'), metaPathOf(linkReport));
    expect(await readSidecarMeta(linkReport)).toEqual({ meta: {}, problem: null });
  });
});
