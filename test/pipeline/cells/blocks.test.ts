import { describe, expect, it } from 'vitest';
import { blocksToText, cellToBlocks, splitListItems } from '../../../pipeline/cells/blocks.js';

const TAG_OR_GLYPH = /[<>•]/;

describe('cellToBlocks', () => {
  it('reads paragraphs and a heading', () => {
    expect(cellToBlocks('<h3>Strategi</h3> <p>- Revision i foråret 2017</p><p>Anden  linje</p>')).toEqual([
      { type: 'heading', text: 'Strategi' },
      { type: 'paragraph', text: '- Revision i foråret 2017' },
      { type: 'paragraph', text: 'Anden linje' },
    ]);
  });

  it('splits a <ul> without <li> on • glyphs, even when the list never closes', () => {
    const blocks = cellToBlocks('Opgaver er: <ul style="list-style-type: none">• At begrænse• At forebygge• At øge trygheden');
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'Opgaver er:' },
      { type: 'list', items: ['At begrænse', 'At forebygge', 'At øge trygheden'] },
    ]);
  });

  it('splits "- " markers glued to the previous item but keeps real hyphens', () => {
    const blocks = cellToBlocks(
      '<ul style="list-style-type: none">- Et styrket gadeplansarbejde- To forløb- Mentor-Coach uddannelse- Arbejdsmiljø- og trivselsarbejdet- herunder § 60-selskab',
    );
    expect(blocks).toEqual([
      {
        type: 'list',
        items: ['Et styrket gadeplansarbejde', 'To forløb', 'Mentor-Coach uddannelse', 'Arbejdsmiljø- og trivselsarbejdet', 'herunder § 60-selskab'],
      },
    ]);
  });

  it('keeps a dash with a space before it inside an item', () => {
    expect(splitListItems('• Gjort budgetprocessen klar ift. hvornår, - og hvad der forventes• Næste')).toEqual([
      'Gjort budgetprocessen klar ift. hvornår, - og hvad der forventes',
      'Næste',
    ]);
  });

  it('reads <li> items and nested lists', () => {
    expect(cellToBlocks('<ul><li>Et</li><li>To <ul><li>Under</li></ul></li></ul>')).toEqual([
      { type: 'list', items: ['Et', 'To', 'Under'] },
    ]);
  });

  it('decodes entities and leaves no tag, bullet or script in the text', () => {
    const blocks = cellToBlocks('<p>A &amp; B &lt;tag&gt;</p><script>alert(1)</script><ul>• x• y</ul>');
    expect(blocks).toEqual([
      { type: 'paragraph', text: 'A & B <tag>' },
      { type: 'list', items: ['x', 'y'] },
    ]);
    const text = blocksToText(cellToBlocks('<p>Et <b>fedt</b> ord</p> <ul style="x">• a• b</ul> <h3>Titel</h3>'));
    expect(text).toBe('Et fedt ord\na\nb\nTitel');
    expect(text).not.toMatch(TAG_OR_GLYPH);
  });

  it('turns plain text with bullets into a paragraph and a list', () => {
    expect(cellToBlocks('Følgende er gjort: • Et • To')).toEqual([
      { type: 'paragraph', text: 'Følgende er gjort:' },
      { type: 'list', items: ['Et', 'To'] },
    ]);
  });

  it('gives no blocks for an empty or whitespace cell', () => {
    expect(cellToBlocks('')).toEqual([]);
    expect(cellToBlocks('  <p> </p> ')).toEqual([]);
  });
});

describe('blocks: text cut by a page break or a printed line', () => {
  it('a paragraph closed mid-sentence and continued in lower case is one paragraph', () => {
    expect(cellToBlocks('<p>I forbindelse med valget har der været en politisk drøftelse</p> af udvalgsstrukturen')).toEqual([
      { type: 'paragraph', text: 'I forbindelse med valget har der været en politisk drøftelse af udvalgsstrukturen' },
    ]);
    expect(cellToBlocks('<p>Første afsnit.</p><p>andet afsnit</p>')).toHaveLength(2);
    expect(cellToBlocks('<p>Kommunalbestyrelsens Vision 2029</p><p>Kommunalbestyrelsen vil drøfte den.</p>')).toHaveLength(2);
  });

  it('a paragraph after "- " items in a list whose </ul> never came ends the list', () => {
    expect(cellToBlocks('<p>Fokus er:</p> <ul>- Børne- og ungeområdet- Erhvervsområdet <p>Kommunen har prioriteret nye samarbejder.</p>')).toEqual([
      { type: 'paragraph', text: 'Fokus er:' },
      { type: 'list', items: ['Børne- og ungeområdet', 'Erhvervsområdet'] },
      { type: 'paragraph', text: 'Kommunen har prioriteret nye samarbejder.' },
    ]);
    expect(cellToBlocks('<ul><p>Første punkt</p><p>Andet punkt</p></ul>')).toEqual([{ type: 'list', items: ['Første punkt', 'Andet punkt'] }]);
  });
});
