/**
 * Bit-flipped copies of the seed PDF (issue 11): a damaged copy that loses goals must say so. Each
 * copy either reads as many goals as the clean file, or carries a diagnostic that says the report is
 * incomplete or a page could not be read, or still holds every word of the clean report (a flipped
 * digit of a coordinate regroups rows; nothing is lost, and no reading can tell it from the original).
 * The flips come from a logged seed: replay a failure with `TEST_SEED=<seed>`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';
import { seededRandom } from '../../random.js';

const SEED_PDF = '../shared/seed/oekonomiudvalget-2014-2017.pdf';
/** Copies, and bits flipped in each (as many as the test used; one flip is as often silent). */
const COPIES = 34;
const FLIPS = 20;
/** Codes that say the report is incomplete or a page could not be read whole. */
const SAYS_INCOMPLETE: ReadonlySet<string> = new Set([
  'report-much-smaller',
  'pdf-page-sparse',
  'pdf-page-unreadable',
  'pdf-page-damaged',
  'pdf-page-garbled',
  'pdf-pages-missing',
  'pdf-page-misplaced',
  'pdf-streams-damaged',
]);

/** How often each word stands in the report's cells. */
function wordCounts(report: Report): Map<string, number> {
  const counts = new Map<string, number>();
  for (const goal of report.goals) for (const cell of goal.cells) for (const w of cell.text.split(/\s+/)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

describe('bit-flipped PDFs', () => {
  it(`say when a damaged copy lost goals (${COPIES} copies, ${FLIPS} flipped bits each)`, async () => {
    const clean = new Uint8Array(readFileSync(SEED_PDF));
    const base = await parseReport({ path: 'clean.pdf', bytes: clean });
    expect(base.goals).toHaveLength(40);
    const baseWords = wordCounts(base);
    const random = seededRandom('PDF bit flips');
    const quiet: string[] = [];
    let said = 0;
    for (let copy = 0; copy < COPIES; copy++) {
      const bytes = new Uint8Array(clean);
      for (let k = 0; k < FLIPS; k++) {
        const at = Math.floor(random.next() * bytes.length);
        bytes[at] = bytes[at]! ^ (1 << Math.floor(random.next() * 8));
      }
      const report = await parseReport({ path: `copy-${copy}.pdf`, bytes });
      const says = report.diagnostics.some((d) => d.severity === 'error' || SAYS_INCOMPLETE.has(d.code));
      if (says) said++;
      if (report.goals.length === base.goals.length || says) continue;
      const words = wordCounts(report);
      if ([...baseWords].every(([w, n]) => (words.get(w) ?? 0) >= n)) continue;
      quiet.push(`copy ${copy}: ${report.goals.length} goals, diagnostics ${report.diagnostics.map((d) => d.code).join(', ') || 'none'}`);
    }
    expect(quiet, `seed ${random.seed}`).toEqual([]);
    // Most copies are damaged where it shows: the check is not passing by the words alone.
    expect(said).toBeGreaterThan(COPIES / 2);
  }, 120_000);
});
