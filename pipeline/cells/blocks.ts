/**
 * Cell HTML to blocks. Cells hold plain text or HTML fragments (`<p>`, `<h3>`, and `<ul>` lists whose
 * items have no `<li>` but are glued together with "•" or "- " markers, and whose `</ul>` may never
 * come). The fragment is made safe to parse (`markup.ts`: text that only looks like a tag stays text,
 * nesting is capped) and read as htmlparser2 (the parser beneath cheerio) streams it, in one pass
 * (see `BlockReader`); no tag, entity or bullet glyph survives into the text. What markup held text that is
 * not shown (`<script>`, `<style>`, a comment) is said, and so is nesting flattened at the cap.
 */
import { Parser } from 'htmlparser2';
import type { Block } from '../../schemas/report.js';
import { prepareCellMarkup } from './markup.js';
import { isWhiteSpaceCode } from './characters.js';
import { endsFinished, startsLowerCase } from '../vocabulary/text-edges.js';
import { WORDS_AFTER_COMPOUND_DASH_PATTERN } from '../vocabulary/danish-words.js';

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = new Set(['ul', 'ol', 'dl', 'menu']);
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'title', 'noscript']);
/** Elements that end the paragraph before them and start a new one after them. */
const BREAKING = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'blockquote', 'pre',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure', 'figcaption', 'address',
  'hr', 'body', 'html', 'center', 'form', 'fieldset',
]);

/** Characters used as list bullets in extracted text (U+F0B7 is Word's Symbol-font bullet). */
const BULLET_GLYPHS = '•·▪◦●○■□►▸‣⁃➢✓✔\uf0b7\uf0a7';
const BULLET_SPLIT = new RegExp(`[${BULLET_GLYPHS}]`, 'u');
const BULLET_TEST = new RegExp(`[${BULLET_GLYPHS}]`, 'u');
const BULLETS_ALL = new RegExp(`[${BULLET_GLYPHS}]`, 'gu');
/**
 * A "- " list marker glued to the end of the previous item ("arbejde- To forløb"). Not a marker:
 * a dash with a space before it ("hvornår, - og"), or a compound-word dash followed by a
 * conjunction ("Erhvervs- og Beskæftigelsesudvalget").
 */
const DASH_MARKER = new RegExp(String.raw`(?<=^|[^\s\-–])[-–]\s+(?!(?:${WORDS_AFTER_COMPOUND_DASH_PATTERN})\s)`, 'u');
const STARTS_WITH_DASH_MARKER = /^[-–]\s+/u;

/** True when `next` carries on the sentence `text` left unfinished: no closing punctuation, then lower case. */
function continuesSentence(text: string, next: string): boolean {
  return !endsFinished(text) && startsLowerCase(next);
}

/**
 * White space to fold: a run of two or more, or one that is not a plain space. A single plain space,
 * the common case, is left alone, so a long text of words is not rebuilt piece by piece.
 */
const FOLDED_WHITESPACE = /[\s\u200b]{2,}|[^\S ]|\u200b/gu;

/**
 * Where {@link FOLDED_WHITESPACE} first matches in `text` (-1: nowhere). A loop over the codes finds it
 * several times faster than the regex, and most texts (single spaces between words) have no match at all.
 */
function firstFoldedWhitespace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Printable ASCII and the C1 range, the common case: no white space.
    if (c > 0x20 && c < 0xa0) continue;
    if (c === 0x200b) return i;
    if (!isWhiteSpaceCode(c)) continue;
    if (c !== 0x20) return i;
    // A plain space starts a match only as the first of a run (past the end, NaN is neither).
    const d = text.charCodeAt(i + 1);
    if (d === 0x200b || isWhiteSpaceCode(d)) return i;
  }
  return -1;
}

