/** Reports for the diff tests: the seed, parsed once per file, and copies of it to edit. */
import { readFileSync } from 'node:fs';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';

/** The source of the seed report (also a side of the CLI tests, which parse it). */
export const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';

/** The seed report. */
export function seedReport(): Promise<Report> {
  return parseReport({ path: SEED, bytes: readFileSync(SEED) });
}

/** A deep copy of a report, to edit into the "after" side of a diff. */
export const clone = (r: Report): Report => structuredClone(r);
