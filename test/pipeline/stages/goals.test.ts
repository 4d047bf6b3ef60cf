/** Goal records: every cell of a row kept with its column, groups, totals, label rows, titles and ids. */
import { describe, expect, it } from 'vitest';
import { buildGoalRecords, titleAndSubtitle } from '../../../pipeline/stages/goals.js';
import type { StitchedRow } from '../../../pipeline/types.js';
import type { Column, ColumnRole } from '../../../schemas/report.js';

const REPORT_ID = 'ab'.repeat(32);
const column = (label: string, role: ColumnRole): Column => ({ label, role, roleFrom: 'header', scale: null, year: null });
const row = (cells: string[], extra: Partial<StitchedRow> = {}): StitchedRow => ({ kind: 'goal', cells, pages: [1, 1], lines: [1, 1], ...extra });
const place = { table: 2, goalsBefore: 3, sectionsBefore: 1 };

describe('buildGoalRecords', () => {
  it('keeps every cell of a row in table order, with its column label and role', () => {
    const columns = [column('Mål', 'goal'), column('Status', 'results'), column('Ansvarlig', 'responsible')];
    const { goals } = buildGoalRecords([row(['Nyt bibliotek', '<p>Åbnet.</p>', 'Center for Kultur'])], columns, REPORT_ID, place).value;
    expect(goals[0]).toMatchObject({ ordinal: 4, table: 2, title: 'Nyt bibliotek', total: false, group: null });
    expect(goals[0]!.cells).toEqual([
      { label: 'Mål', role: 'goal', text: 'Nyt bibliotek', blocks: [{ type: 'paragraph', text: 'Nyt bibliotek' }] },
      { label: 'Status', role: 'results', text: 'Åbnet.', blocks: [{ type: 'paragraph', text: 'Åbnet.' }] },
      { label: 'Ansvarlig', role: 'responsible', text: 'Center for Kultur', blocks: [{ type: 'paragraph', text: 'Center for Kultur' }] },
    ]);
  });

  it('gives each row the group of its grouping column, carried down until the next value', () => {
    const columns = [column('Type', 'group'), column('Projekt', 'goal'), column('Beløb', 'amount')];
    const rows = [row(['Anlæg', 'Skolevej', '1.500']), row(['', 'Cykelsti', '300']), row(['Drift', 'Vejbelysning', '20'])];
    const { goals } = buildGoalRecords(rows, columns, REPORT_ID, place).value;
    expect(goals.map((g) => [g.title, g.group])).toEqual([['Skolevej', 'Anlæg'], ['Cykelsti', 'Anlæg'], ['Vejbelysning', 'Drift']]);
  });

  it('flags totals rows, turns label-only rows into sections and skips empty rows', () => {
    const columns = [column('Projekt', 'goal'), column('Beløb', 'amount')];
    const rows = [row(['Udmøntes:', '']), row(['Skolevej', '1.500']), row(['', '']), row(['I alt', '1.500']), row(['Udmøntet sum', '1.500'])];
    const { goals, sections } = buildGoalRecords(rows, columns, REPORT_ID, place).value;
    expect(sections).toEqual([{ ordinal: 2, table: 2, title: 'Udmøntes' }]);
    expect(goals.map((g) => [g.title, g.total, g.section])).toEqual([['Skolevej', false, 'Udmøntes'], ['I alt', true, 'Udmøntes'], ['Udmøntet sum', true, 'Udmøntes']]);
  });

  it('gives ids from the table and the title, counting a repeated title, not the row ordinal', () => {
    const columns = [column('Projekt', 'goal'), column('Beløb', 'amount')];
    const { goals } = buildGoalRecords([row(['Pulje', '1']), row(['Skolevej', '2']), row(['Pulje', '3'])], columns, REPORT_ID, place).value;
    expect(goals.map((g) => g.id)).toEqual(['abababababab-2-pulje', 'abababababab-2-skolevej', 'abababababab-2-pulje-2']);
  });

  it('takes a number column and a "(nr.)" header as the goal number', () => {
    const numbered = buildGoalRecords([row(['3.', 'Ny plan'])], [column('Nr.', 'number'), column('Initiativ', 'goal')], REPORT_ID, place).value;
    expect(numbered.goals[0]).toMatchObject({ number: '3', title: 'Ny plan' });
    const inTitle = buildGoalRecords([row(['1.Ny ældrelov'])], [column('Initiativ (nr.)', 'goal')], REPORT_ID, place).value;
    expect(inTitle.goals[0]).toMatchObject({ number: '1', title: 'Ny ældrelov' });
  });
});

