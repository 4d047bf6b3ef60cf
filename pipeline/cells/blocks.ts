/**
 * Cell HTML to blocks. Cells hold plain text or HTML fragments (`<p>`, `<h3>`, and `<ul>` lists whose
 * items have no `<li>` but are glued together with "•" or "- " markers, and whose `</ul>` may never
 * come). The fragment is parsed with htmlparser2 (the parser beneath cheerio) and walked once; no tag,
 * entity or bullet glyph survives into the text.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { Block, Cell } from '../../schemas/report.js';
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

/** Folds whitespace (including no-break spaces) to single spaces and removes soft hyphens. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/gu, ' ').trim();
}

/** Splits list text into items on bullet glyphs, or on "- " markers when the text starts with one. */
export function splitListItems(text: string): string[] {
  const norm = normaliseWhitespace(text);
  if (norm === '') return [];
  let parts: string[];
  if (BULLET_TEST.test(norm)) parts = norm.split(BULLET_SPLIT);
  else if (STARTS_WITH_DASH_MARKER.test(norm)) parts = norm.replace(STARTS_WITH_DASH_MARKER, '').split(DASH_MARKER);
  else parts = [norm];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses a cell (plain text or an HTML fragment) into paragraph, list and heading blocks. */
export function cellToBlocks(html: string): Block[] {
  if (!/[<&]/.test(html)) return textToBlocks(html);
  const doc = parseDocument(html, { decodeEntities: true });
  const walker = new BlockWalker();
  walker.visitAll(doc.children);
  walker.flush();
  return walker.blocks;
}

/** A cell's blocks and its text (blocks joined by "\n", one line per list item). */
export function cellFromBlocks(blocks: Block[]): Cell {
  return { text: blocksToText(blocks), blocks };
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
  const items = splitListItems(norm.slice(glyph));
  const blocks: Block[] = [];
  if (lead) blocks.push({ type: 'paragraph', text: lead });
  if (items.length) blocks.push({ type: 'list', items });
  return blocks;
}

class BlockWalker {
  readonly blocks: Block[] = [];
  private inline: string[] = [];

  visitAll(nodes: readonly ChildNode[]): void {
    for (const n of nodes) this.visit(n);
  }

  flush(): void {
    if (this.inline.length === 0) return;
    const text = this.inline.join('');
    this.inline = [];
    for (const b of textToBlocks(text)) this.push(b);
  }

  private push(block: Block): void {
    const last = this.blocks[this.blocks.length - 1];
    // A list split by a stray block keeps one list ("<ul>• a</ul><ul>• b</ul>").
    if (block.type === 'list' && last?.type === 'list') last.items.push(...block.items);
    else if (block.type === 'paragraph' && last?.type === 'paragraph' && continuesSentence(last.text, block.text)) {
      // A paragraph closed mid-sentence ("… en politisk drøftelse</p> af udvalgsstrukturen"), as a page
      // break or a printed line leaves it, goes on in the same paragraph.
      last.text = `${last.text} ${block.text}`;
    } else this.blocks.push(block);
  }

  private visit(node: ChildNode): void {
    if (isText(node)) {
      this.inline.push(node.data);
      return;
    }
    if (!isTag(node)) return;
    const name = node.name.toLowerCase();
    if (SKIPPED.has(name)) return;
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
      const after: ChildNode[] = [];
      const items = listItems(node, after);
      if (items.length) this.push({ type: 'list', items });
      // A paragraph after marker-glued items inside a list whose `</ul>` never came follows the list.
      this.visitAll(after);
      this.flush();
      return;
    }
    if (name === 'li') {
      this.flush();
      const items = splitLi(node);
      if (items.length) this.push({ type: 'list', items });
      return;
    }
    if (BREAKING.has(name)) {
      this.flush();
      this.visitAll(node.children);
      this.flush();
      return;
    }
    this.visitAll(node.children);
  }
}

/**
 * Items of a list element: `<li>` children, and marker-separated text written straight into the list.
 * With `after`, a paragraph or heading that comes after such marker-separated text (the list was never
 * closed) ends the list: it and the nodes after it are handed back in `after` instead of becoming items.
 */
function listItems(list: Element, after?: ChildNode[]): string[] {
  const items: string[] = [];
  let pending: string[] = [];
  let gluedItems = false;
  const flushPending = () => {
    if (pending.length) items.push(...splitListItems(pending.join('')));
    pending = [];
  };
  const children = list.children;
  for (const [index, child] of children.entries()) {
    if (!isTag(child) && normaliseWhitespace(textOf(child)) !== '') gluedItems = true;
    if (after && gluedItems && isTag(child) && (BREAKING.has(child.name.toLowerCase()) || HEADINGS.has(child.name.toLowerCase()))) {
      after.push(...children.slice(index));
      break;
    }
    if (isTag(child)) {
      const name = child.name.toLowerCase();
      if (SKIPPED.has(name)) continue;
      if (name === 'li' || name === 'dt' || name === 'dd') {
        flushPending();
        items.push(...splitLi(child));
        continue;
      }
      if (LISTS.has(name)) {
        flushPending();
        items.push(...listItems(child));
        continue;
      }
      if (BREAKING.has(name) || HEADINGS.has(name)) {
        flushPending();
        pending.push(textOf(child));
        flushPending();
        continue;
      }
    }
    pending.push(textOf(child));
  }
  flushPending();
  return items;
}

/** One `<li>`: its text, plus the items of any list nested inside it. */
function splitLi(li: Element): string[] {
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of li.children) {
    if (isTag(child) && LISTS.has(child.name.toLowerCase())) nested.push(...listItems(child));
    else own.push(textOf(child));
  }
  const text = normaliseWhitespace(own.join('').replace(BULLETS_ALL, ' '));
  return text ? [text, ...nested] : nested;
}

/** All text below a node, with a space where a block or line break separates words. */
function textOf(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  const name = node.name.toLowerCase();
  if (SKIPPED.has(name)) return '';
  if (name === 'br') return ' ';
  const inner = node.children.map(textOf).join('');
  return BREAKING.has(name) || HEADINGS.has(name) || LISTS.has(name) || name === 'li' ? ` ${inner} ` : inner;
}
