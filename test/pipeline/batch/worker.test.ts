import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseForStore } from '../../../pipeline/batch/worker.js';
import { parseReport } from '../../../pipeline/index.js';
import { toCanonicalJson } from '../../../output/json.js';

const seed = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const task = (bytes: Uint8Array, json: boolean) => ({ path: seed, bytes, options: {}, json });

describe('parseForStore', () => {
  it('hands back the canonical JSON of the parse, the same text a second validation would give', async () => {
    const bytes = readFileSync(seed);
    const { report, json } = await parseForStore(task(bytes, true));
    expect(report.goals.length).toBeGreaterThan(0);
    expect(json).toBe(toCanonicalJson(await parseReport({ path: seed, bytes })));
    // The report keeps its diagnostics' params for the writer; the JSON holds only the schema's fields.
    expect(JSON.parse(json!).id).toBe(report.id);
  });

  it('makes no JSON when the run writes none', async () => {
    const { report, json } = await parseForStore(task(readFileSync(seed), false));
    expect(json).toBeNull();
    expect(report.goals.length).toBeGreaterThan(0);
  });

  it('gives the JSON of the fallback report when the input fails', async () => {
    const { report, json } = await parseForStore(task(new Uint8Array(0), true));
    expect(report.diagnostics.map((d) => d.code)).toContain('empty-input');
    expect(json).toBe(toCanonicalJson(report));
  });
});
