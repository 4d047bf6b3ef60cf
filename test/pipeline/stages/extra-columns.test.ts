/** Columns without a role of their own are kept on each goal, and stored. */
import { describe, expect, it } from 'vitest';
import { openReportDatabase } from '../../../output/sqlite/open.js';
import { writeReport } from '../../../output/sqlite/store.js';
import { parseText } from '../../helpers.js';

const TEXT = 'Status på Kulturudvalgets mål 2024\n\nMål\tTiltag\tStatus\tAnsvarlig\n' +
  'Nyt bibliotek\tBygget.\tÅbnet.\t<p>Center for Kultur</p>\n' +
  'Ny svømmehal\tPlanlagt.\tI gang.\t\n';

describe('extra columns', () => {
  it('keeps the cells of a column with no role on each goal, under its label', async () => {
    const report = await parseText(TEXT);
    expect(report.columns.map((c) => c.role)).toEqual(['goal', 'initiatives', 'results', 'other']);
    expect(report.goals.map((g) => g.extra)).toEqual([
      [{ label: 'Ansvarlig', text: 'Center for Kultur', blocks: [{ type: 'paragraph', text: 'Center for Kultur' }] }],
      [{ label: 'Ansvarlig', text: '', blocks: [] }],
    ]);
    // "Ansvarlig" is a known wording of a role-less column: no warning.
    expect(report.diagnostics.map((d) => d.code)).not.toContain('unknown-column');
  });

  it('keeps an unknown column beyond the three roles too, with a warning', async () => {
    const report = await parseText(TEXT.replace('Ansvarlig', 'Bemærkning til KB'));
    expect(report.goals[0]!.extra.map((c) => [c.label, c.text])).toEqual([['Bemærkning til KB', 'Center for Kultur']]);
    expect(report.diagnostics.map((d) => d.code)).toContain('unknown-column');
  });

  it('stores extra cells as cell blocks named extra:N', async () => {
    const report = await parseText(TEXT);
    const db = openReportDatabase(':memory:');
    writeReport(db, report, 'test');
    const rows = db.prepare("SELECT cell, text FROM cell_blocks WHERE cell LIKE 'extra:%'").all();
    expect(rows).toEqual([{ cell: 'extra:0', text: 'Center for Kultur' }]);
    db.close();
  });
});
