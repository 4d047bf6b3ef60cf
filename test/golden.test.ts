/**
 * Golden files: every `fixtures/<case>/input.*` is parsed and compared with `expected.json`, byte
 * for byte. A mismatch is explained by the semantic diff (`status-ingest diff`): which goals,
 * words and facts changed, not a wall of JSON. `UPDATE=1 npm test` rewrites the expected files;
 * review their diff like code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../pipeline/index.js';
import { toCanonicalJson } from '../output/json.js';
import { diffReports, renderReportDiff } from '../pipeline/diff.js';
import { Report } from '../schemas/report.js';
import { hasReportShape } from '../pipeline/report-file.js';
import { createTwoFilesPatch } from 'diff';

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
      if (actual !== expected) throw new Error(explainMismatch(c.expected, expected, actual));
      expect(actual).toBe(expected);
    });
  }
});

/** Lines of a line diff shown when the semantic diff finds nothing (formatting, key order). */
const MAX_PATCH_LINES = 80;

/** Why the output differs from the expected file: the semantic diff, or a line diff when that finds nothing. */
function explainMismatch(file: string, expected: string, actual: string): string {
  const head = `${file} differs from the pipeline's output (UPDATE=1 npm test accepts it; review the change):`;
  let old: unknown = null;
  try {
    old = JSON.parse(expected);
  } catch {
    // not JSON: the line diff below shows it
  }
  // The expected file may come from an older schema: compared as it is, when it has a report's shape.
  if (hasReportShape(old)) {
    const diff = diffReports(old, Report.parse(JSON.parse(actual)));
    if (!diff.equal) return `${head}\n${renderReportDiff(diff, { beforeLabel: `${file} (expected)`, afterLabel: 'pipeline output' })}`;
  }
  const patch = createTwoFilesPatch(file, 'pipeline output', expected, actual, 'expected', 'actual', { context: 2 }).split('\n');
  const shown = patch.length > MAX_PATCH_LINES ? [...patch.slice(0, MAX_PATCH_LINES), `… ${patch.length - MAX_PATCH_LINES} more lines`] : patch;
  const why = hasReportShape(old) ? 'the same report, other bytes' : 'the expected file is no report';
  return `${head}\n(${why})\n${shown.join('\n')}`;
}