/** Folds whitespace (including no-break spaces) to single spaces and removes soft hyphens. */
export function normaliseWhitespace(text: string): string {
  // Most texts hold no soft hyphen: looking for one is cheaper than a replace that finds none.
  const unhyphenated = text.includes('\u00ad') ? text.replace(/\u00ad/g, '') : text;
  const at = firstFoldedWhitespace(unhyphenated);
  // The regex (no lookbehind) matches nothing before `at`: only the rest is replaced in.
  const folded = at < 0 ? unhyphenated : unhyphenated.slice(0, at) + unhyphenated.slice(at).replace(FOLDED_WHITESPACE, ' ');
  return folded.trim();
}

/** True when a text holds something `normaliseWhitespace` keeps: a character other than white space, a soft hyphen or a zero-width space. */
function hasText(text: string): boolean {
  return /[^\s\u00ad\u200b]/u.test(text);
}

/** Splits list text into items on bullet glyphs, or on "- " markers when the text starts with one. */
export function splitListItems(text: string): string[] {
  return splitNormalisedItems(normaliseWhitespace(text));
}

/** `splitListItems` of a text `normaliseWhitespace` has folded already. */
function splitNormalisedItems(norm: string): string[] {
  if (norm === '') return [];
  let parts: string[];
  if (BULLET_TEST.test(norm)) parts = norm.split(BULLET_SPLIT);
  else if (STARTS_WITH_DASH_MARKER.test(norm)) parts = norm.replace(STARTS_WITH_DASH_MARKER, '').split(DASH_MARKER);
  else parts = [norm];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Markup whose text a cell does not show: which (in document order) and how many characters of text it held. */
export interface DroppedMarkup {
  /** Element names and "comment", comma-separated ("script, comment"). */
  markup: string;
  chars: number;
}

/** A cell read into blocks, with what reading it left out. */
export interface ParsedCell {
  blocks: Block[];
  /** Text inside markup that is not shown (`<script>`, `<style>`, `<template>`, a comment), or null. */
  dropped: DroppedMarkup | null;
  /** Nesting flattened at the depth limit (the deepest nesting and the limit), or null. */
  deep: { depth: number; limit: number } | null;
}

/**
 * Parses a cell (plain text or an HTML fragment) into paragraph, list and heading blocks, and says
 * what it left out. Linear in the cell's length whatever its markup.
 */
export function parseCell(html: string): ParsedCell {
  if (!/[<&]/.test(html)) return { blocks: textToBlocks(html), dropped: null, deep: null };
  const prepared = prepareCellMarkup(html);
  const reader = new BlockReader();
  new Parser(reader, { decodeEntities: true }).end(prepared.html);
  const deep = prepared.deep && { depth: prepared.deep.depth, limit: prepared.deep.limit };
  return { blocks: reader.finish(), dropped: reader.dropped(), deep };
}

/** Parses a cell (plain text or an HTML fragment) into paragraph, list and heading blocks. */
export function cellToBlocks(html: string): Block[] {
  return parseCell(html).blocks;
}

/** Visible text of a cell (tags and markers resolved), one line per paragraph, heading and list item. */
export function visibleText(cell: string): string {
  return blocksToText(cellToBlocks(cell));
}

/** The text of blocks: one line per paragraph, heading and list item. */
export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text)).join('\n');
}

/** Plain text: bullet glyphs start a list after the text before them. */
function textToBlocks(text: string): Block[] {
  const norm = normaliseWhitespace(text);
  if (norm === '') return [];
  const glyph = norm.search(BULLET_SPLIT);
  if (glyph < 0) return [{ type: 'paragraph', text: norm }];
  const lead = norm.slice(0, glyph).trim();
  // From a glyph to the end of folded text is folded text: no need to fold it again.
  const items = splitNormalisedItems(norm.slice(glyph));
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'paragraph', text: lead });
  if (items.length) blocks.push({ type: 'list', items });
  return blocks;
}

/** An element of a cell's markup tree: its name and content (text is a string). */
interface CellElement {
  name: string;
  children: CellNode[];
}

type CellNode = CellElement | string;

