/**
 * A cell's lines to its raw string: lines grouped into paragraphs, each paragraph's lines joined into
 * one text under the Danish hyphenation rules (a line-wrap hyphen goes, the hyphen of a compound or a
 * name stays, a "- " list marker glued to the line before is kept apart), and the paragraphs written as
 * the `<p>` and `<ul>` elements the block stage reads.
 */
import { escapeHtml, unescapeHtml } from '../cells/escape-html.js';
import { PARAGRAPH_GAP, lineText, type TextLine } from './pdf-page.js';
import { WORDS_AFTER_COMPOUND_DASH_PATTERN } from '../vocabulary/danish-words.js';

/** A "- " list marker opening a line (not the dash of "hvornår, - og hvad"). */
const DASH_ITEM = new RegExp(String.raw`^[-–]\s+(?!(?:${WORDS_AFTER_COMPOUND_DASH_PATTERN})\s)`, 'u');

/**
 * Paragraphs of a cell's lines: a vertical gap wider than the line spacing starts a new one, and so
 * does a "- " list item right after a line ending in a colon ("Eksempelvis:" / "- Mere monitor").
 */
export function paragraphs(lines: readonly TextLine[], spacing: number): TextLine[][] {
  const sorted = [...lines].sort((a, b) => a.baseline - b.baseline);
  const out: TextLine[][] = [];
  for (const l of sorted) {
    const para = out[out.length - 1];
    const prev = para?.[para.length - 1];
    const close = prev !== undefined && l.baseline - prev.baseline <= spacing * PARAGRAPH_GAP && Math.abs(l.size - prev.size) < 1;
    const listStart = prev !== undefined && /:$/.test(lineText(prev)) && DASH_ITEM.test(lineText(l));
    if (para && close && !listStart) para.push(l);
    else out.push([l]);
  }
  return out;
}

/** A conjunction opening a line: the hyphen ending the line before is a compound's dash ("Erhvervs- og"). */
const CONJUNCTION = new RegExp(String.raw`^(?:${WORDS_AFTER_COMPOUND_DASH_PATTERN})(?:\s|$)`, 'u');

/**
 * Joins the lines of a paragraph. A line ending in a hyphen: before a conjunction the dash of a
 * compound stays with a space ("Erhvervs- og"); before a capital or digit the hyphen belongs to the
 * word ("Lyngby-Tårnbæk", "2014-2019"), except in a list written with "- " markers, where it is the
 * next marker; before a lower-case letter the word was split by the line wrap when the document uses
 * the word unsplit elsewhere (and not hyphenated), else the hyphen is kept. A soft hyphen always goes.
 */
export function joinLines(lines: readonly string[], vocabulary: ReadonlySet<string> = new Set()): string {
  const out = new JoinedText();
  const dashList = /^[-–]\s/u.test(lines[0] ?? '');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out.empty) {
      out.append(line);
      continue;
    }
    const end = out.end;
    if (/\u00ad$/u.test(end)) {
      out.dropLastChar();
      out.append(line);
      continue;
    }
    if (!/\p{L}[-‐]$/u.test(end) && !/\p{N}[-‐]$/u.test(end)) {
      out.append(` ${line}`);
      continue;
    }
    // A word is read from the end of the text joined so far (a longer one is in no vocabulary).
    const before = (end.slice(-MAX_WORD).match(/[\p{L}\p{N}]+[-‐]$/u)?.[0] ?? '').slice(0, -1);
    const after = line.match(/^[\p{L}\p{N}]+/u)?.[0] ?? '';
    const splitWord = vocabulary.has(`${before}${after}`.toLowerCase()) && !vocabulary.has(`${before}-${after}`.toLowerCase());
    if (CONJUNCTION.test(line)) out.append(` ${line}`);
    else if (/^\p{Ll}/u.test(line) && splitWord) {
      out.dropLastChar();
      out.append(line);
    } else if (dashList) out.append(dashMarkerAtWrap(end, line) ? ` ${line}` : line);
    else out.append(line);
  }
  return out.toString();
}

/** Longest word read at the end of joined text. */
const MAX_WORD = 64;
/** How much of the end of joined text is kept apart for reading (the current list item, at least its end). */
const KEPT_END = 256;

