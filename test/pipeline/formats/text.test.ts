import { describe, expect, it } from 'vitest';
import { readTextDocument, splitPagedLines } from '../../../pipeline/formats/text.js';
import { onlyTable } from './pdf-table.js';
import { parseText } from '../../helpers.js';

describe('splitPagedLines', () => {
  it('counts a run of blank lines or a form feed as a page break, a single blank line as a gap', () => {
    const lines = splitPagedLines('\n\nA\n\nB\n\n\nC\fD\n');
    expect(lines.map((l) => [l.text, l.page, l.line, l.breakBefore])).toEqual([
      ['A', 1, 3, false],
      ['B', 1, 5, true],
      ['C', 2, 8, true],
      ['D', 3, 8, true], // a form feed is not a newline: D stands on line 8 after it
    ]);
  });
});

describe('readTextDocument', () => {
  it('reads title, intro, header and rows; drops page furniture and repeated headers', () => {
    const r = readTextDocument('Titel\n\nIntro et.\nIntro to.\nMål\tStatus\nA\tB\n\n\nSide 2 af 3\nMål\tStatus\nC\tD\n');
    const t = onlyTable(r.value);
    expect(t).toMatchObject({
      title: { text: 'Titel', line: 1, page: 1 },
      intro: 'Intro et.\nIntro to.',
      header: ['Mål', 'Status'],
      headerLine: 5,
      pages: 2,
    });
    expect(t.rows.map((row) => row.cells)).toEqual([['A', 'B'], ['C', 'D']]);
  });

  it('reports a document without a table', () => {
    const r = readTextDocument('Bare prosa.\nIngen tabel her.\n');
    expect(r.value).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: 'no-table', severity: 'error', line: 1 });
  });

  it('takes the first row as data when it does not read as a header', async () => {
    const report = await parseText(
      'Titel\n\nMål for byen\t<p>Vi har gjort noget ved det.</p>\t<p>Det gik godt.</p>\n',
    );
    expect(report.goals.map((g) => g.title)).toEqual(['Mål for byen']);
    expect(report.diagnostics.map((d) => d.code)).toContain('no-header-row');
  });
});
