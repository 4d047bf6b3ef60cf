/**
 * The PDF reader on a table without any rules: the Greve KTM agenda item (`border="0"`) of the shared
 * corpus, printed to PDF by Chromium (`renderCorpusPdf`), so the print has no ruling lines and columns
 * come from the white space between them. Its goals must be those of the HTML it was printed from.
 * Skipped without the corpus; fails without Chromium.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';
import { corpusFile, corpusSkipReason, renderCorpusPdf, reportInput, skippedBecause } from '../../corpus.js';
import { plain, table } from './pdf-table.js';
import { withoutBoxes } from '../../helpers.js';

const KTM = 'greve_2025-03-27_KTM_byggesagsbehandling_status_initiativer.html';
const skip = corpusSkipReason();

describe.skipIf(skip)(`the Greve KTM status table printed without rules${skippedBecause(skip)}`, () => {
  let pdf: string;
  beforeAll(() => {
    pdf = renderCorpusPdf(KTM);
  });

  it('reads columns from white space and rows from text positions', async () => {
    const t = await table(pdf);
    expect(t.header).toEqual(['Nr.', 'Initiativ', 'Status']);
    expect(t.rows.map((r) => r.cells.map(plain))).toEqual([
      ['1', 'Indkøb af eksterne ressourcer til forberedende byggesagsbehandling', 'Igangsat'],
      ['2', 'Opnormering af byggesagsteamet', 'Færdig'],
      ['3', 'Indkøb af it-system til visitation, styring og prioritering af byggesager', 'Igangsat'],
      ['4', 'Indkøb af system til øget service af ansøgere i forhold til at følge sagens status og sagsbehandlingstid', 'Igangsat'],
      ['5', 'Investering i forenkling af skabeloner og sproglig gennemgang af mangelskrivelser mv.', 'Igangsat'],
      ['6', 'Kompetenceudvikling af medarbejderne', 'Igangsat'],
    ]);
  });

  it('gives the same numbered goals as the HTML', async () => {
    // Boxes are the PDF's own (where each cell stands on its page): left out of the comparison.
    const goals = (r: Report) => withoutBoxes(r.goals).map((g) => ({ number: g.number, title: g.title, cells: g.cells }));
    const html = goals(await parseReport(reportInput(corpusFile(KTM))));
    expect(html).toHaveLength(6);
    expect(goals(await parseReport(reportInput(pdf)))).toEqual(html);
  });
});