/**
 * Text joined line by line, whose end is read after every line. The end is kept apart: reading the
 * end of a string built by `+=` flattens all of it, so a cell of ten thousand lines would cost their
 * square.
 */
class JoinedText {
  private readonly parts: string[] = [];
  /** The last characters of the text. */
  end = '';

  get empty(): boolean {
    return this.parts.length === 0;
  }

  append(text: string): void {
    this.parts.push(text);
    this.end = (this.end + text).slice(-KEPT_END);
  }

  dropLastChar(): void {
    while (this.parts.length > 0 && this.parts[this.parts.length - 1] === '') this.parts.pop();
    const last = this.parts.length - 1;
    if (last >= 0) this.parts[last] = this.parts[last]!.slice(0, -1);
    this.end = this.end.slice(0, -1);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Words that start a list item rather than finish a compound ("Erhvervsområdet-" / "Det …"). */
const ITEM_START_WORDS = new Set([
  'at', 'af', 'de', 'den', 'det', 'der', 'dette', 'disse', 'en', 'et', 'for', 'fra', 'i', 'med', 'mere', 'nye', 'ny',
  'om', 'på', 'som', 'til', 'to', 'tre', 'ved', 'vi', 'øget', 'bedre', 'flere',
]);

/**
 * In a list of "- " items glued together ("arbejde- To forløb"), whether a hyphen ending a line is the
 * next item's marker (the line broke at its space) or the hyphen of a compound ("Mentor-Coach"). A
 * compound is read only when the item so far is one word and the next word is capitalized and not a
 * common item opener; after a non-letter (")-") or before a lower-case word it is a marker.
 */
function dashMarkerAtWrap(text: string, next: string): boolean {
  if (!/\p{L}[-‐]$/u.test(text)) return true;
  const nextWord = next.match(/^[\p{L}\p{N}]+/u)?.[0] ?? '';
  if (ITEM_START_WORDS.has(nextWord.toLowerCase()) || !/^\p{Lu}/u.test(nextWord)) return true;
  const item = text.slice(0, -1).split(/(?:^|[^\s\-–])[-–]\s+/u).pop() ?? '';
  return item.trim().split(/\s+/u).length > 1;
}

/** A "- " item marker glued to the end of the item before it ("gadeplansarbejde- To"). */
const DASH_MARKER_INSIDE = new RegExp(String.raw`(?<=[^\s\-–])[-–]\s+(?!(?:${WORDS_AFTER_COMPOUND_DASH_PATTERN})\s)`, 'u');

/** The element a paragraph of a PDF cell stands for: a `<ul>` for "- " items glued together, else `<p>`. */
export function blockTag(paragraph: string): 'ul' | 'p' {
  return DASH_ITEM.test(paragraph) && paragraph.replace(DASH_ITEM, '').split(DASH_MARKER_INSIDE).length >= 2 ? 'ul' : 'p';
}

/**
 * A cell's raw string: its paragraphs as `<p>` and `<ul>` elements (text escaped), so the block stage
 * sees the same structure as in the HTML the PDF was printed from.
 */
export function cellText(
  lines: readonly TextLine[],
  spacing: number,
  vocabulary: ReadonlySet<string>,
  open: { openEnd: string | null; openStart: string | null } = { openEnd: null, openStart: null },
): string {
  if (lines.length === 0) return '';
  const paras = paragraphs(lines, spacing).map((p) => joinLines(p.map((l) => lineText(l)), vocabulary)).filter((t) => t !== '');
  // Paragraphs stay paragraphs even when the cell is cut by a page break (see `joinAcrossBreak`), and a
  // paragraph of "- " items glued together is a list, as the `<ul>` it was printed from. A paragraph
  // running on over a page break is left open at the cut (no closing tag before it, no opening after).
  return paras
    .map((p, i) => {
      const tag = blockTag(p);
      const opener = i === 0 && open.openStart ? '' : `<${tag}>`;
      const closer = i === paras.length - 1 && open.openEnd ? '' : `</${i === 0 && open.openStart ? open.openStart : tag}>`;
      return `${opener}${escapeHtml(p)}${closer}`;
    })
    .join(' ');
}

/** Visible text of a raw cell made by `cellText`. */
export function visibleTextOf(cell: string): string {
  return unescapeHtml(cell.replace(/<\/?(?:p|ul)>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
