/** Column roles from header wording and cell content; units and years from headers, captions and the text above. */
import { describe, expect, it } from 'vitest';
import { resolveColumns, type ColumnsInput } from '../../../pipeline/stages/columns.js';
import type { RawRow } from '../../../pipeline/types.js';

/** Raw rows from cell texts; `spanned` marks, per row, the cells copied from a rowspan above. */
function rows(cells: readonly (readonly string[])[], spanned?: readonly (readonly boolean[])[]): RawRow[] {
  return cells.map((c, i) => ({
    cells: [...c],
    page: 1,
    line: i + 2,
    endLine: i + 2,
    breakBefore: false,
    ...(spanned ? { spanned: [...spanned[i]!] } : {}),
  }));
}

function table(header: readonly string[] | null, body: readonly (readonly string[])[] = [], more: Partial<ColumnsInput> = {}): ColumnsInput {
  return { header, rows: rows(body), caption: null, context: null, ...more };
}

function resolve(input: ColumnsInput, options = {}) {
  const width = input.header?.length ?? Math.max(1, ...input.rows.map((r) => r.cells.length));
  return resolveColumns(input, width, options);
}

const roles = (r: ReturnType<typeof resolve>) => r.value.map((c) => c.role);
const sources = (r: ReturnType<typeof resolve>) => r.value.map((c) => c.roleFrom);
const codes = (r: ReturnType<typeof resolve>) => r.diagnostics.map((d) => [d.code, d.params]);

