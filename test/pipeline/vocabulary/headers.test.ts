/** Header rules shared by the formats and the columns stage. */
import { describe, expect, it } from 'vitest';
import {
  COLUMN_SYNONYMS,
  COMPOUND_HEADS,
  headerNumbersGoals,
  isNumberHeader,
  looksLikeHeaderRow,
  matchHeader,
  repeatsHeader,
  roleOfHeader,
} from '../../../pipeline/vocabulary/headers.js';

describe('column wordings', () => {
  it.each([
    // the seed, Greve SOU / BEU / KTM, Aarhus
    ['STRATEGISK MÅLSÆTNING', 'goal'],
    ['IVÆRKSATTE TILTAG/ KONKRETE INDSATSER', 'initiatives'],
    ['RESULTATER', 'results'],
    ['Initiativ (nr.)', 'goal'],
    ['Beskrivelse', 'initiatives'],
    ['Status', 'results'],
    ['Resultatmål', 'goal'],
    ['Nr.', 'number'],
    ['Sag', 'goal'],
    ['Afd.', 'responsible'],
    ['Til politisk behandling', 'results'],
    ['Forventet fremsendt', 'results'],
    ['Vedtaget', 'results'],
    // Greve budget and project tables
    ['Projektnavn', 'goal'],
    ['Projekt', 'goal'],
    ['U/I', 'other'],
    ['Anlægsbevilling', 'amount'],
    ['Afvigelse', 'amount'],
    ['Forventet regnskab', 'amount'],
    ['Opr. budget', 'amount'],
    ['Korr. Budget', 'amount'],
    ['Forv. regnskab', 'amount'],
    ['TB', 'amount'],
    ['I alt', 'amount'],
    ['Mer-/mindreforbrug', 'amount'],
    ['Bevilling (kr.)', 'amount'],
    ['Beløb i 2022', 'amount'],
    ['Budget 2025', 'amount'],
    ['2025 Beløb i t.kr.', 'amount'],
    ['Udgift i t. kr.', 'amount'],
    ['Anlægsbevilling i 2022 i 1.000 kr.', 'amount'],
    ['Status 8.11.22', 'results'],
    ['Status 2025', 'results'],
    ['Årsag', 'results'],
    ['Bemærkning', 'results'],
    ['Konsekvens', 'results'],
    ['Formål', 'initiatives'],
    ['Dato', 'date'],
    ['Tidspunkt', 'date'],
    ['Tidsplan', 'date'],
    ['Forventet afslutning', 'date'],
    ['Udvalg mio.kr.', 'responsible'],
    ['Budgetopfølgning 1 (1.000 kr.)', 'results'],
    // a money unit or a lone year alone
    ['Resultatopgørelse (mio. kr.)', 'amount'],
    ['Mio. kr.', 'amount'],
    ['Fratrukket fondsmoms (kr.)', 'amount'],
    ['2024', 'amount'],
    ['B2025', 'amount'],
    // a percentage is a share, not money
    ['Afvigelse (%)', 'other'],
    ['Andel', 'other'],
  ])('%s → %s', (label, role) => {
    expect(roleOfHeader(label)).toBe(role);
    expect(matchHeader(label)?.role).toBe(role);
  });

  it.each(['Vejrudsigt', 'Primær udfordring', 'Specialtilbud', 'Bygning', 'Økonomi', '2023-2028 (1. periode)', 'Sagsbehandling', ''])(
    'knows no role for "%s"',
    (label) => {
      expect(matchHeader(label)).toBeNull();
      expect(roleOfHeader(label)).toBeNull();
    },
  );

  it.each([
    // compound words and the head of a longer label: the columns stage reads them, the formats do not
    ['Kompenserende tiltag', 'initiatives'],
    ['Navn på model', 'goal'],
    ['Forventet afvigelse efter tiltag', 'amount'],
    ['Oprindelig Serviceramme', 'amount'],
    ['Serviceramme korrigeret for merudgifter til Ukraine', 'amount'],
    ['Faktisk udgifter 28/2-23', 'amount'],
    ['Forventet udgift rest 2023', 'amount'],
    ['Anslået udgift til entreprise', 'amount'],
    ['Forbrug i alt', 'amount'],
    ['Foranalyseudgift i t. kr. i 2024', 'amount'],
    ['Umiddelbar vurdering', 'results'],
    ['Boligtype', 'group'],
    ['Serviceområde', 'group'],
    ['Mødedato', 'date'],
    ['Projektansvarlig', 'responsible'],
    ['Sagsnr.', 'number'],
    ['Antal elever pr. september 2022', 'other'],
    ['Skønnet beboerantal, ny målgruppe', 'other'],
  ])('reads the words of %s → %s', (label, role) => {
    expect(matchHeader(label)).toEqual({ role, by: 'word' });
  });

  it('says what in the label gave the role', () => {
    expect(matchHeader('Status')).toEqual({ role: 'results', by: 'wording' });
    expect(matchHeader('Resultatopgørelse (mio. kr.)')).toEqual({ role: 'amount', by: 'unit' });
    expect(matchHeader('2025')).toEqual({ role: 'amount', by: 'year' });
    // The formats look for header rows with roleOfHeader: a content cell read word by word is not a label.
    expect(roleOfHeader('Anlægsudgifter inden for rammen')).toBeNull();
    expect(roleOfHeader('Kilde: Jobindsats')).toBeNull();
  });

  it('lists every compound head apart from the whole wordings, without duplicates', () => {
    for (const [role, words] of Object.entries(COLUMN_SYNONYMS)) expect(new Set(words).size, role).toBe(words.length);
    for (const [role, heads] of Object.entries(COMPOUND_HEADS)) expect(new Set(heads).size, role).toBe(heads!.length);
  });
});

describe('header rows', () => {
  it('drops a sub-header that renames a column under a section, not a row of content', () => {
    const header = ['Sag', 'Afd.', 'Til politisk behandling'];
    expect(repeatsHeader(['Sag', 'Afd.', 'Vedtaget'], header)).toBe(true);
    expect(repeatsHeader(['Sag', 'Afd.', 'Forventet fremsendt'], header)).toBe(true);
    expect(repeatsHeader(['Serviceniveau for 2026', 'Borgervelfærd', 'November'], header)).toBe(false);
    expect(repeatsHeader(['Sag om noget', 'Afd.', 'Til politisk behandling'], header)).toBe(false);
  });

  it('tells a header row from a budget table’s first row of content', () => {
    expect(looksLikeHeaderRow(['Nr.', 'Projekt', '2024', '2025'])).toBe(true);
    expect(looksLikeHeaderRow(['Resultatopgørelse (mio. kr.)', 'Opr. budget', 'Korr. budget'])).toBe(true);
    expect(looksLikeHeaderRow(['Serviceudgifter', 'Der forventes et pres på servicerammen på 40,7 mio. kr.'])).toBe(false);
  });

  it('knows number columns and numbered goal headers', () => {
    expect(isNumberHeader('Nr.')).toBe(true);
    expect(isNumberHeader('Løbenummer')).toBe(true);
    expect(isNumberHeader('#')).toBe(true);
    expect(isNumberHeader('Status')).toBe(false);
    expect(isNumberHeader('Initiativ (nr.)')).toBe(false);
    expect(headerNumbersGoals('Initiativ (nr.)')).toBe(true);
    expect(headerNumbersGoals('Initiativ')).toBe(false);
  });
});
