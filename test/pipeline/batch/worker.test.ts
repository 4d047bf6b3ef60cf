import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseForStore } from '../../../pipeline/batch/worker.js';
import { parseReport } from '../../../pipeline/index.js';
import { toCanonicalJson } from '../../../output/json.js';
import { reportRows } from '../../../output/sqlite/rows.js';

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

  it('makes no JSON when the run writes none', async () => {
    const { report, json } = await parseForStore(task(readFileSync(seed), false));
    expect(json).toBeNull();
    expect(report!.goals.length).toBeGreaterThan(0);
  });

  it('hands back the rows of the report, not the report, for a store that writes rows; they survive the thread boundary', async () => {
    const bytes = readFileSync(seed);
    const parsed = await parseForStore(task(bytes, false, true));
    const report = await parseReport({ path: seed, bytes });
    expect(parsed.report).toBeNull();
    // What crosses to the main thread is a structured clone: the rows must come through it unchanged.
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
});
