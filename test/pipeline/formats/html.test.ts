/** The HTML reader: which table, which header, which rows, sections, provenance lines, title and intro. */
import { describe, expect, it } from 'vitest';
import { readHtmlTable } from '../../../pipeline/formats/html.js';
import { parseReport } from '../../../pipeline/index.js';
import type { RawTable } from '../../../pipeline/types.js';

function read(html: string): RawTable {
  const result = readHtmlTable(html);
  if (!result.value) throw new Error(`no table: ${JSON.stringify(result.diagnostics)}`);
  return result.value;
}

const parse = (html: string, columns?: ('goal' | 'initiatives' | 'results' | 'other')[]) =>
  parseReport({ path: 'test.html', bytes: new TextEncoder().encode(html) }, { columns });

describe('readHtmlTable', () => {
  it('reads the header from <th> cells and keeps cell inner HTML raw, entities and all', () => {
    const t = read(
      '<table><tr><th>Mål</th><th>Status</th></tr><tr><td><p>Færre &amp; <b>kortere</b></p></td><td>I gang.</td></tr></table>',
    );
    expect(t.header).toEqual(['Mål', 'Status']);
    expect(t.rows.map((r) => r.cells)).toEqual([['<p>Færre &amp; <b>kortere</b></p>', 'I gang.']]);
    expect(t.pages).toBe(1);
  });

  it('takes a first row of short labels as the header when there is no <th>', () => {
    const t = read('<table><tr><td><p><strong>Nr.</strong></p></td><td><strong>Initiativ</strong></td><td>Status</td></tr><tr><td>1</td><td>Ny lov</td><td>Afventer.</td></tr></table>');
    expect(t.header).toEqual(['Nr.', 'Initiativ', 'Status']);
    expect(t.rows).toHaveLength(1);
  });

  it('keeps a first row of content as a row when it is not a header', () => {
    const t = read('<table><tr><td>Bedre skoler for alle børn i kommunen.</td><td><p>Der er bygget to nye skoler.</p></td></tr></table>');
    expect(t.header).toBeNull();
    expect(t.rows).toHaveLength(1);
  });

  it('chooses the table whose header names known column wordings over a layout table with more rows', () => {
    const nav = `<table>${'<tr><td><a href="#">Link</a></td><td>Menu</td></tr>'.repeat(6)}</table>`;
    const report = '<table><tr><th>Målsætning</th><th>Indsats</th><th>Status</th></tr><tr><td>A</td><td>B</td><td>C</td></tr></table>';
    const t = read(nav + report);
    expect(t.header).toEqual(['Målsætning', 'Indsats', 'Status']);
    expect(t.rows.map((r) => r.cells)).toEqual([['A', 'B', 'C']]);
  });

  it('does not count the rows of a table nested in a cell as rows of the outer table', () => {
    const t = read('<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.cells[1]).toContain('<table>');
  });

  it('lays out colspans and rowspans so cells stay in their columns', () => {
    const t = read(
      '<table><tr><th>Mål</th><th>Indsats</th><th>Status</th></tr>' +
        '<tr><td rowspan="2">Fælles mål</td><td>Første</td><td>I gang.</td></tr>' +
        '<tr><td>Anden</td><td>Færdig.</td></tr>' +
        '<tr><td colspan="2">Bred celle</td><td>Status.</td></tr></table>',
    );
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Fælles mål', 'Første', 'I gang.'],
      ['', 'Anden', 'Færdig.'],
      ['Bred celle', '', 'Status.'],
    ]);
  });

  it('marks a cell spanning the whole table as a section row, whatever its case', () => {
    const t = read(
      '<table><thead><tr><th>Mål</th><th>Status</th></tr></thead><tbody>' +
        '<tr><td colspan="2"><strong>Børn og unge</strong></td></tr>' +
        '<tr><td colspan="2">Denne note er en hel sætning og ingen overskrift.</td></tr>' +
        '<tr><td>A</td><td>B</td></tr></tbody></table>',
    );
    expect(t.rows.map((r) => r.section === true)).toEqual([true, false, false]);
  });

  it('drops rows repeating the header', () => {
    const t = read('<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr><tr><td>Mål</td><td>Status</td></tr><tr><td>C</td><td>D</td></tr></table>');
    expect(t.rows.map((r) => r.cells[0])).toEqual(['A', 'C']);
  });

  it('gives each row the source lines of its <tr>', () => {
    const html = ['<table>', '<tr><th>Mål</th><th>Status</th></tr>', '<tr>', '  <td>A</td>', '  <td>B</td>', '</tr>', '<tr><td>C</td><td>D</td></tr>', '</table>'].join('\n');
    const t = read(html);
    expect(t.headerLine).toBe(2);
    expect(t.rows.map((r) => [r.line, r.endLine, r.page])).toEqual([
      [3, 6, 1],
      [7, 7, 1],
    ]);
  });

  it('takes the title from <title> and leaves a heading repeating it out of the intro', () => {
    const t = read(
      '<html><head><title>Status 2024</title></head><body><h1>Status 2024</h1><p>Første afsnit.</p>' +
        '<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr></table><p>Efter tabellen.</p></body></html>',
    );
    expect(t.title).toMatchObject({ text: 'Status 2024', line: 1 });
    expect(t.intro).toBe('Første afsnit.\nEfter tabellen.');
  });

  it('falls back to <h1>, then a named heading, then a caption line above the table, then the first line of prose', () => {
    expect(read('<h2>Andet</h2><h1>Hoved</h1><table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr></table>').title?.text).toBe('Hoved');
    expect(read('<h3>Beslutning</h3><p>Tekst.</p><table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr></table>').title?.text).toBe('Tekst.');
    const caption = read('<p>Første linje</p><p>Anden linje</p><table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr></table>');
    expect(caption.title?.text).toBe('Anden linje');
    expect(caption.intro).toBe('Første linje');
    const t = read('<p>Første linje</p><p>Anden linje slutter med punktum.</p><table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr></table>');
    expect(t.title?.text).toBe('Første linje');
    expect(t.intro).toBe('Anden linje slutter med punktum.');
  });

  it('gives a no-table error, not an exception, when there is no usable table', () => {
    const none = readHtmlTable('<p>Ingen tabel her.</p>');
    expect(none.value).toBeNull();
    expect(none.diagnostics.map((d) => [d.code, d.severity])).toEqual([['no-table', 'error']]);
    expect(none.diagnostics[0]!.params).toEqual({ reason: 'no-table-element' });
    const oneColumn = readHtmlTable('<table><tr><td>A</td></tr><tr><td>B</td></tr></table>');
    expect(oneColumn.value).toBeNull();
    expect(oneColumn.diagnostics[0]!.params).toEqual({ reason: 'no-table-with-two-columns' });
  });
});

