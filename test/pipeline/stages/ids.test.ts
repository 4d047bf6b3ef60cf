/** Stable ids: the same bytes give the same report and goal ids, wherever the file lies and however often it is read. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport, sha256Hex } from '../../../pipeline/index.js';
import { goalId, slugify } from '../../../pipeline/stages/ids.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

describe('stable ids', () => {
  it('parsing the same bytes twice, and under another path, gives the same ids', async () => {
    const bytes = readFileSync(SEED);
    const a = await parseReport({ path: SEED, bytes });
    const b = await parseReport({ path: SEED, bytes: new Uint8Array(bytes) });
    const moved = await parseReport({ path: 'elsewhere/renamed report.txt', bytes });
    expect(a.id).toBe(sha256Hex(bytes));
    expect(a.goals.length).toBe(40);
    for (const other of [b, moved]) {
      expect(other.id).toBe(a.id);
      expect(other.goals.map((g) => g.id)).toEqual(a.goals.map((g) => g.id));
    }
    expect(moved.source.path).toBe('elsewhere/renamed report.txt');
  });

  it('follows the documented rule: 12 hex digits of the report id, the table ordinal, an ASCII slug (and a count for a repeat)', async () => {
    const bytes = readFileSync(SEED);
    const r = await parseReport({ path: SEED, bytes });
    for (const g of r.goals) {
      expect(g.id).toBe(`${r.id.slice(0, 12)}-${g.table}-${slugify(g.title)}`);
      expect(g.id).toMatch(/^[0-9a-f]{12}-\d+-[a-z0-9-]+$/);
    }
    expect(r.goals[1]!.id).toBe(`${r.id.slice(0, 12)}-1-styrelsesvedtaegt-for-ballerup-kommune`);
    expect(goalId(r.id, 2, 'Sø, å og æble')).toBe(`${r.id.slice(0, 12)}-2-soe-aa-og-aeble`);
    expect(goalId(r.id, 2, 'Sø, å og æble', 1)).toBe(`${r.id.slice(0, 12)}-2-soe-aa-og-aeble-2`);
  });

  it('keeps the ids of the other goals when a row above them is removed', async () => {
    const text = readFileSync(SEED, 'utf8');
    const a = await parseReport({ path: SEED, bytes: new TextEncoder().encode(text) });
    // A goal on one line of its own, near the top: every goal below it moves up one ordinal.
    const removed = a.goals.find((g) => g.ordinal > 2 && g.provenance.lines[0] === g.provenance.lines[1])!;
    const lines = text.split('\n');
    lines.splice(removed.provenance.lines[0] - 1, 1);
    const b = await parseReport({ path: SEED, bytes: new TextEncoder().encode(lines.join('\n')) });
    const local = (id: string) => id.slice(13);
    expect(b.goals.map((g) => local(g.id))).toEqual(a.goals.filter((g) => g !== removed).map((g) => local(g.id)));
  });

  it('changes with the bytes: one changed byte gives another report id', async () => {
    const bytes = new Uint8Array(readFileSync(SEED));
    const a = await parseReport({ path: SEED, bytes });
    bytes[bytes.length - 1] = bytes[bytes.length - 1] === 0x0a ? 0x20 : 0x0a;
    const b = await parseReport({ path: SEED, bytes });
    expect(b.id).not.toBe(a.id);
    expect(b.goals[0]!.id.slice(13)).toBe(a.goals[0]!.id.slice(13));
  });
});

describe('slugify on hostile titles', () => {
  it('is linear on long runs of punctuation', () => {
    const start = performance.now();
    expect(slugify(`${'-'.repeat(200_000)}x${'-'.repeat(200_000)}`)).toBe('x');
    expect(slugify(`a${' .'.repeat(200_000)}`)).toBe('a');
    expect(performance.now() - start).toBeLessThan(1500);
  });
});
