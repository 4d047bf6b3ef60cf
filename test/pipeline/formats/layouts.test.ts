/**
 * Other layouts of the family: real documents from other municipalities and committees (Greve HTML,
 * Aarhus Word PDF; read in place from the shared corpus) and synthetic shapes. Each table row becomes a goal, the prose around the table is
 * the intro, and a document without a table says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport, sniffFormat } from '../../../pipeline/index.js';
import { COLUMN_SYNONYMS } from '../../../pipeline/vocabulary/headers.js';
import type { Report } from '../../../schemas/report.js';
import { corpusFile, corpusSkipReason, reportInput, skippedBecause } from '../../corpus.js';
import { cell } from '../../helpers.js';

const parse = (path: string): Promise<Report> => parseReport(reportInput(path));
/** The real documents are read in place from the shared corpus: without it their tests are skipped. */
const corpusMissing = corpusSkipReason();
const problems = (r: Report) => r.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);
const markup = /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i;

function texts(r: Report): string {
  return r.goals.flatMap((g) => [g.title, g.subtitle ?? '', cell(g, 'initiatives').text, cell(g, 'results').text]).join('\n');
}

describe.skipIf(corpusMissing)(`Greve, Sundheds- og Omsorgsudvalget 2024: Initiativ (nr.) | Beskrivelse | Status${skippedBecause(corpusMissing)}`, () => {
  it('gives 18 numbered goals with the numbers taken off the titles, and the agenda prose as intro', async () => {
    const r = await parse(corpusFile('greve_2024-06-03_SOU_aeldrereform_status_initiativer.html'));
    expect(problems(r)).toEqual([]);
    expect(r.tables[0]!.columns.map((c) => c.role)).toEqual(['goal', 'initiatives', 'results']);
    expect(r.goals.map((g) => g.number)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(r.goals[0]!.title).toBe('Ny ældrelov');
    expect(cell(r.goals[0]!, 'results').text).toBe('Afventer.');
    expect(r.goals[1]!.title).toMatch(/^Helhedspleje og borgernær visitation, som skal øge/);
    expect(r.goals.every((g) => !/^\d/.test(g.title))).toBe(true);
    expect(r.intro).toContain('376,1 mio. kr.');
    expect(r.intro).toContain('Ældreloven fremsættes');
    expect(texts(r)).not.toMatch(markup);
  });
});

describe.skipIf(corpusMissing)(`Greve, Beskæftigelses- og Erhvervsudvalget 2022: Resultatmål | Status${skippedBecause(corpusMissing)}`, () => {
  it('gives 4 goals from a 2-column table, results and no initiatives', async () => {
    const r = await parse(corpusFile('greve_2022-11-14_BEU_beskaeftigelsesplan_resultatmaal_status.html'));
    expect(problems(r)).toEqual([]);
    expect(r.tables[0]!.columns).toEqual([
      { role: 'goal', label: 'Resultatmål', roleFrom: 'header', scale: null, year: null },
      { role: 'results', label: 'Status', roleFrom: 'header', scale: null, year: null },
    ]);
    expect(r.goals).toHaveLength(4);
    expect(r.goals.every((g) => cell(g, 'initiatives').text === '' && cell(g, 'results').text.startsWith('Status august 2022'))).toBe(true);
    expect(cell(r.goals[0]!, 'results').text).toContain('31,5 procent');
    expect(r.goals[0]!.facts.map((f) => f.text)).toContain('4,6 procentpoint');
    expect(texts(r)).not.toMatch(markup);
  });
});

describe.skipIf(corpusMissing)(`Greve, Klima-, Teknik- og Miljøudvalget 2025: Nr. | Initiativ | Status${skippedBecause(corpusMissing)}`, () => {
  it('keeps the number column as each goal\'s number', async () => {
    const r = await parse(corpusFile('greve_2025-03-27_KTM_byggesagsbehandling_status_initiativer.html'));
    expect(problems(r)).toEqual([]);
    expect(r.tables[0]!.columns.map((c) => c.role)).toEqual(['number', 'goal', 'results']);
    expect(r.goals.map((g) => [g.number, cell(g, 'results').text])).toEqual([
      ['1', 'Igangsat'],
      ['2', 'Færdig'],
      ['3', 'Igangsat'],
      ['4', 'Igangsat'],
      ['5', 'Igangsat'],
      ['6', 'Igangsat'],
    ]);
    expect(r.goals[1]!.title).toBe('Opnormering af byggesagsteamet');
    expect(r.intro).toContain('1,3 mio. kr. årligt');
  });
});

describe.skipIf(corpusMissing)(`Aarhus, Sundhed og Omsorg, "Sager på vej 2025" (Word PDF)${skippedBecause(corpusMissing)}`, () => {
  it('gives 79 goals under 6 sections, section sub-headers and page furniture left out', async () => {
    const r = await parse(corpusFile('aarhus_2025-08-29_sager_paa_vej_sundhed_og_omsorg.pdf'));
    expect(r.source).toMatchObject({ format: 'pdf', pages: 4 });
    expect(problems(r)).toEqual([]);
    // "Afd." (the department) is the responsible unit: kept on every goal as a cell of its own.
    expect(r.tables[0]!.columns.map((c) => c.role)).toEqual(['goal', 'responsible', 'results']);
    expect(r.goals[0]!.cells[1]).toEqual(expect.objectContaining({ label: 'Afd.', role: 'responsible', text: expect.stringMatching(/\S/) }));
    expect(r.sections.map((s) => s.title)).toEqual([
      'Fremsendte sager 2025',
      'Sager på vej i 2025',
      'Færdigbehandlede sager i 2025',
      'Færdigbehandlede sager i 2024',
      'Færdigbehandlede sager i 2023',
      'Færdigbehandlede sager i 2022',
    ]);
    expect(r.goals).toHaveLength(79);
    expect(r.goals.filter((g) => g.section === 'Sager på vej i 2025').map((g) => g.title)).toEqual([
      'Ankestyrelsens Danmarkskort på det sociale område 2025 (med MSB)',
      'Svar på forslag fra V, M, KF, LA, DD og RV om lokalplejehjem',
      'Serviceniveau for 2026',
    ]);
    expect(cell(r.goals[0]!, 'results').text).toBe('Pt. i høring hos Ældreråd og Handicapråd – fremsendes medio september');
    expect(r.goals.every((g) => g.title !== 'Sag' && !/Side \d af/.test(g.title + cell(g, 'results').text))).toBe(true);
    const pages = r.goals.map((g) => g.provenance.pages[0]);
    expect(new Set(pages)).toEqual(new Set([1, 2, 3, 4]));
  });
});

describe('synthetic shapes', () => {
  it('4 columns with a number column, <thead>, spanning section rows in ordinary case and a layout table before', async () => {
    const r = await parse('fixtures/layout-4col-numbered-sections-html/input.html');
    expect(problems(r)).toEqual([]);
    expect(r.title).toBe('Status på Børne- og Ungeudvalgets mål 2022-2025');
    expect(r.committee).toBe('Børne- og Ungeudvalget');
    expect(r.sections.map((s) => s.title)).toEqual(['Dagtilbud', 'Skole']);
    expect(r.goals.map((g) => [g.number, g.section, g.title, g.subtitle])).toEqual([
      ['1', 'Dagtilbud', 'Flere pædagoger i dagtilbud', null],
      ['2', 'Dagtilbud', 'Sprogscreening af alle 3-årige', 'også i private institutioner'],
      ['3', 'Skole', 'Mindre fravær i udskolingen', null],
      ['4', 'Skole', 'Styrket trivsel', null],
    ]);
    expect(cell(r.goals[0]!, 'initiatives').text).toBe('Der er ansat 24 pædagoger siden 2022 & normeringen er forbedret.');
    expect(r.intro).toContain('Næste status forelægges udvalget i marts 2026.');
  });

  it('2 columns in the text format with capitals section rows', async () => {
    const r = await parse('fixtures/layout-2col-text/input.txt');
    expect(problems(r)).toEqual([]);
    expect(r.sections.map((s) => s.title)).toEqual(['SUNDHEDSFREMME', 'ÆLDREOMRÅDET']);
    expect(r.goals.map((g) => [g.section, g.title])).toEqual([
      ['SUNDHEDSFREMME', 'Færre rygere blandt unge'],
      ['SUNDHEDSFREMME', 'Flere i motion'],
      ['ÆLDREOMRÅDET', 'Kortere ventetid på hjemmepleje'],
    ]);
  });

  it('a document with no table gives a clear error and no goals', async () => {
    const r = await parse('fixtures/html-no-table/input.html');
    expect(r.source.format).toBe('html');
    expect(r.goals).toEqual([]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'no-table']]);
    expect(r.diagnostics[0]).toMatchObject({ params: { reason: 'no-table-element' } });
  });
});

