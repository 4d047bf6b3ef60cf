/**
 * The HTML reader: the document as a browser parses it, every item table in document order (not the
 * tables that lay out the page), spans laid out, headers found, cells kept as written, captions,
 * context, an honest title and the intro.
 */
import { describe, expect, it } from 'vitest';
import { readHtmlDocument } from '../../../pipeline/formats/html.js';
import type { RawDocument, RawTable } from '../../../pipeline/types.js';

function read(html: string): RawDocument {
  const result = readHtmlDocument(html);
  if (!result.value) throw new Error(`no table: ${JSON.stringify(result.diagnostics)}`);
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

/** The only table of a document. */
function only(html: string): RawTable {
  const doc = read(html);
  expect(doc.tables).toHaveLength(1);
  return doc.tables[0]!;
}

const cellsOf = (t: RawTable) => t.rows.map((r) => r.cells);

/** A small item table: a header and one row. */
const ITEM = '<table><tr><th>Mål</th><th>Status</th></tr><tr><td>Et mål</td><td>Nået.</td></tr></table>';

describe('readHtmlDocument: parsing as a browser does', () => {
  it('reads implied <tbody>s, unclosed cells and rows, and keeps cell inner HTML as written', () => {
    const t = only('<table><tr><th>Mål<th>Status<tr><td><p>Færre &amp; <b>kortere</b> ventetider<td>I gang.<tr><td>B<td><ul><li>Et<li>To</table>');
    expect(t.header).toEqual(['Mål', 'Status']);
    expect(cellsOf(t)).toEqual([
      ['<p>Færre &amp; <b>kortere</b> ventetider', 'I gang.'],
      ['B', '<ul><li>Et<li>To'],
    ]);
  });

  it('moves stray text out of the table and ends formatting at the cell, as a browser does', () => {
    const doc = read('<table><tr><th>Mål</th><th>Status</th></tr>Løs tekst.<tr><td><b>A</td><td>B</b></td></tr></table>');
    expect(doc.intro).toBe('Løs tekst.');
    expect(doc.tables[0]!.context).toBe('Løs tekst.');
    // The <b> ends with its cell; the stray </b> in the next cell is dropped.
    expect(cellsOf(doc.tables[0]!)).toEqual([['<b>A', 'B']]);
  });

  it('cuts a cell from the source, entities, comments and white space untouched', () => {
    const t = only('<table><tr><th>Mål</th><th>Status</th></tr><tr><td>\n  <p>A&nbsp;B</p><!-- note -->\n</td><td>x &lt; y</td></tr></table>');
    expect(cellsOf(t)).toEqual([['\n  <p>A&nbsp;B</p><!-- note -->\n', 'x &lt; y']]);
  });

  it('writes out a formatting element a browser reopens in the next paragraph, once, where the browser puts it', () => {
    const t = only('<table><tr><th>Mål</th><th>Status</th></tr><tr><td><b>Fed<p>stadig fed</b> og ikke</td><td>B</td></tr></table>');
    expect(t.rows[0]!.cells[0]).toBe('<b>Fed</b><p><b>stadig fed</b> og ikke');
  });

  it('drops what a browser does not render from the intro', () => {
    const doc = read(`<p>Synlig.</p><style>p{color:red}</style><script>var x = "<p>nej</p>";</script><noscript><p>Slå JavaScript til</p></noscript><template><p>skabelon</p></template>${ITEM}`);
    expect(doc.intro).toBe('Synlig.');
  });

  it('gives each row the source lines of its <tr>, and the header its line', () => {
    const html = ['<table>', '<tr><th>Mål</th><th>Status</th></tr>', '<tr>', '  <td>A</td>', '  <td>B</td>', '</tr>', '<tr><td>C</td><td>D</td></tr>', '</table>'].join('\n');
    const t = only(html);
    expect(t.headerLine).toBe(2);
    expect(t.rows.map((r) => [r.line, r.endLine, r.page, r.breakBefore])).toEqual([
      [3, 6, 1, false],
      [7, 7, 1, false],
    ]);
    expect(read(html).pages).toBe(1);
  });
});

describe('readHtmlDocument: item tables and layout tables', () => {
  it('reads every item table in document order, each with its caption and context', () => {
    const doc = read(
      '<p>Nedenstående tabel viser projekterne (beløb i 1.000 kr.).</p><p><strong>Tabel 1 - Anlægsprojekter (1.000 kr.)</strong></p><p>&nbsp;</p>' +
        '<table><tr><td>Projekt</td><td>Budget</td></tr><tr><td>Skole</td><td>1.200</td></tr></table>' +
        '<p>Mellem tabellerne.</p><h3>Tabel 2.Serviceramme</h3>' +
        '<table><caption>Servicerammen</caption><tr><td>Mio. kr.</td><td>Ramme</td></tr><tr><td>Service</td><td>2.418,1</td></tr></table>' +
        '<p>Følgende oversigt viser status på fremdriften:</p>' +
        '<table><tr><td>Mål</td><td>Status</td></tr><tr><td>A</td><td>B</td></tr></table>',
    );
    expect(doc.tables.map((t) => [t.caption?.text ?? null, t.context])).toEqual([
      ['Tabel 1 - Anlægsprojekter (1.000 kr.)', 'Nedenstående tabel viser projekterne (beløb i 1.000 kr.).'],
      // A <caption> wins; the paragraph right above the table is its context.
      ['Servicerammen', null],
      [null, 'Følgende oversigt viser status på fremdriften:'],
    ]);
    expect(doc.tables.map((t) => t.rows.length)).toEqual([1, 1, 1]);
    // Caption lines belong to their table; the other prose is the intro.
    expect(doc.intro).toBe(
      'Nedenstående tabel viser projekterne (beløb i 1.000 kr.).\nMellem tabellerne.\nTabel 2.Serviceramme\nFølgende oversigt viser status på fremdriften:',
    );
  });

  it('takes a heading right above a table as its caption and no context from the part before it', () => {
    const t = only(`<h4>Kommunikation</h4><p>Udvalget orienteres løbende.</p><h4>Tidsplan</h4>${ITEM}`);
    expect(t.caption).toEqual({ text: 'Tidsplan', page: 1, line: 1 });
    expect(t.context).toBeNull();
  });

  it('takes no caption or context across another table', () => {
    const doc = read(`<p>Oversigt over målene</p>${ITEM}${ITEM}`);
    expect(doc.tables.map((t) => t.caption?.text ?? null)).toEqual(['Oversigt over målene', null]);
    expect(doc.tables[1]!.context).toBeNull();
  });

  it('reads the tables inside a layout table, and its prose as prose', () => {
    const doc = read(
      '<table><tr><td><p>Menu</p></td><td><h1>Status på målene</h1><p>Indledning.</p>' +
        '<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>I gang.</td></tr><tr><td>B</td><td>Nået.</td></tr></table></td></tr></table>',
    );
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.header).toEqual(['Mål', 'Status']);
    expect(doc.tables[0]!.rows.map((r) => r.cells[0])).toEqual(['A', 'B']);
    expect(doc.tables[0]!.context).toBe('Indledning.');
    expect(doc.title?.text).toBe('Status på målene');
    expect(doc.intro).toBe('Menu\nIndledning.');
  });

  it('is not fooled by a frame whose rows are single cells or all hold tables, or by a menu of links', () => {
    const menu = read(`<table>${'<tr><td><a href="#">Forside</a></td><td><a href="#"><b>Udvalg</b></a></td></tr>'.repeat(6)}</table>${ITEM}`);
    expect(menu.tables.map((t) => t.header)).toEqual([['Mål', 'Status']]);
    const single = read(`<table><tr><td>Topbanner</td></tr><tr><td>${ITEM}</td></tr><tr><td>Sidefod</td></tr></table>`);
    expect(single.tables.map((t) => t.header)).toEqual([['Mål', 'Status']]);
    const framed = read(`<table><tr><td>Venstre</td><td>Højre</td></tr><tr><td>${ITEM}</td><td>${ITEM}</td></tr></table>`);
    expect(framed.tables).toHaveLength(2);
  });

  it('reads a table nested in a cell of an item table on its own, after its parent, and cuts it from the cell', () => {
    const doc = read(
      '<table><tr><th>Mål</th><th>Status</th></tr>' +
        '<tr><td>A</td><td><p>Delmål:</p><table><tr><td>Delmål</td><td>Status</td></tr><tr><td>A1</td><td>Nået.</td></tr></table><p>Samlet nået.</p></td></tr>' +
        '<tr><td>B</td><td>I gang.</td></tr></table>' +
        `<p>Efter.</p>${ITEM}`,
    );
    expect(doc.tables.map((t) => t.header)).toEqual([
      ['Mål', 'Status'],
      ['Delmål', 'Status'],
      ['Mål', 'Status'],
    ]);
    expect(doc.tables[0]!.rows.map((r) => r.cells)).toEqual([
      ['A', '<p>Delmål:</p><p>Samlet nået.</p>'],
      ['B', 'I gang.'],
    ]);
    expect(doc.tables[1]!.rows.map((r) => r.cells)).toEqual([['A1', 'Nået.']]);
    // Its caption is read in its cell; nothing of it is intro.
    expect(doc.tables[1]!.context).toBe('Delmål:');
    expect(doc.intro).toBe('Efter.');
  });

  it('gives a no-table error, not an exception, when there is no item table', () => {
    const none = readHtmlDocument('<p>Ingen tabel her.</p>');
    expect(none.value).toBeNull();
    expect(none.diagnostics.map((d) => [d.code, d.severity, d.params])).toEqual([['no-table', 'error', { reason: 'no-table-element' }]]);
    const oneColumn = readHtmlDocument('<table><tr><td>A</td></tr><tr><td colspan="3">B</td></tr></table>');
    expect(oneColumn.value).toBeNull();
    expect(oneColumn.diagnostics.map((d) => d.params)).toEqual([{ reason: 'no-table-with-two-columns' }]);
    const layoutOnly = readHtmlDocument('<table><tr><td>Logo</td><td><p>En lang tekst om alt og intet.</p></td></tr></table>');
    expect(layoutOnly.value).toBeNull();
    expect(layoutOnly.diagnostics.map((d) => d.params)).toEqual([{ reason: 'no-item-table' }]);
  });
});

