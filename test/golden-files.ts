/**
 * Golden files, shared by `golden.test.ts` and `golden-rendered.e2e.test.ts`: the fixture cases and
 * the comparison of a report with its `expected.json`, byte for byte. A mismatch is explained by the
 * semantic diff (`status-ingest diff`): which goals, words and facts changed, not a wall of JSON.
 * `UPDATE=1 npm test` rewrites the expected files; review their diff like code.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { toCanonicalJson } from '../output/json.js';
import { diffReports } from '../output/diff/diff.js';
import { renderReportDiff } from '../output/diff/render.js';
import { asComparableReport } from '../output/report-file.js';
import { Report } from '../schemas/report.js';
import { readFixtureSource, type FixtureSource } from './corpus.js';
import { digestReportText } from './golden-digest.js';

/** The fixtures folder, relative to the project root (where vitest runs). */
export const FIXTURES = 'fixtures';

/**
 * One fixture case: a folder with an `expected.json` and either an input file of its own (`input.*`)
 * or a `source.json` naming a corpus document.
 */
export type GoldenCase = { name: string; expected: string } & (
  | { input: string; source: null }
  | { input: null; source: FixtureSource }
);

/** The fixture cases (the bad-input folder, with neither an input nor a source.json, has its own test). */
export function goldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d): GoldenCase[] => {
      const dir = join(FIXTURES, d.name);
      const input = readdirSync(dir).find((f) => /^input\.[a-z]+$/.test(f));
      const source = readFixtureSource(dir);
      if (input && source) throw new Error(`${dir} has both ${input} and source.json: keep one`);
      const expected = join(dir, 'expected.json');
      if (input) return [{ name: d.name, expected, input: `${dir}/${input}`, source: null }];
      return source ? [{ name: d.name, expected, input: null, source }] : [];
    });
}

/** How a case's report is compared with its expected file. */
export interface GoldenOptions {
  /**
   * Sets, from the expected report, what differs on every run of a case by design (see
   * `golden-rendered.e2e.test.ts`); an update keeps those values too, so the file changes only when
   * the rest does.
   */
  adopt?: (report: Report, expected: Report) => Report;
  /** The source is a third-party corpus document: its prose is kept as digests (`golden-digest.ts`). */
  digestText?: boolean;
}

/** Checks a report against its expected file, or writes the file under `UPDATE=1` (or when it is missing, outside CI). */
export function checkGolden(file: string, report: Report, options: GoldenOptions = {}): void {
  const update = process.env.UPDATE === '1';
  const expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
  // An expected file of an older schema version is upgraded, so the diff compares like with like.
  const old = expected === null ? null : asComparableReport(parseJson(expected));
  const adopted = options.adopt && old ? options.adopt(report, old) : report;
  const actual = toCanonicalJson(options.digestText ? digestReportText(adopted) : adopted);
  if (update || expected === null) {
    if (!update && process.env.CI) throw new Error(`${file} is missing; run UPDATE=1 npm test and review it`);
    if (actual !== expected) writeFileSync(file, actual);
    return;
  }
  if (actual !== expected) throw new Error(explainMismatch(file, expected, old, actual));
}

/** The JSON value of a text, or null when it is not JSON (the line diff then shows it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Lines of a line diff shown when the semantic diff finds nothing (formatting, key order). */
const MAX_PATCH_LINES = 80;

/** Why the output differs from the expected file: the semantic diff, or a line diff when that finds nothing. */
function explainMismatch(file: string, expected: string, old: Report | null, actual: string): string {
  const head = `${file} differs from the pipeline's output (UPDATE=1 npm test accepts it; review the change):`;
  // The expected file may come from an older schema: compared as it is, when it has a report's shape.
  if (old) {
    // With provenance: a golden file must match byte for byte, pages and lines too.
    const diff = diffReports(old, Report.parse(JSON.parse(actual)), { provenance: true });
    if (!diff.equal) return `${head}\n${renderReportDiff(diff, { beforeLabel: `${file} (expected)`, afterLabel: 'pipeline output' })}`;
  }
  const patch = createTwoFilesPatch(file, 'pipeline output', expected, actual, 'expected', 'actual', { context: 2 }).split('\n');
  const shown = patch.length > MAX_PATCH_LINES ? [...patch.slice(0, MAX_PATCH_LINES), `… ${patch.length - MAX_PATCH_LINES} more lines`] : patch;
  const why = old ? 'the same report, other bytes' : 'the expected file is no report';
  return `${head}\n(${why})\n${shown.join('\n')}`;
}