describe('the title of an HTML agenda item', () => {
  const TABLE = '<table><tr><th>Mål</th><th>Status</th></tr><tr><td>Et mål</td><td>Nået.</td></tr></table>';

  it('skips agenda part headings and takes the line above the table as its caption', () => {
    const t = read(`<h3>Beslutning</h3><div>Godkendt.</div><h3>Sagsbeskrivelse</h3><div>Lang tekst.</div><div>Status på målene 2024</div>${TABLE}`);
    expect(t.title?.text).toBe('Status på målene 2024');
    expect(t.intro).toContain('Beslutning');
    expect(t.intro).not.toContain('Status på målene 2024');
  });

  it('prefers a <caption>, then a heading that names something', () => {
    expect(read(`<h3>Beslutning</h3>${TABLE.replace('<tr>', '<caption>Oversigt over mål</caption><tr>')}`).title?.text).toBe('Oversigt over mål');
    expect(read(`<h3>Resume</h3><h2>Ældreplan 2025</h2><p>En sætning.</p>${TABLE}`).title?.text).toBe('Ældreplan 2025');
  });
});

describe('HTML reports through the pipeline', () => {
  it('turns each row into a goal with sections, numbers and no markup left in the text', async () => {
    const report = await parse(
      '<title>Status på Kulturudvalgets mål 2024</title><table><tr><th>Nr.</th><th>Mål</th><th>Indsats</th><th>Status</th></tr>' +
        '<tr><td colspan="4">Idræt</td></tr>' +
        '<tr><td>1</td><td><h3>Flere i foreningerne</h3><p>- især børn</p></td><td><ul><li>Gratis prøvetimer</li><li>Kontingentstøtte</li></ul></td><td>Medlemstallet steg med 4,5 procent.</td></tr>' +
        '<tr><td>2.</td><td>Ny svømmehal</td><td></td><td>Åbner 1. maj 2026.</td></tr></table>',
    );
    expect(report.source.format).toBe('html');
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.sections.map((s) => s.title)).toEqual(['Idræt']);
    expect(report.goals.map((g) => [g.number, g.section, g.title, g.subtitle])).toEqual([
      ['1', 'Idræt', 'Flere i foreningerne', 'især børn'],
      ['2', 'Idræt', 'Ny svømmehal', null],
    ]);
    expect(report.goals[0]!.initiatives.blocks).toEqual([{ type: 'list', items: ['Gratis prøvetimer', 'Kontingentstøtte'] }]);
    expect(report.goals[0]!.facts.some((f) => f.kind === 'percent')).toBe(true);
  });

  it('takes the number from the goal cell under a header such as "Initiativ (nr.)"', async () => {
    const report = await parse('<table><tr><td>Initiativ (nr.)</td><td>Status</td></tr><tr><td><p>1.Ny ældrelov</p></td><td>Afventer.</td></tr><tr><td><p>12. Skræddersyede forløb</p></td><td>I gang.</td></tr></table>');
    expect(report.goals.map((g) => [g.number, g.title])).toEqual([
      ['1', 'Ny ældrelov'],
      ['12', 'Skræddersyede forløb'],
    ]);
  });

  it('leaves titles alone when the header does not say they are numbered', async () => {
    const report = await parse('<table><tr><td>Mål</td><td>Status</td></tr><tr><td>2025-planen</td><td>Vedtaget.</td></tr></table>');
    expect(report.goals.map((g) => [g.number, g.title])).toEqual([[null, '2025-planen']]);
  });

  it('applies --columns over the header wording', async () => {
    const report = await parse('<table><tr><th>Emne</th><th>Afdeling</th><th>Status</th></tr><tr><td>A</td><td>Sekretariatet</td><td>Færdig.</td></tr></table>', ['goal', 'other', 'results']);
    expect(report.columns.map((c) => c.role)).toEqual(['goal', 'other', 'results']);
    expect(report.goals[0]).toMatchObject({ title: 'A', initiatives: { text: '' }, results: { text: 'Færdig.' } });
  });

  it('reports a page without a table as no-table with no goals', async () => {
    const report = await parse('<!doctype html><html><body><h1>Referat</h1><p>Ingen tabel.</p></body></html>');
    expect(report.source.format).toBe('html');
    expect(report.goals).toEqual([]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['no-table']);
  });
});
