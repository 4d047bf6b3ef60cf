/**
 * The HTML reader on real agenda items (the shared corpus, read in place; skipped when it is absent):
 * every item table found, each with the number of item rows counted by hand in the documents (header
 * rows, a title row above the header and rows with no text not counted), and no title an agenda part.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHtmlDocument } from '../../../pipeline/formats/html.js';
import type { RawDocument } from '../../../pipeline/types.js';
import { isAgendaPartHeading } from '../../../pipeline/vocabulary/agenda.js';
import { corpusFile, corpusSkipReason, skippedBecause } from '../../corpus.js';

const corpusMissing = corpusSkipReason();

/** Item rows per item table, in document order, counted by hand in each document. */
const ROWS_BY_HAND: Readonly<Record<string, readonly number[]>> = {
  'greve/greve_2022-01-17_trafiksikkerhedsprojekter_2022_og_beslutning_om_hundige_byga.html': [3],
  'greve/greve_2022-04-25_intensiveret_indsats_for_borgere_paa_ledighedsydelse.html': [10],
  'greve/greve_2022-09-26_budgetopfoelgning_2_2022.html': [4, 1, 8, 4, 1, 17],
  // The second <table> has an empty <tbody>: no item table.
  'greve/greve_2022-09-26_forslag_til_haandtering_af_kapacitetsudfordring_paa_dagtilbu.html': [5],
  'greve/greve_2022-10-13_budgetopfoelgning_2_2022_klima_teknik_og_miljoeudvalget.html': [8],
  'greve/greve_2022-11-28_aendring_i_brug_af_genopretningspuljen_for_2022.html': [12],
  // One row of empty cells between the totals and the last row.
  'greve/greve_2023-01-10_huskeliste_og_orientering_fra_administrationen.html': [10],
  'greve/greve_2023-01-10_orientering_om_natur_og_skovboernehave.html': [4],
  'greve/greve_2023-02-06_vaerdighedspolitik_2023_2026_oenskede_effekter.html': [4],
  'greve/greve_2023-02-27_anlaegsregnskaber_over_2_mio_kr_2022.html': [10, 3, 12],
  'greve/greve_2023-03-20_fortov_langs_karlslunde_parkvej_forslag_til_tilretning_af_pr.html': [6],
  // A title row above the first header; a two-row header on the second table.
  'greve/greve_2023-03-27_boligprogram_2023.html': [3, 6, 6],
  'greve/greve_2023-03-27_oplaeg_til_borgerinddragelse_i_forhold_til_prioritering_paa.html': [5],
  'greve/greve_2023-05-08_budgetopfoelgning_1_2023.html': [4, 1, 4, 16],
  'greve/greve_2024-01-24_genopretningspuljen_anlaegsbevilling.html': [10, 5, 16],
  'greve/greve_2024-10-30_indeksreguleringspulje_2024_udmoentning.html': [4],
  'greve/greve_2024-11-18_botilbud_for_borgere_med_multihandicap_i_dahliahuset_paa_hed.html': [6],
  'greve/greve_2024-11-27_mosede_fort_tilpasning_og_restfinansiering.html': [10, 8],
  'greve/greve_2025-04-09_fodboldhus_gic_aendret_prioritering.html': [8],
  'greve/greve_2025-10-23_ejendomsstrategi_status_2025_paa_handleplan_2024_26.html': [3],
  'greve_2022-11-14_BEU_beskaeftigelsesplan_resultatmaal_status.html': [4],
  'greve_2024-06-03_SOU_aeldrereform_status_initiativer.html': [18],
  'greve_2025-03-27_KTM_byggesagsbehandling_status_initiativer.html': [6],
};

function readCorpus(name: string): RawDocument {
  const result = readHtmlDocument(readFileSync(corpusFile(name), 'utf8'));
  expect(result.diagnostics).toEqual([]);
  if (!result.value) throw new Error(`${name}: no table`);
  return result.value;
}

describe.skipIf(corpusMissing)(`readHtmlDocument on the Greve agenda items${skippedBecause(corpusMissing)}`, () => {
  it('has a count by hand for every HTML document of the corpus', () => {
    const names = [
      ...readdirSync(corpusFile('greve')).filter((f) => f.endsWith('.html')).map((f) => `greve/${f}`),
      ...readdirSync(corpusFile('.')).filter((f) => f.endsWith('.html')),
    ];
    expect(names.sort()).toEqual(Object.keys(ROWS_BY_HAND).sort());
  });

  it.each(Object.entries(ROWS_BY_HAND))('%s: every item table, with its item rows', (name, rows) => {
    const doc = readCorpus(name);
    expect(doc.tables.map((t) => t.rows.length)).toEqual(rows);
    expect(doc.pages).toBe(1);
    // An agenda item's body names itself nowhere: no title, and never the heading of one of its parts.
    if (doc.title) expect(isAgendaPartHeading(doc.title.text)).toBe(false);
    for (const t of doc.tables) expect(t.header === null || t.header.length === t.rows[0]!.cells.length).toBe(true);
  });

  it('reads captions, context, joined and corner headers and rowspan groups as the documents write them', () => {
    const budget = readCorpus('greve/greve_2023-05-08_budgetopfoelgning_1_2023.html');
    expect(budget.tables.map((t) => t.caption?.text)).toEqual([
      'Tabel 1. Hovedkonklusioner',
      'Tabel 2.Serviceramme',
      'Tabel 3. Merudgifter til boligplacering, undervisning og forsørgelsesudgifter til fordrevne fra Ukraine.',
      'Tabel 4. Resultatoversigt 2023 – Budgetopfølgning 1',
    ]);
    expect(budget.tables[1]!.header?.[0]).toBe('Mio. kr.');

    const housing = readCorpus('greve/greve_2023-03-27_boligprogram_2023.html');
    expect(housing.tables[0]!.caption?.text).toBe('Boligprogram 2023-2034 - Byggemuligheder');
    expect(housing.tables[1]!.header).toEqual(['Status 2022', 'Byggetilladelse Ansøgt', 'Byggetilladelse Givet', 'Lokalplan Igangsat', 'Lokalplan Vedtaget', 'I alt']);

    const property = readCorpus('greve/greve_2025-10-23_ejendomsstrategi_status_2025_paa_handleplan_2024_26.html');
    expect(property.title).toBeNull();
    expect(property.tables[0]!.header).toEqual(['', 'Status 2025']);
    expect(property.tables[0]!.context).toMatch(/^Der er i alt 14 indsatser/);
    expect(property.intro).toMatch(/^Beslutning\nStatus 2025 blev taget til efterretning\.\n/);

    const jobs = readCorpus('greve/greve_2022-04-25_intensiveret_indsats_for_borgere_paa_ledighedsydelse.html');
    expect(jobs.tables[0]!.rows.map((r) => r.spanned?.[0])).toEqual([false, true, true, true, true, false, true, true, true, true]);

    const status = readCorpus('greve_2025-03-27_KTM_byggesagsbehandling_status_initiativer.html');
    expect(status.tables[0]!.caption?.text).toBe('Initiativer og overblik over status');
    expect(status.tables[0]!.header).toEqual(['Nr.', 'Initiativ', 'Status']);
  });
});
