/**
 * The prose of an HTML document as a browser lays it out: a list of paragraphs (each block of text,
 * as `innerText` breaks it: `<p>`, `<div>`, headings, list items, the text between them) with the
 * item tables standing where they are. Item tables are not looked into: their text is theirs. The
 * title, the intro and each table's caption and context are read from this list.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { normaliseWhitespace } from '../cells/blocks.js';
import { linesOf, NOT_RENDERED } from './html-tree.js';

/** A paragraph of prose. */
export interface ProseLine {
  kind: 'line';
  /** Its text, one line per line break in it, white space folded. */
  text: string;
  /** 1-based source line it starts on. */
  line: number;
  /** It is (or stands in) a heading, `<h1>`–`<h6>`. */
  heading: boolean;
  /** The element it is the text of, when it is one element's text. */
  element: Element | null;
}

/** Where an item table stands among the paragraphs. */
export interface ProseTable {
  kind: 'table';
  element: Element;
}

/** A document's prose in reading order. */
export type Prose = (ProseLine | ProseTable)[];

const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements laid out as blocks (the user agent style sheet's block, list item and table parts). */
const BLOCKS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext',
  'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);

/** The paragraphs and item tables under a node (the document, or a cell holding a table), in reading order. */
export function readProse(root: Element | Root, itemTables: ReadonlySet<Element>): Prose {
  const out: Prose = [];
  const holdsBlocks = new Map<Element, boolean>();
  const hasBlock = (el: Element): boolean => {
    let known = holdsBlocks.get(el);
    if (known === undefined) {
      known = el.children.some((c) => c.type === 'element' && !NOT_RENDERED.has(c.tagName) && (BLOCKS.has(c.tagName) || hasBlock(c)));
      holdsBlocks.set(el, known);
    }
    return known;
  };

  const push = (node: Element, element: Element | null, heading: boolean): void => {
    const lines = toText(node)
      .split('\n')
      .map(normaliseWhitespace)
      .filter((l) => l !== '');
    if (lines.length === 0) return;
    out.push({ kind: 'line', text: lines.join('\n'), line: linesOf(node)?.line ?? 1, heading, element });
  };

  const walk = (node: Element | Root, heading: boolean): void => {
    // Inline content between blocks makes a paragraph of its own, as an anonymous block box does.
    let run: ElementContent[] = [];
    const flush = () => {
      if (run.length > 0) push({ type: 'element', tagName: 'div', properties: {}, children: run }, null, heading);
      run = [];
    };
    for (const child of node.children) {
      if (child.type === 'doctype') continue;
      if (child.type !== 'element') {
        run.push(child);
        continue;
      }
      if (NOT_RENDERED.has(child.tagName)) continue;
      if (itemTables.has(child)) {
        flush();
        out.push({ kind: 'table', element: child });
        continue;
      }
      const inHeading = heading || HEADINGS.has(child.tagName);
      if (hasBlock(child)) {
        flush();
        walk(child, inHeading);
      } else if (BLOCKS.has(child.tagName)) {
        flush();
        push(child, child, inHeading);
      } else {
        run.push(child);
      }
    }
    flush();
  };
  walk(root, false);
  return out;
}

/** The text of a paragraph on one line. */
export function oneLine(line: ProseLine): string {
  return line.text.replace(/\n/g, ' ');
}
