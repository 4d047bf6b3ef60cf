/** Classify: format hints on raw rows (a section, a row cut by the page break) decide a row's kind. */
import { describe, expect, it } from 'vitest';
import { classifyRows } from '../../../pipeline/stages/classify.js';
import type { RawRow } from '../../../pipeline/types.js';

const row = (cells: string[], extra: Partial<RawRow> = {}): RawRow => ({ cells, page: 1, line: 1, endLine: 1, breakBefore: false, ...extra });

describe('format hints on raw rows', () => {
  it('a row marked as a section is one, whatever its case', () => {
    const { value } = classifyRows([row(['Børn og unge', ''], { section: true }), row(['Mål', 'Status'])], 0);
    expect(value.map((r) => r.kind)).toEqual(['section', 'goal']);
  });

  it('a row marked as cut by the page break continues the goal above, even with its goal cell filled', () => {
    const rows = [row(['Social kapital', 'På baggrund af et projekt er den i drift.']), row(['- en ny tilgang', 'Social kapital er nu i drift.'], { page: 2, breakBefore: true, continues: true })];
    const { value, diagnostics } = classifyRows(rows, 0);
    expect(value.map((r) => r.kind)).toEqual(['goal', 'continuation']);
    expect(diagnostics.map((d) => d.code)).toEqual(['row-continued']);
    const unmarked = classifyRows([rows[0]!, { ...rows[1]!, continues: undefined }], 0).value;
    expect(unmarked.map((r) => r.kind)).toEqual(['goal', 'goal']);
  });
});
