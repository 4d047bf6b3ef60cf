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

describe('a row after a page break is judged against the goal so far', () => {
  const goal = row(['Bedre bredbånd', 'Etablering af fiber', 'Tre udbydere i Skovlun-']);
  // The rest of the hyphenated word, alone on the next page: "de" is a function word on its own.
  const fragment = row(['', '', 'de'], { page: 2, breakBefore: true });
  const next = row(['Implementering', 'Omlægning af it', 'It-arkitekturen tilpasset'], { page: 3, breakBefore: true });

  it('a word rejoined across the break is not read as a text cut after a function word', () => {
    const { value, diagnostics } = classifyRows([goal, fragment, next], 0);
    expect(value.map((r) => r.kind)).toEqual(['goal', 'continuation', 'goal']);
    expect(diagnostics.map((d) => d.params)).toEqual([{ reason: 'its goal cell is empty' }]);
  });

  it('a goal cut after a function word still takes the next row, as before', () => {
    const cut = row(['', '', 'for de'], { page: 2, breakBefore: true });
    const { value } = classifyRows([goal, cut, { ...next, cells: ['Implementering', 'Omlægning af it', 'nye borgere'] }], 0);
    expect(value.map((r) => r.kind)).toEqual(['goal', 'continuation', 'continuation']);
  });
});
