import { describe, expect, it } from 'vitest';
import { attachBoxes, cellBoxes } from '../../../pipeline/stages/boxes.js';
import type { PlacedRun } from '../../../pipeline/types.js';
import type { Goal } from '../../../schemas/report.js';
import type { Fact } from '../../../schemas/fact.js';

/** A run of `str` whose characters are each 5 points wide, starting at `x0`. */
function run(str: string, x0: number, top: number, page = 1): PlacedRun {
  return { page, str, x0, x1: x0 + 5 * str.length, top, bottom: top + 10 };
}

function money(text: string, span: [number, number], cell = 1): Fact {
  return { kind: 'money', cell, column: 'Status', field: 'text', text, span, value: 1, min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false };
}

function goal(cellText: string, facts: Fact[]): Goal {
  return {
    id: '0123456789ab-1-x', key: '1-x', ordinal: 1, table: 1, section: null, group: null, number: null, title: 'X', subtitle: null, total: false,
    cells: [
      { label: 'Mål', role: 'goal', text: 'X', blocks: [{ type: 'paragraph', text: 'X' }] },
      { label: 'Status', role: 'results', text: cellText, blocks: [{ type: 'paragraph', text: cellText }] },
    ],
    facts, series: [], provenance: { pages: [1, 1], lines: [1, 1] },
  };
}

describe('attachBoxes', () => {
  it('cuts a run at the fact by character offset', () => {
    const text = 'Besparelse på 1,6 mio. kr. årligt';
    const start = text.indexOf('1,6');
    const g = attachBoxes(goal(text, [money('1,6 mio. kr.', [start, start + 12])]), [[run('X', 0, 0)], [run(text, 100, 50)]]);
    const [box] = g.facts[0]!.boxes!;
    // "Besparelse på " is 14 characters: the fact starts 14 × 5 points into the run, and is 12 characters wide.
    expect(box).toEqual({ page: 1, x: 100 + 5 * start, y: 50, width: 5 * 12, height: 10 });
    expect(g.cells[1]!.boxes).toEqual([{ page: 1, x: 100, y: 50, width: 5 * text.length, height: 10 }]);
  });

  it('gives a fact wrapped over a line (its hyphen dropped by the join) one box per line', () => {
    const text = 'i alt 2,5 mia. kr. til drift';
    const start = text.indexOf('2,5');
    const runs = [run('i alt 2,5 mia.', 0, 0), run('kr. til drift', 0, 12)];
    const g = attachBoxes(goal(text, [money('2,5 mia. kr.', [start, start + 12])]), [[], runs]);
    const boxes = g.facts[0]!.boxes!;
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toMatchObject({ x: 5 * 6, y: 0 });
    expect(boxes[1]).toMatchObject({ x: 0, y: 12, width: 15 });
  });

  it('picks the occurrence the span points at when the text repeats', () => {
    const text = '5 mio. kr. og 5 mio. kr.';
    const second = text.lastIndexOf('5 mio.');
    const g = attachBoxes(goal(text, [money('5 mio. kr.', [second, second + 10])]), [[], [run(text, 0, 0)]]);
    expect(g.facts[0]!.boxes![0]!.x).toBe(5 * second);
  });

  it('leaves a fact whose text is not on the page without a box', () => {
    const g = attachBoxes(goal('7 mio. kr.', [money('7 mio. kr.', [0, 10])]), [[], [run('noget andet', 0, 0)]]);
    expect(g.facts[0]!.boxes).toBeUndefined();
  });
});

describe('cellBoxes', () => {
  it('gives one rectangle per page', () => {
    const boxes = cellBoxes([run('ab', 10, 700, 1), run('abcd', 20, 710, 1), run('c', 30, 40, 2)]);
    expect(boxes).toEqual([
      { page: 1, x: 10, y: 700, width: 30, height: 20 },
      { page: 2, x: 30, y: 40, width: 5, height: 10 },
    ]);
  });
});
