/**
 * `status-ingest diff`, run as a user runs it: exit codes (`--fail-on`), streams, `--json`,
 * `--provenance`, `--max-bytes`, and input it refuses. The seed (`fixtures/oekonomiudvalget-2014-2017`,
 * the same bytes as ../shared/seed) is edited into a temporary folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCanonicalJson } from '../../../output/json.js';
import type { Report } from '../../../schemas/report.js';
import { runCliAsync } from '../../cli-runner.js';
import { SEED, clone, seedReport } from '../../output/diff/diff-fixtures.js';

/** The seed printed to PDF (the same bytes as ../shared/seed/oekonomiudvalget-2014-2017.pdf). */
const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';

let seed: Report;

beforeAll(async () => {
  seed = await seedReport();
});

/** Runs the CLI; runs are started together, so they overlap. */
const cli = (...args: string[]) => runCliAsync(['diff', ...args]);

/** The seed's text with one line replaced (or removed, with `null`), written to a temporary file. */
function editedSeed(dir: string, name: string, line: (l: string) => boolean, replacement: string | null): string {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const at = lines.findIndex(line);
  if (at < 0) throw new Error('fixture: no such line in the seed');
  if (replacement === null) lines.splice(at, 1);
  else lines[at] = replacement;
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('status-ingest diff', () => {
  it('exits 0 on equal reports, 1 on different ones (with --json as data), 2 on unreadable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, toCanonicalJson(seed));
    const next = clone(seed);
    next.goals[1]!.title = `${next.goals[1]!.title} (revideret)`;
    writeFileSync(b, toCanonicalJson(next));

    // The text of a diff is tested on the library; here the exit codes, streams and --json.
    const [same, json, missing] = await Promise.all([cli(a, SEED), cli(a, b, '--json'), cli(a, join(dir, 'missing.json'))]);
    expect(same.status).toBe(0);
    expect(same.stdout).toBe('');

    expect(json.status).toBe(1);
    const data = JSON.parse(json.stdout);
    expect(data.equal).toBe(false);
    expect(data.summary.changes).toMatchObject({ text: 1, facts: 0, structure: 0 });
    expect(data.goals[0].fields[0]).toMatchObject({ field: 'title', category: 'text', after: 'Styrelsesvedtægt for Ballerup Kommune (revideret)' });
    expect(data.goals[0].fields[0].words).toContainEqual({ op: 'add', text: '(revideret)' });

    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing\.json: error cannot-read: no such file or directory/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('gives a missing file the exit status parse gives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const gone = join(dir, 'gone.txt');
    const [diffOld, diffNew, parse] = await Promise.all([cli(gone, SEED), cli(SEED, gone), runCliAsync(['parse', gone])]);
    expect(parse.status).toBe(2);
    for (const r of [diffOld, diffNew, parse]) {
      expect(r.status).toBe(parse.status);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/gone\.txt: error cannot-read: no such file or directory/);
    }
  });

  it('refuses, with exit 2 and no diff, a side that is no report: binary (also named .json), empty, larger than --max-bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
    const binaryJson = join(dir, 'data.json');
    writeFileSync(binaryJson, Buffer.from([0x7b, 0x22, 0x00, 0x01, 0xff, 0x10, 0x02, 0x7d]));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const [bin, json, none, large, enough] = await Promise.all([
      cli(SEED, binary),
      cli(binaryJson, SEED),
      cli(empty, SEED),
      cli(SEED, SEED, '--max-bytes', '1000'),
      cli(SEED, SEED, '--max-bytes', String(readFileSync(SEED).length)),
    ]);
    for (const [r, pattern] of [
      [bin, /image\.bin(?::\d+)*: error binary-input: /],
      [json, /data\.json:\d+:\d+: error binary-input: /],
      [none, /empty\.txt:1:1: error empty-input: /],
      [large, /input\.txt: error too-large: .*--max-bytes/],
    ] as const) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(enough.status).toBe(0);
    expect((await cli(SEED, SEED, '--max-bytes', '0')).status).toBe(2);
  });

  it('shows one removed row of the seed as one removed goal, in a few lines; --provenance adds what moved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const edited = editedSeed(dir, 'seed-minus-row.txt', (l) => l.startsWith('Veteranråd\t'), null);
    const [quiet, full] = await Promise.all([cli(SEED, edited), cli(SEED, edited, '--provenance')]);
    expect(quiet.status).toBe(1);
    const lines = quiet.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('1 structure change (1 goal removed), 0 fact changes, 0 text changes, 0 diagnostic changes');
    expect(lines.filter((l) => /^\s+[-+~] /.test(l))).toEqual(['  - removed #4 "Veteranråd" [POLITISK ORGANISERING]']);
    expect(lines.length).toBeLessThanOrEqual(6);
    // What moved with it: every goal below it (lines, ordinals), the diagnostics' lines, the source's hash.
    expect(full.status).toBe(1);
    expect(full.stdout.split('\n')[0]).toMatch(/^1 structure change \(1 goal removed\), 0 fact changes, 0 text changes, 0 diagnostic changes, \d+ provenance changes$/);
    expect(full.stdout).toMatch(/~ changed #4 "Fremtidens borgerservice" \[FREMTIDENS BORGERSERVICE\] \(same key, was #5\)\n\s+provenance\.lines: /);
    expect(full.stdout).toContain('~ moved info row-continued');
    expect(full.stdout.split('\n').length).toBeGreaterThan(lines.length + 30);
  });

  it('lists no goal of the seed as changed between its text and its PDF for provenance alone', async () => {
    const [quiet, full, json] = await Promise.all([cli(SEED, SEED_PDF), cli(SEED, SEED_PDF, '--provenance'), cli(SEED, SEED_PDF, '--json')]);
    const data = JSON.parse(json.stdout);
    const changed = data.goals.filter((g: { change: string }) => g.change === 'changed');
    // Each goal listed differs in more than provenance (the PDF reads two headings as paragraphs).
    for (const g of changed) expect(g.fields.some((f: { category: string }) => f.category !== 'provenance')).toBe(true);
    expect(changed.length).toBeLessThan(5);
    expect(data.report).toEqual([]);
    expect(quiet.stdout).not.toMatch(/provenance\.|source\.|\bid: /);
    expect(quiet.stdout.match(/~ changed/g)?.length ?? 0).toBe(changed.length);
    // With --provenance every goal stands elsewhere in the PDF.
    expect(full.stdout.match(/~ changed/g)?.length).toBe(seed.goals.length);
    expect(full.stdout).toContain('source.format: "text" → "pdf"');
  });

  it('--fail-on facts exits 0 when only text changed and 1 when a fact changed; structure,facts fails on a removed goal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-diff-'));
    const reworded = editedSeed(dir, 'reworded.txt', (l) => l.startsWith('Veteranråd\t'), 'Veteranråd\tSammen med Herlev og Gladsaxe kommuner etableret et Veteranråd.\tRådet giver fokus på veteranområdet.');
    const refigured = editedSeed(
      dir,
      'refigured.txt',
      (l) => l.startsWith('Samle redningsberedskaberne'),
      readFileSync(SEED, 'utf8').split('\n').find((l) => l.startsWith('Samle redningsberedskaberne'))!.replace('1,6 mio. kr.', '1,8 mio. kr.'),
    );
    const removed = editedSeed(dir, 'removed.txt', (l) => l.startsWith('Veteranråd\t'), null);
    const [textOnly, textAny, fact, goneFacts, goneStructure] = await Promise.all([
      cli(SEED, reworded, '--fail-on', 'facts'),
      cli(SEED, reworded),
      cli(SEED, refigured, '--fail-on', 'facts'),
      cli(SEED, removed, '--fail-on', 'facts'),
      cli(SEED, removed, '--fail-on', 'structure,facts'),
    ]);
    expect(textOnly.status).toBe(0);
    // The diff is printed all the same: the log shows what changed.
    expect(textOnly.stdout.split('\n')[0]).toBe('0 structure changes, 0 fact changes, 2 text changes, 0 diagnostic changes');
    expect(textAny.status).toBe(1);
    expect(fact.status).toBe(1);
    expect(fact.stdout).toContain('~ money "1,6 mio. kr." → "1,8 mio. kr."');
    // Veteranråd has no facts: its removal is a structure change only.
    expect(goneFacts.status).toBe(0);
    expect(goneStructure.status).toBe(1);
    const bad = await cli(SEED, reworded, '--fail-on', 'everything');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/"everything" is not one of any, structure, facts, text, diagnostics/);
  });
});
