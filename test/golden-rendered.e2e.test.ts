/**
 * Golden files of the cases printed from the corpus (`"render": "chromium-pdf"` in `source.json`):
 * each is printed to PDF by Chromium (`renderCorpusPdf`), parsed and compared with its
 * `expected.json`. A fresh print is not byte-identical to the one the expected file was made from,
 * nor to the previous print: Chromium stamps its creation and modification dates into it (two prints
 * of one page differ in those alone), and the page's title, which only the PDF's metadata holds, is
 * now the document's name. So the values that follow from the print's bytes, the report id,
 * `source.sha256`, `source.bytes` and the goal ids' prefix (the report id's first 12 hex digits), are
 * masked: taken from `expected.json` before the byte-for-byte comparison. Everything else, the
 * recorded path of the print included, must match. Without the corpus the cases are skipped.
 */
import { describe, expect, it } from 'vitest';
import { parseReport } from '../pipeline/index.js';
import type { Report } from '../schemas/report.js';
import { corpusSkipReason, renderCorpusPdf, reportInput, skippedBecause } from './corpus.js';
import { checkGolden, goldenCases } from './golden-files.js';

const cases = goldenCases().flatMap((c) => (c.source?.render === 'chromium-pdf' ? [{ ...c, corpus: c.source.corpus }] : []));
const skip = corpusSkipReason();

/** Digits of the report id that open each goal id (see `goalId`). */
const GOAL_ID_PREFIX = 12;

/** The report with the values that differ with every print set to those of the expected report. */
function withPrintOf(report: Report, expected: Report): Report {
  const prefix = expected.id.slice(0, GOAL_ID_PREFIX);
  return {
    ...report,
    id: expected.id,
    source: { ...report.source, sha256: expected.source.sha256, bytes: expected.source.bytes },
    goals: report.goals.map((g) => ({ ...g, id: prefix + g.id.slice(GOAL_ID_PREFIX) })),
  };
}

describe('golden fixtures printed from the corpus', () => {
  it('has the KTM item printed without rules', () => {
    expect(cases.map((c) => c.name)).toContain('greve-2025-03-27-ktm-byggesag-pdf-unruled');
  });

  for (const c of cases) {
    it.skipIf(skip)(`${c.name} matches expected.json${skippedBecause(skip)}`, async () => {
      const pdf = renderCorpusPdf(c.corpus);
      const report = await parseReport(reportInput(pdf));
      checkGolden(c.expected, report, { adopt: withPrintOf, digestText: true });
    });
  }
});