describe('readHtmlDocument: spans', () => {
  it('copies a cell spanning rows into the rows it covers and marks it spanned; a colspan leaves its columns empty', () => {
    const t = only(
      '<table><tr><th>Område</th><th>Indsats</th><th>Status</th></tr>' +
        '<tr><td rowspan="2">Fælles mål</td><td>Første</td><td>I gang.</td></tr>' +
        '<tr><td>Anden</td><td>Færdig.</td></tr>' +
        '<tr><td colspan="2">Bred celle</td><td>Status.</td></tr></table>',
    );
    expect(cellsOf(t)).toEqual([
      ['Fælles mål', 'Første', 'I gang.'],
      ['Fælles mål', 'Anden', 'Færdig.'],
      ['Bred celle', '', 'Status.'],
    ]);
    expect(t.rows.map((r) => r.spanned)).toEqual([
      [false, false, false],
      [true, false, false],
      [false, false, false],
    ]);
  });

  it('clamps huge spans: rowspan=999999999 over 2000 rows and a huge colspan finish at once', () => {
    const body = '<tr><td rowspan="999999999">Gruppe</td><td>Første</td></tr>' + '<tr><td>Næste</td></tr>'.repeat(1999);
    const started = performance.now();
    const t = only(`<table><tr><th>Område</th><th>Indsats</th></tr>${body}</table>`);
    const wide = only('<table><tr><th>Mål</th><th>Status</th></tr><tr><td colspan="999999999">Hele rækken</td></tr><tr><td>A</td><td>B</td></tr></table>');
    // Unclamped, this never ends; clamped, it takes milliseconds. The bound only tells the two apart
    // (it measures no speed), with room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(t.rows).toHaveLength(2000);
    expect(t.rows.every((r) => r.cells[0] === 'Gruppe' && r.cells.length === 2)).toBe(true);
    expect(t.rows.slice(1).every((r) => r.spanned?.[0] === true)).toBe(true);
    // The colspan covers the table's two columns, no more.
    expect(cellsOf(wide)).toEqual([
      ['Hele rækken', ''],
      ['A', 'B'],
    ]);
  });

  it('reads rowspan="0" as reaching the end of the table and ignores spans that are not numbers', () => {
    const t = only('<table><tr><th>Gruppe</th><th>Mål</th></tr><tr><td rowspan="0">G</td><td>A</td></tr><tr><td>B</td></tr><tr><td colspan="x">C</td><td>D</td></tr></table>');
    expect(cellsOf(t)).toEqual([
      ['G', 'A', ''],
      ['G', 'B', ''],
      ['G', 'C', 'D'],
    ]);
  });
});

