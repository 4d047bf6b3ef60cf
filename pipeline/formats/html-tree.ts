/**
 * The HTML document as a browser builds it, and the tree helpers the HTML reader's modules share.
 * rehype-parse runs parse5, the WHATWG parsing algorithm, so implied `<tbody>`s, unclosed cells and
 * rows and stray markup land where a browser puts them; every node read from the source keeps its
 * source position (implied elements have none).
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toText } from 'hast-util-to-text';
import type { Element, Nodes, Root } from 'hast';
import { normaliseWhitespace } from '../cells/blocks.js';

/**
 * Parses an HTML page or fragment as a document. `verbose` keeps the positions of start and end tags
 * too, so a cell's inner HTML can be cut from the source between them.
 */
export function parseHtml(text: string): Root {
  return PAGE_PARSER.parse(text);
}

/** The one (frozen, so reusable) processor `parseHtml` parses with: making one per page cost a tenth of the parse. */
const PAGE_PARSER = unified().use(rehypeParse, { verbose: true }).freeze();

/** Elements a browser does not render (the HTML rendering section's hidden elements): no prose of the page. */
export const NOT_RENDERED: ReadonlySet<string> = new Set([
  'head', 'title', 'script', 'style', 'template', 'noscript', 'datalist', 'noembed', 'noframes', 'rp',
]);

/** True when a node is an element, of one of the given tag names when any are given. */
export function isElement(node: Nodes | undefined, ...names: string[]): node is Element {
  return node !== undefined && node.type === 'element' && (names.length === 0 || names.includes(node.tagName));
}

/** The element children of a node, of the given tag names when any are given. */
export function childElements(node: Element | Root, ...names: string[]): Element[] {
  const elements: Element[] = [];
  for (const child of node.children) {
    if (child.type === 'element' && (names.length === 0 || names.includes(child.tagName))) elements.push(child);
  }
  return elements;
}

/**
 * The first element in document order that passes `test`, not looking inside the elements `skip`
 * rejects (tables read as items, say), or null.
 */
export function findElement(root: Element | Root, test: (el: Element) => boolean, skip: (el: Element) => boolean = () => false): Element | null {
  const stack: (Element | Root)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (child.type !== 'element' || skip(child)) continue;
      stack.push(child);
    }
    if (node.type === 'element' && node !== root && test(node)) return node;
  }
  return null;
}

/** The rendered text of a node on one line (as `innerText` would give it, line breaks folded). */
export function textOf(node: Nodes): string {
  return normaliseWhitespace(toText(node));
}

/** The 1-based source lines a node covers, from its own position or, for an implied element, its children's. */
export function linesOf(node: Nodes): { line: number; endLine: number } | null {
  const start = node.position?.start.line;
  const end = node.position?.end.line;
  if (start !== undefined && end !== undefined) return { line: start, endLine: end };
  if (!('children' in node)) return null;
  let line: number | null = null;
  let endLine: number | null = null;
  for (const child of node.children) {
    const lines = linesOf(child);
    if (!lines) continue;
    line ??= lines.line;
    endLine = Math.max(endLine ?? lines.endLine, lines.endLine);
  }
  return line === null || endLine === null ? null : { line, endLine };
}