describe('format sniffing', () => {
  const sniff = (path: string) => sniffFormat(readFileSync(path));

  it('tells the fixtures apart by content', () => {
    expect(sniff('fixtures/oekonomiudvalget-2014-2017/input.txt')).toBe('text');
    expect(sniff('fixtures/oekonomiudvalget-2014-2017-html/input.html')).toBe('html');
    expect(sniff('fixtures/html-no-table/input.html')).toBe('html');
    expect(sniff('fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf')).toBe('pdf');
    expect(sniffFormat(new TextEncoder().encode('Titel\n\nMål\tStatus\n<p>A</p>\tB\n<p>C</p>\tD\nE\tF\n'))).toBe('text');
  });

  it.skipIf(corpusMissing)(`tells real documents apart by content${skippedBecause(corpusMissing)}`, () => {
    expect(sniff(corpusFile('greve_2022-11-14_BEU_beskaeftigelsesplan_resultatmaal_status.html'))).toBe('html');
    expect(sniff(corpusFile('aarhus_2025-08-29_sager_paa_vej_sundhed_og_omsorg.pdf'))).toBe('pdf');
  });
});

describe('README column table', () => {
  it('lists exactly the wordings of COLUMN_SYNONYMS', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const [role, words] of Object.entries(COLUMN_SYNONYMS)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| ${role} | `));
      expect(row, `README has a row for ${role}`).toBeDefined();
      const listed = row!.slice(`| ${role} | `.length, -2).split(', ');
      expect(listed, role).toEqual([...words]);
    }
  });
});
