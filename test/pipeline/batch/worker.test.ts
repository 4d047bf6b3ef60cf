import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForStore } from '../../../pipeline/batch/worker.js';
import { parseReport } from '../../../pipeline/index.js';
import { toCanonicalJson } from '../../../output/json.js';
import { jsonNameFor, placeStagedReportJson } from '../../../output/json-files.js';
import { tempFileWriter } from '../../../output/files.js';
import { reportRows } from '../../../output/sqlite/rows.js';
import { unpackReportRows } from '../../../pipeline/batch/packed-rows.js';

const seed = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const task = (bytes: Uint8Array, json: boolean, rows = false) => ({ path: seed, bytes, options: {}, json, rows });

describe('parseForStore', () => {
  it('hands back the canonical JSON of the parse, the same text a second validation would give', async () => {
    const bytes = readFileSync(seed);
    const { report, json, id } = await parseForStore(task(bytes, true));
    expect(report!.goals.length).toBeGreaterThan(0);
    expect(json).toBe(toCanonicalJson(await parseReport({ path: seed, bytes })));
    // The report keeps its diagnostics' params for the writer; the JSON holds only the schema's fields.
    expect(JSON.parse(json!).id).toBe(report!.id);
    expect(id).toBe(report!.id);
  });

  it('parses the tasks it is handed one at a time, in the order handed: a text handed after a PDF waits for the PDF', async () => {
    // A worker holds several tasks (TASKS_PER_WORKER) and piscina starts each as it arrives; the PDF's
    // parse awaits its reader, so without the queue the short text would be parsed, and done, first.
    const pdf = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';
    const done: string[] = [];
    const handed = [
      { ...task(readFileSync(pdf), false), path: pdf },
      task(readFileSync(seed), false),
    ].map((t) => parseForStore(t).then((parsed) => void done.push(parsed.path)));
    await Promise.all(handed);
    expect(done).toEqual([pdf, seed]);
  });

  it('makes no JSON when the run writes none', async () => {
    const { report, json } = await parseForStore(task(readFileSync(seed), false));
    expect(json).toBeNull();
    expect(report!.goals.length).toBeGreaterThan(0);
  });

  it('packs the rows into one buffer when asked (for a worker), and they unpack to the same rows after the thread boundary', async () => {
    const bytes = readFileSync(seed);
    const packed = await parseForStore({ ...task(bytes, false, true), packRows: true });
    expect(packed.rows).toBeNull();
    expect(packed.packedRows).toBeInstanceOf(Uint8Array);
    expect(unpackReportRows(structuredClone(packed.packedRows!))).toEqual(reportRows(await parseReport({ path: seed, bytes })));
    // Not asked, or no rows asked for: nothing packed.
    expect((await parseForStore(task(bytes, false, true))).packedRows).toBeNull();
    expect((await parseForStore({ ...task(bytes, false, false), packRows: true })).packedRows).toBeNull();
  });

  it('hands back the rows of the report, not the report, for a store that writes rows; they survive the thread boundary', async () => {
    const bytes = readFileSync(seed);
    const parsed = await parseForStore(task(bytes, false, true));
    const report = await parseReport({ path: seed, bytes });
    expect(parsed.report).toBeNull();
    // Unpacked (the main thread's own parse), the rows are plain data: a structured clone keeps them whole.
    expect(structuredClone(parsed.rows)).toEqual(reportRows(report));
    expect(parsed).toMatchObject({ id: report.id, path: seed, goals: report.goals.length, facts: report.goals.reduce((n, g) => n + g.facts.length, 0) });
    expect(parsed.rows!.goals).toHaveLength(report.goals.length);
  });

  it('gives the JSON of the fallback report when the input fails, and nothing to write', async () => {
    const { report, rows, json, diagnostics } = await parseForStore(task(new Uint8Array(0), true, true));
    expect(diagnostics.map((d) => d.code)).toContain('empty-input');
    expect(report).toBeNull();
    expect(rows).toBeNull();
    const fallback = await parseReport({ path: seed, bytes: new Uint8Array(0) });
    expect(json).toBe(toCanonicalJson(fallback));
  });

  it('with a JSON folder, writes the JSON file to its temporary file there and hands back no text', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'si-worker-')), 'json');
    const bytes = readFileSync(seed);
    const parsed = await parseForStore({ ...task(bytes, true, true), jsonDir: dir });
    expect(parsed.json).toBeNull();
    expect(parsed.jsonError).toBeNull();
    const staged = parsed.staged!;
    expect(staged.target).toBe(join(dir, jsonNameFor(seed, parsed.id)));
    // Not in place yet, and named so that a later run knows whose it is (this process's).
    expect(existsSync(staged.target)).toBe(false);
    expect(dirname(staged.temp)).toBe(dir);
    expect(tempFileWriter(basename(staged.temp))).toBe(process.pid);
    expect(readFileSync(staged.temp, 'utf8')).toBe(toCanonicalJson(await parseReport({ path: seed, bytes })));
    placeStagedReportJson(staged);
    expect(readdirSync(dir)).toEqual([basename(staged.target)]);
  });

  it('says why the JSON file could not be written, leaving nothing, and stages none for a failed report', async () => {
    const parent = join(mkdtempSync(join(tmpdir(), 'si-worker-')), 'a-file');
    writeFileSync(parent, '');
    const blocked = await parseForStore({ ...task(readFileSync(seed), true, true), jsonDir: join(parent, 'json') });
    expect(blocked.staged).toBeNull();
    expect(blocked.jsonError).toMatch(/ENOTDIR|EEXIST/);
    expect(blocked.rows).not.toBeNull();

    const dir = mkdtempSync(join(tmpdir(), 'si-worker-'));
    const failed = await parseForStore({ ...task(new Uint8Array(0), true, true), jsonDir: dir });
    expect(failed).toMatchObject({ staged: null, jsonError: null, json: null, rows: null });
    expect(readdirSync(dir)).toEqual([]);
  });
});
