/**
 * A cell's inner HTML as written in the source. The cell's nodes are walked as the parser built them
 * and each is copied from the source by its position (a text with its entities as written, a start tag
 * with its attributes, an end tag where the source has one), so the markup stays as the author wrote
 * it while every node appears once and in the place a browser gives it. A node the parser made up
 * (an implied element, a formatting element a browser reopens in the next paragraph) has no position:
 * it is written out from the tree. Tables read on their own are left out.
 */
import type { Element, ElementContent } from 'hast';
import { escapeHtml } from '../cells/escape-html.js';

/** Elements without an end tag. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);

/** The HTML between an element's start tag and its end tag, without the tables in `cut`. */
export function innerHtml(el: Element, source: string, cut: ReadonlySet<Element>): string {
  return el.children.map((child) => nodeHtml(child, source, cut)).join('');
}

/** One node's HTML: copied from the source where it has a position, else written out from the tree. */
function nodeHtml(node: ElementContent, source: string, cut: ReadonlySet<Element>): string {
  const own = sourceOf(node.position, source);
  if (node.type === 'text') return own ?? escapeHtml(node.value);
  if (node.type === 'comment') return own ?? `<!--${node.value}-->`;
  if (cut.has(node)) return '';
  const open = sourceOf(node.data?.position?.opening, source);
  if (VOID_ELEMENTS.has(node.tagName)) return open ?? `<${node.tagName}>`;
  const inner = innerHtml(node, source, cut);
  // A start tag from the source without an end tag there was left open as written: it stays so.
  if (open !== null) return open + inner + (sourceOf(node.data?.position?.closing, source) ?? '');
  return `<${node.tagName}>${inner}</${node.tagName}>`;
}

/** The source text a position covers, or null when it has no offsets. */
function sourceOf(position: { start: { offset?: number }; end: { offset?: number } } | undefined, source: string): string | null {
  const start = position?.start.offset;
  const end = position?.end.offset;
  return start === undefined || end === undefined ? null : source.slice(start, end);
}