describe('titleAndSubtitle', () => {
  it('reads a short name paragraph and a describing paragraph as title and subtitle', () => {
    expect(titleAndSubtitle([
      { type: 'paragraph', text: 'GERIKOM' },
      { type: 'paragraph', text: 'Et fælles omsorgssystem for hjemmeplejen og plejecentrene.' },
    ])).toEqual({ title: 'GERIKOM', subtitle: 'Et fælles omsorgssystem for hjemmeplejen og plejecentrene.' });
  });

  it('keeps a heading or a dash paragraph as the subtitle rule, and one sentence as the whole title', () => {
    expect(titleAndSubtitle([{ type: 'heading', text: 'Strategi' }, { type: 'paragraph', text: '- Revision i 2017' }])).toEqual({ title: 'Strategi', subtitle: 'Revision i 2017' });
    expect(titleAndSubtitle([{ type: 'paragraph', text: 'Kortere ventetid på genoptræning.' }])).toEqual({ title: 'Kortere ventetid på genoptræning.', subtitle: null });
  });
});

describe('labels shared by the rows of an area', () => {
  it('reads a first paragraph several rows share as the group, and the paragraph after it as the title', () => {
    const columns = [column('Resultatmål', 'goal'), column('Status', 'results')];
    const cell = (label: string, goal: string) => `<div><p>${label}</p><p>${goal}</p></div>`;
    const rows = [
      row([cell('Resultatmål under voksenliv', 'Færre på offentlig forsørgelse.'), 'Nået.']),
      row([cell('Resultatmål under voksenliv', 'Flere i job.'), 'I gang.']),
      row([cell('Resultatmål under ungeliv', 'Flere unge i uddannelse.'), 'I gang.']),
    ];
    const { goals } = buildGoalRecords(rows, columns, REPORT_ID, place).value;
    expect(goals.map((g) => [g.group, g.title, g.subtitle])).toEqual([
      ['Resultatmål under voksenliv', 'Færre på offentlig forsørgelse.', null],
      ['Resultatmål under voksenliv', 'Flere i job.', null],
      ['Resultatmål under ungeliv', 'Flere unge i uddannelse.', null],
    ]);
  });

  it('takes an item name standing in another text column, and says so', () => {
    const columns = [column('Bygning', 'other'), column('Projekt', 'goal'), column('Udgift i t. kr.', 'amount')];
    const { value, diagnostics } = buildGoalRecords([row(['Skole', 'Tag', '500']), row(['I alt', '', '500'])], columns, REPORT_ID, place);
    expect(value.goals.map((g) => [g.title, g.total])).toEqual([['Tag', false], ['I alt', true]]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'title-from-column', params: { index: 0, label: 'Bygning' } })]);
  });

  it('reads a name alone, where the other rows have figures beside theirs, as a label over the rows under it', () => {
    const columns = [column('Projekt', 'goal'), column('Beløb i 1.000 kr.', 'amount')];
    const rows = [row(['Ændring i besluttede projekter', '']), row(['Skolevej', '1.500']), row(['Cykelsti', '300'])];
    const { goals, sections } = buildGoalRecords(rows, columns, REPORT_ID, place).value;
    expect(sections.map((s) => s.title)).toEqual(['Ændring i besluttede projekter']);
    expect(goals.map((g) => [g.title, g.section])).toEqual([['Skolevej', 'Ændring i besluttede projekter'], ['Cykelsti', 'Ændring i besluttede projekter']]);
  });

  it('takes a numbering most item names open with as the goal number', () => {
    const columns = [column('Projektnavn', 'goal'), column('Budget', 'amount')];
    const rows = [row(['(436) Krogårdskolen', '1']), row(['(437) Tune Skole', '2']), row(['(438) Hallen', '3'])];
    const { goals } = buildGoalRecords(rows, columns, REPORT_ID, place).value;
    expect(goals.map((g) => [g.number, g.title])).toEqual([['436', 'Krogårdskolen'], ['437', 'Tune Skole'], ['438', 'Hallen']]);
  });
});
