/** Money units and years named by headers, captions and the sentence above a table. */
import { describe, expect, it } from 'vitest';
import { moneyScaleOf, withoutMoneyUnit, yearOfHeader } from '../../../pipeline/vocabulary/units.js';

describe('moneyScaleOf', () => {
  it.each([
    ['t.kr.', 't.kr.', 1e3],
    ['T. kr.', 'T. kr.', 1e3],
    ['tkr.', 'tkr.', 1e3],
    ['1.000 kr.', '1.000 kr.', 1e3],
    ['(1.000 kr.)', '1.000 kr.', 1e3],
    ['kr. i 1.000', 'kr. i 1.000', 1e3],
    ['Beløb i 1000 kr', '1000 kr', 1e3],
    ['mio. kr.', 'mio. kr.', 1e6],
    ['mio.kr', 'mio.kr', 1e6],
    ['mill. kr.', 'mill. kr.', 1e6],
    ['mia. kr.', 'mia. kr.', 1e9],
    ['Beløb i t.kr.', 't.kr.', 1e3],
    ['2025 Beløb i t.kr.', 't.kr.', 1e3],
    ['Bevilling i mio. kr.', 'mio. kr.', 1e6],
    ['(mio. kr.)', 'mio. kr.', 1e6],
    ['Resultatopgørelse (mio. kr.)', 'mio. kr.', 1e6],
    ['Kr.', 'Kr.', 1],
    ['Budget 2025, mio. kr.', 'mio. kr.', 1e6],
    // Header cells of Greve's budget and project tables
    ['Serviceudgifter (mio. kr.)', 'mio. kr.', 1e6],
    ['Mio. kr.', 'Mio. kr.', 1e6],
    ['Udvalg mio.kr.', 'mio.kr.', 1e6],
    ['Budgetopfølgning 1 (1.000 kr.)', '1.000 kr.', 1e3],
    ['Anlægsbevilling i 2022 i 1.000 kr.', '1.000 kr.', 1e3],
    ['Udgift i t. kr.', 't. kr.', 1e3],
    ['Foranalyseudgift i t. kr. i 2024', 't. kr.', 1e3],
    ['Disponeret beløb (mio. kr.)', 'mio. kr.', 1e6],
    ['Bevilling (kr.)', 'kr.', 1],
    ['Økonomi (kr.)', 'kr.', 1],
    ['Besparelse i kr.', 'kr.', 1],
    // Captions
    ['Tabel 1. Nye projekter (Beløb i 1.000 kr.)', '1.000 kr.', 1e3],
    ['Tabel 2. Foranalyser (i 1.000 kr.)', '1.000 kr.', 1e3],
    ['Tabel 1 - Anlægsprojekter under Klima-, Teknik- og Miljøudvalget (1.000 kr.)', '1.000 kr.', 1e3],
    // An amount comes first, the unit label after it
    ['Tabel 3 – Samlet oversigt over afsluttede anlægsprojekter over 2 mio. kr. (1.000 kr.)', '1.000 kr.', 1e3],
    // The sentence above a table
    ['Nedenstående tabel viser beløbene i 1.000 kr. fordelt på udvalg.', '1.000 kr.', 1e3],
  ])('%s → %s × %d', (text, unit, factor) => {
    expect(moneyScaleOf(text)).toEqual({ unit, factor });
  });

  it.each([
    'på 2,5 mio. kr.',
    'Anlægsregnskaber over 2 mio. kr. 2022',
    'Der er afsat 10,7 mio. kr. i 2024 fra Genopretningspuljen til konkrete projekter.',
    'halvdelen af huslejen, som udgør 125 t. kr. Den manglende besparelse',
    'en besparelse på 1.000 kr. om året',
    'et tilskud på kr. 750.000 til foreningen',
    'i alt 11.000 kr.',
    'fem mio. kr. årligt',
    'Status',
    'Budget 2025',
    'Kroneborg',
    '',
  ])('finds no unit label in "%s"', (text) => {
    expect(moneyScaleOf(text)).toBeNull();
  });

  it('blanks the unit out of a label and leaves the rest', () => {
    expect(withoutMoneyUnit('Udgift i t. kr.').trim()).toBe('Udgift i');
    expect(withoutMoneyUnit('Status')).toBe('Status');
  });
});

describe('yearOfHeader', () => {
  it.each([
    ['2025 Beløb i t.kr.', 2025],
    ['Budget 2024', 2024],
    ['B2025', 2025],
    ['Regnskab 2022', 2022],
    ['2024', 2024],
    ['Beløb i 2022', 2022],
    ['Foranalyseudgift i t. kr. i 2024', 2024],
    ['Anlægsbevilling i 2022 i 1.000 kr.', 2022],
    ['Status 2025', 2025],
  ])('%s → %d', (label, year) => {
    expect(yearOfHeader(label)).toBe(year);
  });

  it.each([
    'Budget 2024-27',
    '2023-2028 (1. periode)',
    'I alt 2023-2034',
    'Status 8.11.22',
    'pr. 31.12.2024',
    'Mio. kr. i 2025-priser',
    'Budget 2024 og 2025',
    'Kode 1850',
    'Nr. 2150',
    'Opr. budget',
  ])('names no single year: %s', (label) => {
    expect(yearOfHeader(label)).toBeNull();
  });
});