/** A conditional comment of Word's HTML (`<!--[if !supportLists]-->`): markup, not the author's text. */
const CONDITIONAL_COMMENT = /^\s*\[(?:if\b|endif\])/u;

/**
 * Reads a cell's markup into blocks as the parser streams it. Paragraphs, inline markup and text go
 * straight to blocks; only a heading, list or list item is built as a small tree first (its items
 * are read from its structure). Elements whose content is not shown are left out, and counted. A
 * paragraph that a later one continues is gathered as parts and joined once at the end, so a cell
 * of a million paragraphs costs a million steps, not their square.
 */
class BlockReader {
  private readonly blocks: Block[] = [];
  private inline: string[] = [];
  /** The parts of the last block, when it is a paragraph (joined into its text by `finish`). */
  private paragraph: string[] | null = null;
  /** The heading, list or list item being built, outermost first. */
  private readonly building: CellElement[] = [];
  /** Inside an element whose content is not shown: its name and how deep inside it the parser is. */
  private skipped: { name: string; depth: number } | null = null;
  private readonly droppedNames: string[] = [];
  private droppedChars = 0;

  onopentag(name: string): void {
    if (this.skipped) {
      this.skipped.depth++;
      return;
    }
    if (SKIPPED.has(name)) {
      this.skipped = { name, depth: 1 };
      return;
    }
    const parent = this.building[this.building.length - 1];
    if (parent || HEADINGS.has(name) || LISTS.has(name) || name === 'li') {
      const element: CellElement = { name, children: [] };
      parent?.children.push(element);
      this.building.push(element);
      return;
    }
    if (name === 'br') this.inline.push(' ');
    else if (BREAKING.has(name)) this.flush();
  }

  onclosetag(name: string): void {
    if (this.skipped) {
      if (--this.skipped.depth === 0) this.skipped = null;
      return;
    }
    const element = this.building.pop();
    if (element && this.building.length === 0) this.visit(element);
    else if (!element && BREAKING.has(name)) this.flush();
  }

  ontext(data: string): void {
    if (this.skipped) return this.drop(this.skipped.name, data);
    const parent = this.building[this.building.length - 1];
    if (!parent) {
      this.inline.push(data);
      return;
    }
    // The parser hands text over in pieces (around entities): one text node, as the DOM has.
    const children = parent.children;
    if (typeof children[children.length - 1] === 'string') children[children.length - 1] += data;
    else children.push(data);
  }

  oncomment(data: string): void {
    if (!CONDITIONAL_COMMENT.test(data) && /\p{L}/u.test(data)) this.drop('comment', data);
  }

  /** The blocks, once the parser is done. */
  finish(): Block[] {
    this.flush();
    this.closeParagraph();
    return this.blocks;
  }

  /** What was left out, or null. */
  dropped(): DroppedMarkup | null {
    return this.droppedNames.length === 0 ? null : { markup: this.droppedNames.join(', '), chars: this.droppedChars };
  }

  private drop(name: string, text: string): void {
    const chars = text.replace(/\s+/gu, '').length;
    if (chars === 0) return;
    this.droppedChars += chars;
    if (!this.droppedNames.includes(name)) this.droppedNames.push(name);
  }

  private flush(): void {
    if (this.inline.length === 0) return;
    const text = this.inline.join('');
    this.inline = [];
    for (const b of textToBlocks(text)) this.push(b);
  }

  private closeParagraph(): void {
    const last = this.blocks[this.blocks.length - 1];
    if (this.paragraph && last?.type === 'paragraph') last.text = this.paragraph.join(' ');
    this.paragraph = null;
  }

