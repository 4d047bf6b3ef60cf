/**
 * Continuation after page breaks, one synthetic case per kind: a title split across the break, a
 * hyphen split inside `</p>`, both outer cells empty, a list continued after the break, a break
 * falling cleanly between two goals, a break just before a section row.
 */
import { describe, expect, it } from 'vitest';
import { parseText, syntheticReport, cell } from '../../helpers.js';

describe('rows broken across a page break', () => {
  it('rejoins a title split across the break (title fragment in the first cell)', async () => {
    const report = await parseText(
      syntheticReport([
        ['', 'POLITIK', ''],
        ['Ny plan for Testby', '<p>Der har været en drøftelse</p>', '<p>Der er udarbejdet en ny sam-</p>'],
        'BREAK',
        ['Kommune', 'af planen i udvalget.', 'arbejdsaftale med parterne.'],
        ['Næste mål', 'Noget andet.', 'Et resultat.'],
      ]),
    );
    expect(report.goals.map((g) => g.title)).toEqual(['Ny plan for Testby Kommune', 'Næste mål']);
    const [first] = report.goals;
    expect(cell(first!, 'initiatives').text).toBe('Der har været en drøftelse af planen i udvalget.');
    expect(cell(first!, 'results').text).toBe('Der er udarbejdet en ny samarbejdsaftale med parterne.');
    expect(first!.provenance.pages).toEqual([1, 2]);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'word-rejoined', params: { word: 'samarbejdsaftale' } }));
  });

  it('rejoins a word hyphenated inside </p> when the goal cell after the break is empty', async () => {
    const report = await parseText(
      syntheticReport([
        ['Analyse', '<p>Besparelser på tre områder.</p> <p>Arbejdsgange for admini-</p>', 'Et resultat.'],
        'BREAK',
        ['', 'strative opgaver er forenklet.', ''],
      ]),
    );
    expect(report.goals).toHaveLength(1);
    expect(cell(report.goals[0]!, 'initiatives').blocks).toEqual([
      { type: 'paragraph', text: 'Besparelser på tre områder.' },
      { type: 'paragraph', text: 'Arbejdsgange for administrative opgaver er forenklet.' },
    ]);
  });

  it('keeps a real compound dash before a conjunction across the break', async () => {
    const report = await parseText(
      syntheticReport([
        ['Mål', 'Sagen er sendt til Erhvervs-', 'Resultat.'],
        'BREAK',
        ['', 'og Beskæftigelsesudvalget.', ''],
      ]),
    );
    expect(cell(report.goals[0]!, 'initiatives').text).toBe('Sagen er sendt til Erhvervs- og Beskæftigelsesudvalget.');
  });

  it('continues a row whose outer cells are both empty', async () => {
    const report = await parseText(
      syntheticReport([
        ['Mål A', '<p>Vi har skabt et større ejerskab til</p>', '<p>Første resultat.</p>'],
        'BREAK',
        ['', '<p>indsatsen lokalt blandt medarbejdere.</p>', ''],
        ['Mål B', 'Tekst.', 'Resultat.'],
      ]),
    );
    expect(report.goals.map((g) => g.title)).toEqual(['Mål A', 'Mål B']);
    expect(cell(report.goals[0]!, 'initiatives').text).toBe('Vi har skabt et større ejerskab til indsatsen lokalt blandt medarbejdere.');
    expect(cell(report.goals[0]!, 'results').text).toBe('Første resultat.');
  });

  it('continues a list after the break', async () => {
    const report = await parseText(
      syntheticReport([
        ['Mål', 'Tiltag: <ul style="list-style-type: none">• Første punkt• Andet punkt der fortsætter', 'Resultat.'],
        'BREAK',
        ['', 'på næste side• Tredje punkt', ''],
      ]),
    );
    expect(cell(report.goals[0]!, 'initiatives').blocks).toEqual([
      { type: 'paragraph', text: 'Tiltag:' },
      { type: 'list', items: ['Første punkt', 'Andet punkt der fortsætter på næste side', 'Tredje punkt'] },
    ]);
  });

  it('starts a new goal when the break falls cleanly between two goals', async () => {
    const report = await parseText(
      syntheticReport([
        ['Første mål', '<p>Indsatsen er gennemført.</p>', '<ul style="list-style-type: none">• Et punkt• Sidste punkt'],
        'BREAK',
        ['Andet mål', '<p>Den nye indsats.</p>', '<p>Den er evalueret.</p>'],
      ]),
    );
    expect(report.goals.map((g) => g.title)).toEqual(['Første mål', 'Andet mål']);
    expect(report.goals[1]!.provenance.pages).toEqual([2, 2]);
  });

  it('reads a section row right after a break as a section, not a continuation', async () => {
    const report = await parseText(
      syntheticReport([
        ['', 'FØRSTE AFSNIT', ''],
        ['Mål et', 'Tekst uden punktum', 'Resultat uden punktum'],
        'BREAK',
        ['', '<p>ANDET AFSNIT</p>', ''],
        ['Mål to', 'tekst med lille begyndelse.', 'resultat.'],
      ]),
    );
    expect(report.sections.map((s) => s.title)).toEqual(['FØRSTE AFSNIT', 'ANDET AFSNIT']);
    expect(report.goals.map((g) => [g.section, g.title])).toEqual([
      ['FØRSTE AFSNIT', 'Mål et'],
      ['ANDET AFSNIT', 'Mål to'],
    ]);
  });

  it('continues a title that runs over the break with nothing else on the row', async () => {
    const report = await parseText(
      syntheticReport([
        ['Strategi for bedre', 'Tekst.', 'Resultat.'],
        'BREAK',
        ['Kollektiv Trafik', '', ''],
      ]),
    );
    expect(report.goals.map((g) => g.title)).toEqual(['Strategi for bedre Kollektiv Trafik']);
  });

  it('accepts a form feed as a page break', async () => {
    const text = syntheticReport([['Mål', 'Der er lavet en ny styrelses-', 'Resultat.']]) + '\f\tvedtægt for kommunen.\t\n';
    const report = await parseText(text);
    expect(report.goals).toHaveLength(1);
    expect(cell(report.goals[0]!, 'initiatives').text).toBe('Der er lavet en ny styrelsesvedtægt for kommunen.');
    expect(report.source.pages).toBe(2);
  });
});
