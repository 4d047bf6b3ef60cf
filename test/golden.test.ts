/**
 * Golden files: every fixture case is parsed and compared with its `expected.json`, byte for byte
 * (see `golden-files.ts`; `UPDATE=1 npm test` rewrites them). A case's input is its folder's
 * `input.*`, or the corpus document its `source.json` names, read in place and recorded as the path
 * it was read from (`../shared/corpus/…`); without the corpus those cases are skipped. Cases printed
 * from the corpus (`"render"`) need Chromium and are in `golden-rendered.e2e.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { parseReport } from '../pipeline/index.js';
import { corpusFile, corpusSkipReason, reportInput, skippedBecause } from './corpus.js';
import { checkGolden, goldenCases } from './golden-files.js';

const cases = goldenCases().filter((c) => !c.source?.render);
const corpusMissing = corpusSkipReason();

describe('golden fixtures', () => {
  it('has at least the seed case', () => {
    expect(cases.map((c) => c.name)).toContain('oekonomiudvalget-2014-2017');
  });

  for (const c of cases) {
    const skip = c.source ? corpusMissing : null;
    it.skipIf(skip)(`${c.name} matches expected.json${skippedBecause(skip)}`, async () => {
      const report = await parseReport(reportInput(c.source ? corpusFile(c.source.corpus) : c.input), { meta: c.source?.meta });
      checkGolden(c.expected, report, { digestText: c.source !== null });
    });
  }
});