  private push(block: Block): void {
    const last = this.blocks[this.blocks.length - 1];
    // A list split by a stray block keeps one list ("<ul>• a</ul><ul>• b</ul>").
    if (block.type === 'list' && last?.type === 'list') {
      for (const item of block.items) last.items.push(item);
      return;
    }
    if (block.type === 'paragraph' && this.paragraph && continuesSentence(this.paragraph[this.paragraph.length - 1]!, block.text)) {
      // A paragraph closed mid-sentence ("… en politisk drøftelse</p> af udvalgsstrukturen"), as a page
      // break or a printed line leaves it, goes on in the same paragraph.
      this.paragraph.push(block.text);
      return;
    }
    this.closeParagraph();
    this.blocks.push(block);
    if (block.type === 'paragraph') this.paragraph = [block.text];
  }

  /** Reads a built element (and, for the nodes a list hands back, any node) into blocks. */
  private visit(node: CellNode): void {
    if (typeof node === 'string') {
      this.inline.push(node);
      return;
    }
    const name = node.name;
    if (name === 'br') {
      this.inline.push(' ');
      return;
    }
    if (HEADINGS.has(name)) {
      this.flush();
      const text = normaliseWhitespace(textOf(node).replace(BULLETS_ALL, ' '));
      if (text) this.push({ type: 'heading', text });
      return;
    }
    if (LISTS.has(name)) {
      this.flush();
      const after: CellNode[] = [];
      const items = listItems(node, after);
      if (items.length) this.push({ type: 'list', items });
      // A paragraph after marker-glued items inside a list whose `</ul>` never came follows the list.
      for (const n of after) this.visit(n);
      this.flush();
      return;
    }
    if (name === 'li') {
      this.flush();
      const items = splitLi(node);
      if (items.length) this.push({ type: 'list', items });
      return;
    }
    if (BREAKING.has(name)) this.flush();
    for (const n of node.children) this.visit(n);
    if (BREAKING.has(name)) this.flush();
  }
}

/** Appends items one by one: a spread of a long list (`push(...items)`) overflows the call stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * Items of a list element: `<li>` children, and marker-separated text written straight into the list.
 * With `after`, a paragraph or heading that comes after such marker-separated text (the list was never
 * closed) ends the list: it and the nodes after it are handed back in `after` instead of becoming items.
 */
function listItems(list: CellElement, after?: CellNode[]): string[] {
  const items: string[] = [];
  let pending: string[] = [];
  let gluedItems = false;
  const flushPending = () => {
    if (pending.length) append(items, splitListItems(pending.join('')));
    pending = [];
  };
  const children = list.children;
  for (const [index, child] of children.entries()) {
    if (typeof child === 'string') {
      if (!gluedItems && hasText(child)) gluedItems = true;
      pending.push(child);
      continue;
    }
    const name = child.name;
    if (after && gluedItems && (BREAKING.has(name) || HEADINGS.has(name))) {
      append(after, children.slice(index));
      break;
    }
    if (name === 'li' || name === 'dt' || name === 'dd') {
      flushPending();
      append(items, splitLi(child));
      continue;
    }
    if (LISTS.has(name)) {
      flushPending();
      append(items, listItems(child));
      continue;
    }
    if (BREAKING.has(name) || HEADINGS.has(name)) {
      flushPending();
      pending.push(textOf(child));
      flushPending();
      continue;
    }
    pending.push(textOf(child));
  }
  flushPending();
  return items;
}

/** One `<li>`: its text, plus the items of any list nested inside it. */
function splitLi(li: CellElement): string[] {
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of li.children) {
    if (typeof child !== 'string' && LISTS.has(child.name)) append(nested, listItems(child));
    else own.push(textOf(child));
  }
  const text = normaliseWhitespace(own.join('').replace(BULLETS_ALL, ' '));
  return text ? [text, ...nested] : nested;
}

/** All text below a node, with a space where a block or line break separates words. */
function textOf(node: CellNode): string {
  if (typeof node === 'string') return node;
  const name = node.name;
  if (name === 'br') return ' ';
  const inner = node.children.map(textOf).join('');
  return BREAKING.has(name) || HEADINGS.has(name) || LISTS.has(name) || name === 'li' ? ` ${inner} ` : inner;
}
