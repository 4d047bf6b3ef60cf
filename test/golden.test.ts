/**
 * Golden files: every `fixtures/<case>/input.*` is parsed and compared with `expected.json`.
 * `UPDATE=1 npm test` rewrites the expected files; review their diff like code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../pipeline/index.js';
import { toCanonicalJson } from '../output/json.js';

const FIXTURES = 'fixtures';
const update = process.env.UPDATE === '1';

/** Fixture cases: folders holding an `input.*` file (the bad-input folder has its own test). */
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    const input = readdirSync(join(FIXTURES, d.name)).find((f) => /^input\.[a-z]+$/.test(f));
    return input ? { name: d.name, input: `${FIXTURES}/${d.name}/${input}`, expected: join(FIXTURES, d.name, 'expected.json') } : null;
  })
  .filter((c): c is NonNullable<typeof c> => c !== null);

describe('golden fixtures', () => {
  it('has at least the seed case', () => {
    expect(cases.map((c) => c.name)).toContain('oekonomiudvalget-2014-2017');
  });

  for (const c of cases) {
    it(`${c.name} matches expected.json`, async () => {
      const report = await parseReport({ path: c.input, bytes: readFileSync(c.input) });
      const actual = toCanonicalJson(report);
      if (update || !existsSync(c.expected)) {
        if (!update && process.env.CI) throw new Error(`${c.expected} is missing; run UPDATE=1 npm test and review it`);
        writeFileSync(c.expected, actual);
        return;
      }
      const expected = readFileSync(c.expected, 'utf8');
      expect(actual).toBe(expected);
    });
  }
});
