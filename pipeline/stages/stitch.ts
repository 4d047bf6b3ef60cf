/**
 * Stitching: a goal row and the continuation rows after it become one row. Cell by cell, the text
 * on either side of the page break is joined: a word hyphenated across the break is rejoined, a
 * sentence cut by the break continues in the same paragraph, anything else is kept as its own block.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { ClassifiedRow, StitchedRow } from '../types.js';
import { endsFinished, endsWithFunctionWord, isWordSplit, startsLowerCase } from '../vocabulary/text-edges.js';
import { isWhiteSpaceCode } from '../cells/characters.js';
import { CellParser } from '../cells/cell-parser.js';

/** Inline or paragraph tags that may close a cell part before the break and reopen after it. */
const JOINABLE_TAGS: ReadonlySet<string> = new Set(['p', 'span', 'div', 'li', 'strong', 'em', 'b', 'i', 'u', 'a', 'font']);

/** True when a character is white space (as `\s` reads it). */
function isWhiteSpace(c: string | undefined): boolean {
  return c !== undefined && isWhiteSpaceCode(c.charCodeAt(0));
}

/**
 * The part before a break without the closing tags and white space at its end ("… drøftelse</p> ").
 * A scan from the end, not a regular expression: `(?:\s*</p\s*>)*\s*$` retries every run of white
 * space from each of its characters, so 160 000 spaces took half a minute.
 */
function withoutTrailingClosers(html: string): string {
  let end = html.length;
  for (;;) {
    while (isWhiteSpace(html[end - 1])) end--;
    if (html[end - 1] !== '>') break;
    const open = html.lastIndexOf('<', end - 1);
    if (open < 0 || html[open + 1] !== '/' || !JOINABLE_TAGS.has(html.slice(open + 2, end - 1).trimEnd().toLowerCase())) break;
    end = open;
  }
  return html.slice(0, end);
}

/** The part after a break without the white space and opening tags at its start (" <p class=x>…"). */
function withoutLeadingOpeners(html: string): string {
  let start = 0;
  for (;;) {
    while (isWhiteSpace(html[start])) start++;
    if (html[start] !== '<') break;
    let nameEnd = start + 1;
    while (/[a-z]/iu.test(html[nameEnd] ?? '')) nameEnd++;
    const after = html[nameEnd];
    if (!JOINABLE_TAGS.has(html.slice(start + 1, nameEnd).toLowerCase()) || (after !== '>' && !isWhiteSpace(after))) break;
    const close = html.indexOf('>', nameEnd);
    if (close < 0) break;
    start = close + 1;
  }
  return html.slice(start);
}

/** Characters of the part before a break read to judge how it ends (its last words, a hyphen, a stop). */
const JUDGED_TAIL = 500;

/**
 * The visible text at the end of the part before a break: all of a short part; of a longer one, its
 * last {@link JUDGED_TAIL} characters from a tag's start. Only the end decides the join, and reading
 * the whole part again for every continuation row (20 000 rows: 25 s) is quadratic in the rows.
 */
function visibleEnd(html: string, cells: CellParser): string {
  if (html.length <= JUDGED_TAIL) return cells.text(html);
  const from = html.length - JUDGED_TAIL;
  const tag = html.indexOf('<', from);
  return cells.text(html.slice(tag >= 0 ? tag : from));
}

/** How the two parts of a cell split by a page break were joined. */
export type JoinKind = 'word' | 'sentence' | 'block';

/**
 * Joins the part of a cell before a page break with the part after it. Returns the joined raw cell,
 * how it was joined, and the rejoined word when a hyphenated word was mended. `cells` reads the
 * parts' visible text (the parse's one `CellParser`).
 */
export function joinAcrossBreak(before: string, after: string, cells = new CellParser()): { cell: string; join: JoinKind; word?: string } {
  if (after.trim() === '') return { cell: before, join: 'block' };
  if (before.trim() === '') return { cell: after, join: 'block' };
  const a = visibleEnd(before, cells);
  const b = cells.text(after);
  const head = withoutTrailingClosers(before);
  const tail = withoutLeadingOpeners(after);
  if (isWordSplit(a, b) && head.endsWith('-')) {
    const word = `${lastWord(a).slice(0, -1)}${firstWord(b)}`;
    return { cell: head.slice(0, -1) + tail, join: 'word', word };
  }
  if (/\p{N}-$/u.test(a) && /^[\p{Ll}\p{N}]/u.test(b) && head.endsWith('-')) {
    // A number's compound or range split after its hyphen ("§ 18-" + "midler", "59-" + "67"): the
    // hyphen stays, no space.
    return { cell: head + tail, join: 'word', word: `${lastWord(a)}${firstWord(b)}` };
  }
  if ((!endsFinished(a) && startsLowerCase(b)) || endsWithFunctionWord(a)) {
    return { cell: `${head} ${tail}`, join: 'sentence' };
  }
  return { cell: `${before}\n${after}`, join: 'block' };
}

/**
 * Folds each goal's continuation rows into it. Section rows pass through. Provenance spans every
 * physical row the goal was stitched from. `cells` reads the cells' visible text (see `joinAcrossBreak`).
 */
export function stitchContinuationRows(rows: readonly ClassifiedRow[], cells = new CellParser()): Staged<StitchedRow[]> {
  const diagnostics: DiagnosticRecord[] = [];
  const out: StitchedRow[] = [];
  for (const row of rows) {
    const current = out[out.length - 1];
    if (row.kind === 'continuation' && current?.kind === 'goal') {
      const width = Math.max(current.cells.length, row.cells.length);
      for (let i = 0; i < width; i++) {
        const joined = joinAcrossBreak(current.cells[i] ?? '', row.cells[i] ?? '', cells);
        current.cells[i] = joined.cell;
        if (joined.word) diagnostics.push(diagnose('word-rejoined', { word: joined.word }, { page: row.page, line: row.line }));
      }
      if (current.runs && row.runs) current.runs = current.runs.map((runs, i) => [...runs, ...(row.runs![i] ?? [])]);
      current.pages[1] = row.page;
      current.lines[1] = row.endLine;
      continue;
    }
    out.push({
      kind: row.kind === 'section' ? 'section' : 'goal',
      cells: [...row.cells],
      ...(row.spanned ? { spanned: row.spanned } : {}),
      ...(row.runs ? { runs: row.runs.map((r) => [...r]) } : {}),
      pages: [row.page, row.page],
      lines: [row.line, row.endLine],
    });
  }
  return staged(out, diagnostics);
}

/** The last word of a text (scanned from the end: `/\S+$/` retries a long word from each of its letters). */
function lastWord(text: string): string {
  let start = text.length;
  while (start > 0 && !isWhiteSpace(text[start - 1])) start--;
  return start === text.length ? text.slice(-1) : text.slice(start);
}

function firstWord(text: string): string {
  return (text.match(/^[\p{L}\p{N}]+/u) ?? [''])[0];
}