describe('readHtmlDocument: header and section rows', () => {
  it('takes a first row of short labels as the header when there is no <th>', () => {
    const t = only('<table><tr><td><p><strong>Nr.</strong></p></td><td><strong>Initiativ</strong></td><td>Status</td></tr><tr><td>1</td><td>Ny lov</td><td>Afventer.</td></tr></table>');
    expect(t.header).toEqual(['Nr.', 'Initiativ', 'Status']);
    expect(t.rows).toHaveLength(1);
  });

  it('keeps a first row of content as a row when it is not a header', () => {
    const t = only('<table><tr><td>Bedre skoler for alle børn i kommunen.</td><td><p>Der er bygget to nye skoler.</p></td></tr><tr><td>Færre ledige.</td><td>Nået.</td></tr></table>');
    expect(t.header).toBeNull();
    expect(t.headerLine).toBeNull();
    expect(t.rows).toHaveLength(2);
  });

  it('takes a first row with an empty top-left corner over row names as the header', () => {
    const t = only(
      '<table><tr><td></td><td><p>Opr. budget</p></td><td>Korr. budget</td></tr>' +
        '<tr><td>Indtægter</td><td>-3.269,2</td><td>-3.259,7</td></tr><tr><td>Drift</td><td>2.296,0</td><td>2.318,0</td></tr></table>',
    );
    expect(t.header).toEqual(['', 'Opr. budget', 'Korr. budget']);
    expect(t.rows.map((r) => r.cells[0])).toEqual(['Indtægter', 'Drift']);
  });

  it('takes a row of labels over a column of amounts as the header, abbreviations and all', () => {
    const t = only('<table><tr><td>Mio. kr.</td><td>Oprindelig serviceramme</td><td>Forventet regnskab</td></tr><tr><td>Serviceudgifter</td><td>2.418,1</td><td>2.434,7</td></tr></table>');
    expect(t.header).toEqual(['Mio. kr.', 'Oprindelig serviceramme', 'Forventet regnskab']);
  });

  it('joins a two-row header per column: group labels over the labels of each column', () => {
    const t = only(
      '<table><tr><td rowspan="2">Projekt</td><td colspan="2">2025</td><td rowspan="2">Status</td></tr>' +
        '<tr><td>Beløb i t.kr.</td><td>Forbrug i t.kr.</td></tr>' +
        '<tr><td>Skole</td><td>1.200</td><td>800</td><td>I gang.</td></tr></table>',
    );
    expect(t.header).toEqual(['Projekt', '2025 Beløb i t.kr.', '2025 Forbrug i t.kr.', 'Status']);
    expect(t.headerLine).toBe(1);
    expect(cellsOf(t)).toEqual([['Skole', '1.200', '800', 'I gang.']]);
  });

  it('joins a two-row <thead> the same way, and a one-row header names only the first column of a wide label', () => {
    const joined = only('<table><thead><tr><th colspan="2">Finansiering</th><th>Beløb</th></tr><tr><th>Kilde</th><th>Navn</th><th>kr.</th></tr></thead><tr><td>Fond</td><td>Realdania</td><td>22.000.000</td></tr></table>');
    expect(joined.header).toEqual(['Finansiering Kilde', 'Finansiering Navn', 'Beløb kr.']);
    const single = only('<table><tr><th colspan="2">Finansiering</th><th>Bevilling (kr.)</th></tr><tr><td colspan="2">Private bevillingsgivere</td><td></td></tr><tr><td></td><td>Realdania</td><td>22.000.000</td></tr></table>');
    expect(single.header).toEqual(['Finansiering', '', 'Bevilling (kr.)']);
    expect(single.rows).toHaveLength(2);
  });

  it('takes a row spanning the whole table above the header for the table\'s caption', () => {
    const t = only('<p>Intro.</p><table><tr><td colspan="3">Boligprogram 2023-2034</td></tr><tr><td>Status</td><td>2023-2028</td><td>I alt</td></tr><tr><td>Planlagte</td><td>1.334</td><td>1.334</td></tr></table>');
    expect(t.caption).toEqual({ text: 'Boligprogram 2023-2034', page: 1, line: 1 });
    expect(t.header).toEqual(['Status', '2023-2028', 'I alt']);
    expect(t.rows).toHaveLength(1);
    expect(t.context).toBe('Intro.');
  });

  it('marks a cell spanning the whole table as a section row when it reads as a heading, whatever its case', () => {
    const t = only(
      '<table><thead><tr><th>Mål</th><th>Status</th></tr></thead><tbody>' +
        '<tr><td colspan="2"><strong>Børn og unge</strong></td></tr>' +
        '<tr><td colspan="2">Denne note er en hel sætning og ingen overskrift.</td></tr>' +
        '<tr><td>A</td><td>B</td></tr></tbody></table>',
    );
    expect(t.rows.map((r) => r.section === true)).toEqual([true, false, false]);
    expect(t.rows[0]!.cells).toEqual(['<strong>Børn og unge</strong>', '']);
  });

  it('drops rows repeating the header and rows with no text', () => {
    const t = only('<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>B</td></tr><tr><td>Mål</td><td>Status</td></tr><tr><td> </td><td><p>&nbsp;</p></td></tr><tr><td>C</td><td>D</td></tr></table>');
    expect(t.rows.map((r) => r.cells[0])).toEqual(['A', 'C']);
  });
});