describe('roles from the header', () => {
  it.each([
    // the seed
    [['STRATEGISK MÅLSÆTNING', 'IVÆRKSATTE TILTAG/ KONKRETE INDSATSER', 'RESULTATER'], ['goal', 'initiatives', 'results']],
    // Greve SOU, BEU, KTM; Aarhus
    [['Initiativ (nr.)', 'Beskrivelse', 'Status'], ['goal', 'initiatives', 'results']],
    [['Resultatmål', 'Status'], ['goal', 'results']],
    [['Nr.', 'Initiativ', 'Status'], ['number', 'goal', 'results']],
    [['Sag', 'Afd.', 'Til politisk behandling'], ['goal', 'responsible', 'results']],
    // Greve project and budget tables
    [['Nr.', 'Projektnavn', 'U/I', 'Anlægsbevilling', 'Forbrug i alt', 'Afvigelse'], ['number', 'goal', 'other', 'amount', 'amount', 'amount']],
    [['Projekt', 'Anlægsbevilling i 2022 i 1.000 kr.', 'Ændret budgetbehov i 2022 i 1.000 kr.', 'Revideret budget i 1.000 kr.', 'Årsag'], ['goal', 'amount', 'amount', 'amount', 'results']],
    [['Projektnavn', 'Budget 2025', 'Beskrivelse', 'Umiddelbar vurdering'], ['goal', 'amount', 'initiatives', 'results']],
  ])('%j → %j, with no warning', (header, expected) => {
    const r = resolve(table(header));
    expect(roles(r)).toEqual(expected);
    expect(sources(r)).toEqual(expected.map(() => 'header'));
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps the seed header exactly, with no diagnostic at all', () => {
    const r = resolve(table(['STRATEGISK MÅLSÆTNING', 'IVÆRKSATTE TILTAG/ KONKRETE INDSATSER', 'RESULTATER'], [['Mål', 'Tiltag', 'Resultat']]));
    expect(r.value).toEqual([
      { role: 'goal', label: 'STRATEGISK MÅLSÆTNING', roleFrom: 'header', scale: null, year: null },
      { role: 'initiatives', label: 'IVÆRKSATTE TILTAG/ KONKRETE INDSATSER', roleFrom: 'header', scale: null, year: null },
      { role: 'results', label: 'RESULTATER', roleFrom: 'header', scale: null, year: null },
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps one goal column: a second goal wording is another column, with a warning', () => {
    const r = resolve(table(['Projekt', 'Emne', 'Status'], [['A', 'B', 'C']]));
    expect(roles(r)).toEqual(['goal', 'other', 'results']);
    expect(codes(r)).toEqual([['unknown-column', { index: 1, label: 'Emne', role: 'other', reason: 'duplicate' }]]);
  });
});

describe('roles from the cells', () => {
  it('reads a table without a header from its cells: row numbers, names, amounts, dates, a grouping', () => {
    const body = [
      ['1', 'Drift', 'Renovering af tag på skolen', '1.500', '23. april 2025'],
      ['2', 'Drift', 'Ny kloak ved biblioteket', '-2,2', '1. halvår 2025'],
      ['3', 'Anlæg', 'Udskiftning af el-tavler', '11.154', 'Q3 2024'],
      ['4', 'Anlæg', 'Facaderenovering af rådhuset', '0', 'december 2025'],
      ['5', 'Anlæg', 'Køkkenrenovering', '-', 'November'],
    ];
    const r = resolve(table(null, body, { caption: 'Tabel 2. Foranalyser (i 1.000 kr.)' }));
    expect(roles(r)).toEqual(['number', 'group', 'goal', 'amount', 'date']);
    expect(sources(r)).toEqual(['content', 'content', 'content', 'content', 'content']);
    expect(r.value[3]!.scale).toEqual({ unit: '1.000 kr.', factor: 1000, from: 'caption' });
    expect(codes(r)).toEqual([
      ['no-header-row', {}],
      ['unknown-column', { index: 0, label: '', role: 'number', reason: 'row-numbers' }],
      ['unknown-column', { index: 1, label: '', role: 'group', reason: 'repeated-values' }],
      ['unknown-column', { index: 2, label: '', role: 'goal', reason: 'first-text-column' }],
      ['unknown-column', { index: 3, label: '', role: 'amount', reason: 'numbers' }],
      ['unknown-column', { index: 4, label: '', role: 'date', reason: 'dates' }],
    ]);
  });

  it('takes a column of rowspan copies as a grouping', () => {
    const input: ColumnsInput = {
      header: ['Kilde: Jobindsats', 'Periode', 'Beskrivelse'],
      rows: rows(
        [['Hele landet', 'Feb. 2018', 'a'], ['Hele landet', 'Feb. 2019', 'b'], ['Greve', 'Feb. 2018', 'c'], ['Greve', 'Feb. 2019', 'd']],
        [[false, false, false], [true, false, false], [false, false, false], [true, false, false]],
      ),
      caption: null,
      context: null,
    };
    const r = resolve(input);
    expect(roles(r)).toEqual(['group', 'date', 'goal']);
    expect(codes(r)).toEqual([
      ['unknown-column', { index: 0, label: 'Kilde: Jobindsats', role: 'group', reason: 'spanned' }],
      ['unknown-column', { index: 2, label: 'Beskrivelse', role: 'goal', reason: 'first-text-column' }],
    ]);
  });

  it('reads dates under an unknown header (Greve: Projekt | Økonomi (kr.) | Besluttet på …)', () => {
    const body = [
      ['Hundige Bygade + krydset Godsvej/Hundige Bygade', '4,35 mio.', '11. februar 2021'],
      ['Skolevejsanalyser', '450.000', '27. februar 2020'],
      ['Kampagner 2022', '150.000', '11. februar 2021'],
    ];
    const r = resolve(table(['Projekt', 'Økonomi (kr.)', 'Besluttet på Teknik og Miljøudvalget'], body));
    expect(roles(r)).toEqual(['goal', 'amount', 'date']);
    expect(r.value[1]!.scale).toEqual({ unit: 'kr.', factor: 1, from: 'header' });
    expect(codes(r)).toEqual([['unknown-column', { index: 2, label: 'Besluttet på Teknik og Miljøudvalget', role: 'date', reason: 'dates' }]]);
  });

  it('makes the first text column the goal when no header names one (Nr. | Kompenserende tiltag | …)', () => {
    const body = [['a', 'Rengøring', '-1.000', 'Arbejde sidst på året'], ['b', 'Strandrensning', '-500', 'Ophør i uge 37']];
    const r = resolve(table(['Nr.', 'Kompenserende tiltag', 'Beløb i 2022', 'Beskrivelse'], body, { caption: 'Tabel 1 Kompenserende tiltag med reduceret serviceniveau' }));
    expect(roles(r)).toEqual(['number', 'goal', 'amount', 'initiatives']);
    expect(r.value[2]!.year).toBe(2022);
    expect(codes(r)).toEqual([
      ['unknown-column', { index: 1, label: 'Kompenserende tiltag', role: 'goal', reason: 'first-text-column' }],
      ['amount-unit-unknown', { index: 2, label: 'Beløb i 2022' }],
    ]);
  });

  it('keeps an amount header over text, and takes the first text column as the goal (Greve: Indsats | Beskrivelse | Udgift)', () => {
    const body = [['Naturbørnehave med opsamlingslokaler', 'Et eksisterende dagtilbud udvides', 'Transport og opsamlingslokale']];
    const r = resolve(table(['Indsats', 'Beskrivelse', 'Udgift'], body));
    expect(roles(r)).toEqual(['goal', 'initiatives', 'amount']);
    expect(codes(r)).toEqual([['unknown-column', { index: 0, label: 'Indsats', role: 'goal', reason: 'first-text-column' }]]);
  });

  it('takes the first column as the goal when no column holds text', () => {
    const r = resolve(table(['Indsats', 'Beskrivelse']));
    expect(roles(r)).toEqual(['goal', 'initiatives']);
    expect(codes(r)).toEqual([['unknown-column', { index: 0, label: 'Indsats', role: 'goal', reason: 'first-column' }]]);
  });

  it('makes the first text column the goal when no header names one (Greve: Tidspunkt | Aktivitet | …)', () => {
    const body = [
      ['4. kvartal 2024', 'Udarbejdelse af godkendelsesansøgning', '0'],
      ['1. – 2. kvartal 2025', 'Sagsbehandling i Socialtilsynet', '0'],
      ['2026', 'Indflytning af 1-2 yderligere', '4-5'],
      ['2027', 'Fuld belægning', '6'],
    ];
    const r = resolve(table(['Tidspunkt', 'Aktivitet', 'Skønnet beboerantal, ny målgruppe'], body));
    expect(roles(r)).toEqual(['date', 'goal', 'other']);
    expect(codes(r)).toEqual([['unknown-column', { index: 1, label: 'Aktivitet', role: 'goal', reason: 'first-text-column' }]]);
  });

  it('reads a stub header naming only the unit as the goal, and its unit as the table’s', () => {
    const header = ['Resultatopgørelse (mio. kr.)', 'Opr. budget', 'Korr. budget', 'Forv. regnskab', 'Forventet afvigelse', 'Forventet afvigelse efter tiltag'];
    const body = [
      ['Indtægter – skatter og generelle tilskud', '-3.269,2', '-3.269,2', '-3.259,7', '9,6', '9,6'],
      ['Driftsudgifter -serviceudgifter', '2.296,0', '2.318,0', '2.374,0', '52,6*', '40,3*'],
      ['Renter og kursregulering', '1,4', '-2,3', '-2,5', '-0,3', '-0,3'],
    ];
    const r = resolve(table(header, body));
    expect(roles(r)).toEqual(['goal', 'amount', 'amount', 'amount', 'amount', 'amount']);
    expect(r.value.slice(1).map((c) => c.scale)).toEqual(Array(5).fill({ unit: 'mio. kr.', factor: 1e6, from: 'header' }));
    expect(codes(r)).toEqual([['unknown-column', { index: 0, label: 'Resultatopgørelse (mio. kr.)', role: 'goal', reason: 'first-text-column' }]]);
  });

  it('lends the unit of a stub column named by its wording ("Udvalg mio.kr.") to the amounts, with their years', () => {
    const header = ['Udvalg mio.kr.', 'Faktisk udgifter 28/2-23', 'Forventet udgift rest 2023', 'I alt'];
    const body = [
      ['Klima, Teknik- og Miljøudvalget', '1,382', '6,909', '8,291'],
      ['Skole, Børne og Ungeudvalget', '0,704', '3,528', '4,232'],
    ];
    const r = resolve(table(header, body));
    expect(roles(r)).toEqual(['goal', 'amount', 'amount', 'amount']);
    expect(r.value.map((c) => c.year)).toEqual([null, null, 2023, null]);
    expect(r.value[3]!.scale).toEqual({ unit: 'mio.kr.', factor: 1e6, from: 'header' });
  });

  it('leaves a text column before the goal as other, and columns after it by position', () => {
    const r = resolve(table(['Bygning', 'Projekt', 'Udgift i t. kr.', 'Hvad der kommer'], [['Greve Borgerhus', 'Renovering af kloak', '500', 'Noget']]));
    expect(roles(r)).toEqual(['other', 'goal', 'amount', 'initiatives']);
    expect(r.value[2]!.scale).toEqual({ unit: 't. kr.', factor: 1000, from: 'header' });
    expect(codes(r)).toEqual([
      ['unknown-column', { index: 0, label: 'Bygning', role: 'other', reason: 'position' }],
      ['unknown-column', { index: 3, label: 'Hvad der kommer', role: 'initiatives', reason: 'position' }],
    ]);
  });

  it('falls back to position for unknown wordings over text, initiatives then results', () => {
    const r = resolve(table(['Emne', 'Hvad vi gjorde', 'Hvordan det gik'], [['A', 'Vi gjorde noget', 'Det gik godt']]), { line: 4 });
    expect(roles(r)).toEqual(['goal', 'initiatives', 'results']);
    expect(r.diagnostics.map((d) => d.params.reason)).toEqual(['position', 'position']);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', line: 4 });
  });

  it('takes percentages as other, never as money', () => {
    const r = resolve(table(['Serviceudgifter (mio. kr.)', 'Afvigelse', 'Afvigelse (%)', 'Ændring'], [['Serviceudgifter', '40,7', '1,75%', '2,1 %']]));
    expect(roles(r)).toEqual(['goal', 'amount', 'other', 'other']);
    expect(codes(r).at(-1)).toEqual(['unknown-column', { index: 3, label: 'Ændring', role: 'other', reason: 'percentages' }]);
  });

  it('says when no column can be the goal', () => {
    const r = resolve(table(['Nr.'], [['1'], ['2']]));
    expect(roles(r)).toEqual(['number']);
    expect(codes(r)).toEqual([['missing-column', { role: 'goal' }]]);
  });
});

describe('units and years', () => {
  it('takes a unit from the header, else the caption, else the text above', () => {
    const header = ['Nr.', 'Projektnavn', 'Anlægsbevilling', 'Forbrug i alt i mio. kr.'];
    const body = [['159', 'Tagrenovering, Bugtskolen', '30.341', '30,3']];
    const caption = 'Tabel 1 - Anlægsprojekter under Klima-, Teknik- og Miljøudvalget (1.000 kr.)';
    const withCaption = resolve(table(header, body, { caption, context: 'Beløb i t.kr.' }));
    expect(withCaption.value.map((c) => c.scale)).toEqual([
      null,
      null,
      { unit: '1.000 kr.', factor: 1000, from: 'caption' },
      { unit: 'mio. kr.', factor: 1e6, from: 'header' },
    ]);
    const withContext = resolve(table(header, body, { context: 'Alle beløb er i 1.000 kr.' }));
    expect(withContext.value[2]!.scale).toEqual({ unit: '1.000 kr.', factor: 1000, from: 'context' });
  });

  it('warns when bare amounts have no unit anywhere, and reads lone years as amount columns with their year', () => {
    const header = ['Nr.', 'Projekt', '2024', '2025'];
    const body = [['331', 'Genopretningspuljen', '10.700', '14.000'], ['446', 'Greve Borgerhus – Kloakrenovering', '500', '']];
    const context = 'Der afsættes 10,7 mio. kr. i 2024 fra Genopretningspuljen til konkrete projekter.';
    const r = resolve(table(header, body, { context }));
    expect(roles(r)).toEqual(['number', 'goal', 'amount', 'amount']);
    expect(r.value.map((c) => [c.year, c.scale])).toEqual([[null, null], [null, null], [2024, null], [2025, null]]);
    expect(codes(r)).toEqual([
      ['amount-unit-unknown', { index: 2, label: '2024' }],
      ['amount-unit-unknown', { index: 3, label: '2025' }],
    ]);
  });

  it('does not warn when the figures carry their own unit', () => {
    const body = [['Museumsbygning', '37,6 mio. kr.', '45,3 mio. kr.'], ['Fortgården og udearealer', '8,5 mio. kr.', '10,4 mio. kr.'], ['Indeksering', '4,0 mio. kr.', '4,7 mio. kr.']];
    const r = resolve(table(['', 'Scenarie 1 (reduceret projekt)', 'Scenarie 2 (prospekt)'], body));
    expect(roles(r)).toEqual(['goal', 'amount', 'amount']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unknown-column', 'unknown-column', 'unknown-column']);
  });
});

describe('--columns', () => {
  it('replaces every role, and still reads units and years from the header', () => {
    const r = resolve(table(['A', 'B', 'Beløb 2025 (t.kr.)']), { override: ['other', 'goal', 'amount'] });
    expect(roles(r)).toEqual(['other', 'goal', 'amount']);
    expect(sources(r)).toEqual(['override', 'override', 'override']);
    expect(r.value[2]).toMatchObject({ scale: { unit: 't.kr.', factor: 1000, from: 'header' }, year: 2025 });
    expect(r.diagnostics).toEqual([]);
  });

  it('says when the roles do not fit the table', () => {
    const r = resolve(table(['A', 'B']), { override: ['goal'] });
    expect(codes(r)).toEqual([['columns-override', { detail: '1 roles given for 2 columns' }]]);
    expect(roles(r)).toEqual(['goal', 'other']);
  });
});

describe('cells read as dates', () => {
  it.each([
    [['23. april', '1. halvår 2025', 'Q3 2024', 'december 2025', 'Medio marts 2025', 'November', '6. - 9. februar 2023'], 'date'],
    // sentences that hold a date are text, left to position
    [['Åbnet 1. marts 2020.', 'Vedtaget. Byrådet 25. juni', 'Pt. i høring hos Ældrerådet'], 'initiatives'],
  ])('%j → %s', (cells, role) => {
    const body = cells.map((c, i) => [`Punkt ${i + 1} om noget`, c]);
    const r = resolve(table(['Emne', 'Hvad og hvornår'], body));
    expect(roles(r)[1]).toBe(role);
  });
});
