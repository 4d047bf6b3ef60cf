/**
 * One report, several formats, the same records: the seed as extracted text, as an HTML page, as the
 * PDF Chromium printed from it, and as three more prints whose pages break rows at other places must
 * give the same sections, goals (section, number, title, subtitle, cells with their blocks), facts and
 * series. Provenance and ids (which hash the source bytes) are left aside. (The Greve KTM item as HTML
 * and as its unruled print is in `pdf-unruled.e2e.test.ts`: the print is made by Chromium.)
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';
import { withoutBoxes } from '../../helpers.js';

const FORMS = {
  text: 'fixtures/oekonomiudvalget-2014-2017/input.txt',
  html: 'fixtures/oekonomiudvalget-2014-2017-html/input.html',
  pdf: 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf',
  'pdf printed again (A4, collapsed borders)': 'fixtures/oekonomiudvalget-2014-2017-pdf-a4/input.pdf',
  'pdf printed again (12 pt serif)': 'fixtures/oekonomiudvalget-2014-2017-pdf-serif/input.pdf',
  'pdf printed again (DejaVu Sans)': 'fixtures/oekonomiudvalget-2014-2017-pdf-dejavu/input.pdf',
} as const;

/**
 * What must be equal across formats: everything but provenance, ids, PDF boxes and the source description. The
 * item-name cell is compared by its text: a PDF has no markup to tell a heading from a paragraph
 * (its title and subtitle, compared on the goal, are the same).
 */
function records(report: Report) {
  return {
    title: report.title,
    intro: report.intro,
    committee: report.committee,
    period: report.period,
    columns: report.tables.map((t) => t.columns),
    sections: report.sections,
    goals: withoutBoxes(report.goals).map(({ id: _id, provenance: _p, cells, ...rest }) => ({
      ...rest,
      cells: cells.map((c) => (c.role === 'goal' ? { label: c.label, role: c.role, text: c.text } : c)),
    })),
  };
}

const reports = new Map<string, Report>();
beforeAll(async () => {
  for (const [name, path] of Object.entries(FORMS)) reports.set(name, await parseReport({ path, bytes: readFileSync(path) }));
});

describe('the seed in every format', () => {
  it('is read in the format it is in, without errors or warnings', () => {
    expect([...reports.values()].map((r) => r.source.format)).toEqual(['text', 'html', 'pdf', 'pdf', 'pdf', 'pdf']);
    for (const r of reports.values()) expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('gives 40 goals in 13 sections each time', () => {
    for (const r of reports.values()) {
      expect(r.goals).toHaveLength(40);
      expect(r.sections).toHaveLength(13);
    }
  });

  for (const name of Object.keys(FORMS).slice(1)) {
    it(`${name} ≡ text: same head, sections, goals, cells, blocks, facts and series`, () => {
      const expected = records(reports.get('text')!);
      const actual = records(reports.get(name)!);
      // Goal by goal first, so a failure names the goal.
      for (const [i, g] of expected.goals.entries()) expect(actual.goals[i], `goal ${i + 1} "${g.title}"`).toEqual(g);
      expect(actual).toEqual(expected);
    });
  }

  it('gives each PDF goal the pages it spans', () => {
    const pdf = reports.get('pdf')!;
    const cut = pdf.goals.find((g) => g.title === 'Fremtidens borgerservice')!;
    expect(cut.provenance.pages).toEqual([1, 2]);
    expect(pdf.goals.every((g) => g.provenance.pages[0] >= 1 && g.provenance.pages[1] <= pdf.source.pages)).toBe(true);
    const again = reports.get('pdf printed again (A4, collapsed borders)')!;
    expect(again.source.pages).toBe(11);
    expect(again.goals.filter((g) => g.provenance.pages[0] !== g.provenance.pages[1]).map((g) => g.title)).not.toEqual(
      pdf.goals.filter((g) => g.provenance.pages[0] !== g.provenance.pages[1]).map((g) => g.title),
    );
  });
});