describe('readHtmlDocument: title and intro', () => {
  it('takes the title from <title> and leaves a heading repeating it out of the intro', () => {
    const doc = read(`<html><head><title>Status 2024</title></head><body><h1>Status 2024</h1><p>Første afsnit.</p>${ITEM}<p>Efter tabellen.</p></body></html>`);
    expect(doc.title).toEqual({ text: 'Status 2024', page: 1, line: 1 });
    expect(doc.intro).toBe('Første afsnit.\nEfter tabellen.');
  });

  it('falls back to the first <h1>, and to no title at all', () => {
    expect(read(`<h2>Andet</h2><h1>Hoved</h1>${ITEM}`).title?.text).toBe('Hoved');
    expect(read(`<h2>Ældreplan 2025</h2><p>Første linje</p>${ITEM}`).title).toBeNull();
  });

  it('never takes an agenda part heading, a decision, a table caption or markup for the title', () => {
    const agenda = read(
      '<div><div id="sagsfremstillingContainer"><div><h3>Beslutning</h3><span>Status 2025 blev taget til efterretning.<br></span></div>' +
        `<h3>Fremstilling</h3><span><h4>Sagsprocedure</h4><p>Udvalget.</p><h4>Sagsbeskrivelse</h4><p>Tekst.</p><p>Initiativer og overblik over status</p>${ITEM}<h4>Økonomiske\nkonsekvenser </h4><p>Ingen.</p></span></div></div>`,
    );
    expect(agenda.title).toBeNull();
    expect(agenda.tables[0]!.caption?.text).toBe('Initiativer og overblik over status');
    expect(agenda.intro).toBe(
      'Beslutning\nStatus 2025 blev taget til efterretning.\nFremstilling\nSagsprocedure\nUdvalget.\nSagsbeskrivelse\nTekst.\nØkonomiske konsekvenser\nIngen.',
    );
    for (const title of ['Beslutning', 'Sagens forløb', 'Øvrige konsekvenser', 'Resumé', 'Indstilling:', 'Godkendt.', 'Orienteringen blev taget til efterretning.', 'Tabel 1']) {
      expect(read(`<title>${title}</title>${ITEM}`).title, title).toBeNull();
      expect(read(`<h1>${title}</h1>${ITEM}`).title, title).toBeNull();
    }
    // A <title> holds text only: tags written in it are markup, not a name.
    expect(read(`<title><b>Status</b></title>${ITEM}`).title).toBeNull();
    expect(read(`<title>Beslutning</title><h1>Status på målene 2024</h1>${ITEM}`).title?.text).toBe('Status på målene 2024');
  });

  it('takes no title or intro from inside an item table', () => {
    const doc = read('<table><tr><th>Mål</th><th>Status</th></tr><tr><td><h1>Et mål</h1></td><td>Nået.</td></tr></table>');
    expect(doc.title).toBeNull();
    expect(doc.intro).toBe('');
  });
});

