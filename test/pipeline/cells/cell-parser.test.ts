import { describe, expect, it } from 'vitest';
import { CellParser } from '../../../pipeline/cells/cell-parser.js';
import { parseCell, visibleText } from '../../../pipeline/cells/blocks.js';

const CELLS = [
  '<p>Vision 2029 er visionen.</p> <p>Formålet er retning.</p>',
  'Opgaver er: <ul style="list-style-type: none">• At begrænse• At forebygge',
  '<script>x()</script><p>Synligt</p>',
  'ren tekst • punkt',
  '',
];

describe('CellParser', () => {
  it('reads each cell as parseCell and visibleText do', () => {
    const cells = new CellParser();
    for (const cell of CELLS) {
      expect(cells.parse(cell)).toEqual(parseCell(cell));
      expect(cells.text(cell)).toBe(visibleText(cell));
      expect(cells.blocks(cell)).toEqual(parseCell(cell).blocks);
    }
  });

  it('parses a cell once: the same source gives the same (not re-read) parse', () => {
    const cells = new CellParser();
    const first = cells.parse(CELLS[0]!);
    expect(cells.parse(`${CELLS[0]!}`)).toBe(first);
    expect(cells.blocks(CELLS[0]!)).toBe(first.blocks);
    expect(cells.text(CELLS[0]!)).toBe(cells.text(CELLS[0]!));
    // What reading left out is kept with the parse, so every stage asking still hears it.
    expect(cells.parse(CELLS[2]!).dropped).toEqual({ markup: 'script', chars: 3 });
  });
});
