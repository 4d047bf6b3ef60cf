/**
 * Boxes (PDF only): where each cell of a goal and each of its facts stands on the page. A cell's box
 * is the union of its text runs on each page. A fact's boxes come from the characters it spans: its
 * text is found among the cell's runs (white space, hyphens and bullets left out on both sides, since
 * joining lines drops a line-end hyphen and the block stage drops bullets), at the place its span
 * says, and each run it touches is cut at the fact's first and last character by interpolating the
 * run's width over its characters. A fact whose text is not found there gets no box.
 */
import type { Box, Fact } from '../../schemas/fact.js';
import type { Goal, RowCell } from '../../schemas/report.js';
import type { PlacedRun } from '../types.js';
import { factSourceText } from './facts.js';

/** Characters left out when fact text is matched against the page: white space, dashes, soft hyphens, bullets. */
const UNMATCHED = /[\s\-‐‑–—\u00ad•▪◦●·]/u;

/** How far (characters of matched text) from where its span says a fact's text is looked for. */
const SEARCH_WINDOW = 400;

/** Lines of text whose tops lie closer than this (points) are one line of a fact's boxes. */
const SAME_LINE = 2;

/** A cell's runs as one string of matched characters, each pointing back to its run and offset. */
interface RunText {
  text: string;
  run: Int32Array;
  offset: Int32Array;
}

function runText(runs: readonly PlacedRun[]): RunText {
  let text = '';
  const run: number[] = [];
  const offset: number[] = [];
  runs.forEach((r, i) => {
    for (let k = 0; k < r.str.length; k++) {
      const c = r.str[k]!;
      if (UNMATCHED.test(c)) continue;
      text += c;
      run.push(i);
      offset.push(k);
    }
  });
  return { text, run: Int32Array.from(run), offset: Int32Array.from(offset) };
}

/** The matched characters of a text (see `UNMATCHED`). */
function matched(text: string): string {
  let out = '';
  for (let k = 0; k < text.length; k++) if (!UNMATCHED.test(text[k]!)) out += text[k];
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;

function box(page: number, x0: number, top: number, x1: number, bottom: number): Box {
  return { page, x: round(x0), y: round(top), width: round(Math.max(0, x1 - x0)), height: round(Math.max(0, bottom - top)) };
}

/** One rectangle per page around a cell's runs. */
export function cellBoxes(runs: readonly PlacedRun[]): Box[] {
  const pages = new Map<number, { x0: number; x1: number; top: number; bottom: number }>();
  for (const r of runs) {
    const b = pages.get(r.page);
    if (!b) pages.set(r.page, { x0: r.x0, x1: r.x1, top: r.top, bottom: r.bottom });
    else {
      b.x0 = Math.min(b.x0, r.x0);
      b.x1 = Math.max(b.x1, r.x1);
      b.top = Math.min(b.top, r.top);
      b.bottom = Math.max(b.bottom, r.bottom);
    }
  }
  return [...pages].sort(([a], [b]) => a - b).map(([page, b]) => box(page, b.x0, b.top, b.x1, b.bottom));
}

/**
 * The boxes of the characters `[from, to)` of a cell's matched text: each run touched is cut at the
 * first and last character taken from it (its width shared evenly over its characters), and the
 * pieces on one line are joined into one rectangle.
 */
function spanBoxes(runs: readonly PlacedRun[], map: RunText, from: number, to: number): Box[] {
  const lines: { page: number; x0: number; x1: number; top: number; bottom: number }[] = [];
  let i = from;
  while (i < to) {
    const r = map.run[i]!;
    let j = i;
    while (j + 1 < to && map.run[j + 1] === r) j++;
    const run = runs[r]!;
    const per = (run.x1 - run.x0) / Math.max(1, run.str.length);
    const x0 = run.x0 + per * map.offset[i]!;
    const x1 = run.x0 + per * (map.offset[j]! + 1);
    const line = lines.find((l) => l.page === run.page && Math.abs(l.top - run.top) < SAME_LINE);
    if (line) {
      line.x0 = Math.min(line.x0, x0);
      line.x1 = Math.max(line.x1, x1);
      line.bottom = Math.max(line.bottom, run.bottom);
    } else lines.push({ page: run.page, x0, x1, top: run.top, bottom: run.bottom });
    i = j + 1;
  }
  return lines.map((l) => box(l.page, l.x0, l.top, l.x1, l.bottom));
}

/** Where a fact's matched text starts in its cell's matched text: nearest the place its span says, or -1. */
function findFact(map: RunText, needle: string, expected: number): number {
  if (needle === '') return -1;
  if (map.text.startsWith(needle, expected)) return expected;
  const from = Math.max(0, expected - SEARCH_WINDOW);
  const window = map.text.slice(from, expected + SEARCH_WINDOW + needle.length);
  let best = -1;
  for (let k = window.indexOf(needle); k >= 0; k = window.indexOf(needle, k + 1)) {
    if (best < 0 || Math.abs(from + k - expected) < Math.abs(best - expected)) best = from + k;
  }
  return best;
}

/**
 * A goal with boxes on its cells and facts, from the text runs of its row's cells (one list per cell,
 * in table order). Pure: the goal given is not changed.
 */
export function attachBoxes(goal: Goal, runs: readonly (readonly PlacedRun[])[]): Goal {
  const maps = new Map<number, RunText>();
  const mapOf = (cell: number) => {
    let map = maps.get(cell);
    if (!map) maps.set(cell, (map = runText(runs[cell] ?? [])));
    return map;
  };
  // Where the title and subtitle start in their cell's matched text (the title may lose a number prefix).
  const fieldStart = new Map<string, number>();
  const startOf = (fact: Fact, map: RunText): number => {
    if (fact.field === 'text' || fact.field === undefined) return 0;
    const key = `${fact.cell}:${fact.field}`;
    let at = fieldStart.get(key);
    if (at === undefined) {
      const field = factSourceText(goal, fact) ?? '';
      at = Math.max(0, map.text.indexOf(matched(field).slice(0, 64)));
      fieldStart.set(key, at);
    }
    return at;
  };
  // Matched characters before a span's start, counted on from the previous fact of the same text
  // (facts come in text order), so a cell of many facts is read once, not once per fact.
  const cursors = new Map<string, { pos: number; count: number }>();
  const countMatched = (key: string, text: string, end: number): number => {
    let c = cursors.get(key);
    if (!c || c.pos > end) cursors.set(key, (c = { pos: 0, count: 0 }));
    for (; c.pos < end && c.pos < text.length; c.pos++) if (!UNMATCHED.test(text[c.pos]!)) c.count++;
    return c.count;
  };
  const facts = goal.facts.map((fact) => {
    if (fact.cell === undefined || !runs[fact.cell]?.length) return fact;
    const map = mapOf(fact.cell);
    const field = factSourceText(goal, fact);
    if (field === null) return fact;
    const expected = startOf(fact, map) + countMatched(`${fact.cell}:${fact.field}`, field, fact.span[0]);
    const needle = matched(fact.text);
    const at = findFact(map, needle, expected);
    if (at < 0) return fact;
    return { ...fact, boxes: spanBoxes(runs[fact.cell]!, map, at, at + needle.length) };
  });
  const cells: RowCell[] = goal.cells.map((cell, i) => (runs[i]?.length ? { ...cell, boxes: cellBoxes(runs[i]!) } : cell));
  return { ...goal, cells, facts };
}