describe('readHtmlDocument: a page of more tags than the limit is refused before it is parsed', () => {
  // A table of one goal row (10 tags) whose second cell holds `n` paragraphs (2 tags each).
  const page = (n: number) => `<table><tr><th>Mål</th><th>Status</th></tr>\n<tr><td>Mål</td><td>${'<p>x</p><!---->'.repeat(n)}</td></tr></table>`;

  it('reads a page at the limit, and refuses one tag more, naming the count, the limit and the first tag past it', () => {
    // Tags: 5 before the line break, then <tr><td>Mål</td><td> (5), three per paragraph (with the comment), then 4.
    const atLimit = readHtmlDocument(page(10), 44);
    expect(atLimit.value?.tables).toHaveLength(1);
    expect(atLimit.diagnostics.map((d) => d.code)).not.toContain('html-too-many-tags');
    const over = readHtmlDocument(page(10), 43);
    expect(over.value).toBeNull();
    expect(over.diagnostics).toMatchObject([
      { severity: 'error', code: 'html-too-many-tags', params: { tags: 44, limit: 43 }, line: 2, column: page(10).split('\n')[1]!.lastIndexOf('</table>') + 1 },
    ]);
  });

  it('counts only what makes a tag: "<" before a letter, "/", "!" or "?", not "a < b" or "<3"', () => {
    const text = `<table><tr><th>Mål</th><th>Status</th></tr><tr><td>a < b</td><td>x <3 y <= z</td></tr></table>`;
    expect(readHtmlDocument(text, 14).value?.tables).toHaveLength(1);
    expect(readHtmlDocument(text, 13).diagnostics.map((d) => d.code)).toEqual(['html-too-many-tags']);
  });
});
