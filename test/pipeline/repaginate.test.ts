/**
 * Property: re-paginating the seed (page breaks at random row boundaries and inside cells, with the
 * split word hyphenated) gives the same goal records. Only provenance and the report-id prefix of
 * goal ids may change.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSource } from '../../pipeline/stages/decode.js';
import { readTextDocument } from '../../pipeline/formats/text.js';
import { normaliseRowWidths } from '../../pipeline/stages/rows.js';
import { classifyRows } from '../../pipeline/stages/classify.js';
import { stitchContinuationRows } from '../../pipeline/stages/stitch.js';
import type { Report } from '../../schemas/report.js';
import { parseText } from '../helpers.js';
import { isWordSplit } from '../../pipeline/vocabulary/text-edges.js';
import { visibleText } from '../../pipeline/cells/blocks.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
/**
 * Conjunctions the tail of a split word must not read as (the stitcher's word list itself is
 * checked by the pipeline's own `isWordSplit`, see `splitPoints`).
 */
const CONJUNCTIONS = new Set(['og', 'eller', 'samt', 'til']);

/** The seed's logical rows (continuations already stitched), each cell on one line. */
let logicalRows: string[][];
let head: string;
let expected: unknown;

/** Goal records without what pagination may change. */
function comparable(report: Report) {
  return {
    sections: report.sections,
    goals: report.goals.map(({ provenance: _p, id, ...g }) => ({ ...g, id: id.slice(13) })),
  };
}

beforeAll(async () => {
  const text = decodeSource(readFileSync(SEED)).value!;
  const document = readTextDocument(text).value!;
  const table = document.tables[0]!;
  const rows = normaliseRowWidths(table.rows, 3).value;
  const stitched = stitchContinuationRows(classifyRows(rows, 0).value).value;
  logicalRows = stitched.map((r) => r.cells.map((c) => c.replace(/\s*\n\s*/g, ' ')));
  head = `${document.title!.text}\n\n${document.intro}\n\n${table.header!.join('\t')}`;
  expected = comparable(await parseText(readFileSync(SEED, 'utf8')));
});

/** Places in a cell where a page break may fall: between words or inside a word, outside tags. */
function splitPoints(cell: string): { at: number; hyphenate: boolean }[] {
  const points: { at: number; hyphenate: boolean }[] = [];
  let inTag = false;
  for (let i = 1; i < cell.length - 1; i++) {
    const c = cell[i]!;
    if (c === '<') inTag = true;
    if (c === '>') inTag = false;
    if (inTag) continue;
    const rest = cell.slice(i);
    const word = /^[a-zæøå]+/u.exec(rest)?.[0] ?? '';
    // Between words: the next part must start in lower case, as a sentence cut by a break does.
    if (c === ' ' && /^ [a-zæøå]/u.test(rest) && /[\p{L},]$/u.test(cell.slice(0, i))) points.push({ at: i, hyphenate: false });
    // Inside a word: both halves at least two letters; the tail must not read as a conjunction.
    // And the stitcher must read the hyphen as a word split: a tail that reads as the word after a
    // compound dash ("lige-" + "som", "Hav-" + "el.": "bolig- som erhvervsområder") keeps its dash,
    // rightly, so no split is drawn there.
    const hyphenated = `${cell.slice(0, i)}-`;
    if (/\p{L}{2}$/u.test(cell.slice(0, i)) && word.length >= 2 && !CONJUNCTIONS.has(word) && !/^\p{L}/u.test(rest.slice(word.length)) && isWordSplit(visibleText(hyphenated), visibleText(rest))) {
      points.push({ at: i, hyphenate: true });
    }
  }
  return points;
}

/** One re-pagination plan: breaks before some rows, and some rows split inside a cell. */
const plan = fc.record({
  breaks: fc.uniqueArray(fc.nat(200), { maxLength: 12 }),
  splits: fc.uniqueArray(fc.record({ row: fc.nat(200), column: fc.integer({ min: 1, max: 2 }), point: fc.nat(), closeParagraph: fc.boolean() }), {
    maxLength: 6,
    selector: (s) => s.row,
  }),
});

/** A re-pagination plan, as drawn. */
type Plan = { breaks: number[]; splits: { row: number; column: number; point: number; closeParagraph: boolean }[] };

function render(p: Plan): string {
  const out: string[] = [head];
  const breakRows = new Set(p.breaks.map((b) => b % logicalRows.length));
  logicalRows.forEach((cells, r) => {
    if (breakRows.has(r) && r > 0) out.push('', '', '');
    const split = p.splits.find((s) => s.row % logicalRows.length === r);
    const isSection = cells[0] === '' && cells[2] === '';
    const cell = cells[split?.column ?? 0] ?? '';
    const points = split && !isSection ? splitPoints(cell) : [];
    if (!split || points.length === 0) {
      out.push(cells.join('\t'));
      return;
    }
    const { at, hyphenate } = points[split.point % points.length]!;
    let before = cell.slice(0, at) + (hyphenate ? '-' : '');
    let after = hyphenate ? cell.slice(at) : cell.slice(at + 1);
    const openParagraph = (before.match(/<p>/g) ?? []).length > (before.match(/<\/p>/g) ?? []).length;
    if (openParagraph && split.closeParagraph) {
      // PDF text extraction closes the paragraph at the page end and reopens it after the break.
      before += '</p>';
      after = `<p>${after}`;
    }
    const first = cells.map((c, i) => (i === split.column ? before : i > split.column ? '' : c));
    const second = cells.map((c, i) => (i === split.column ? after : i > split.column ? c : ''));
    out.push(first.join('\t'), '', '', '', second.join('\t'));
  });
  return `${out.join('\n')}\n`;
}

describe('re-paginating the seed', () => {
  it('the seed written without page breaks gives the same records', async () => {
    const text = `${head}\n${logicalRows.map((c) => c.join('\t')).join('\n')}\n`;
    expect(comparable(await parseText(text))).toEqual(expected);
  });

  it('random page breaks between rows and inside cells give the same records', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const report = await parseText(render(p));
        expect(comparable(report)).toEqual(expected);
      }),
      { numRuns: Number(process.env.REPAGINATE_RUNS ?? 60) },
    );
  });

  it('no word is split where its tail reads as the word after a compound dash (fast-check seeds 896364530, -2028880077)', () => {
    // Found by the property above: "ligesom" split as "lige-" + "som", and "Havel." as "Hav-" +
    // "el.", were kept with their dash, rightly ("bolig- som erhvervsområder"), so the records
    // differed from the unsplit seed: the generator must not draw such splits.
    const tails = (cell: string) => splitPoints(cell).filter((p) => p.hyphenate).map((p) => cell.slice(p.at));
    expect(tails('i kommunen, ligesom der')).not.toContain('som der');
    expect(tails('i kommunen, ligesom der')).toContain('esom der');
    expect(tails('<p>an Der Havel.</p>')).not.toContain('el.</p>');
    expect(tails('<p>an Der Havel.</p>')).toContain('vel.</p>');
  });
});
