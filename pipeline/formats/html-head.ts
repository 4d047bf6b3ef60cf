/**
 * The head of an HTML document: its title and its intro. The title is honest: what the document
 * calls itself (`<title>`, else its first `<h1>`), never the heading of an agenda item's part
 * ("Beslutning", "Sagsfremstilling"), a decision ("Godkendt."), a table caption ("Tabel 1") or
 * markup. An agenda item's body names itself nowhere, so its title is null. The intro is the prose
 * outside the item tables, without the title and the caption lines the tables took.
 */
import type { Element, Root } from 'hast';
import type { LocatedText } from '../types.js';
import { isAgendaPartHeading, isDecisionText, opensWithCaptionLabel } from '../vocabulary/agenda.js';
import { findElement, linesOf, textOf } from './html-tree.js';
import { oneLine, type Prose, type ProseLine } from './html-prose.js';

/** Longest text taken for a title. */
const MAX_TITLE = 300;
/** A tag written as text (a `<title>` holds no elements, so markup in it stays text). */
const MARKUP = /<\/?[a-z!][^<>]*>/iu;

/** The title and intro of a document. */
export interface HtmlHead {
  title: LocatedText | null;
  intro: string;
}

/**
 * Reads the title from the tree (never from inside an item table or an `<svg>`) and the intro from the
 * document's prose, leaving out the `used` caption lines.
 */
export function readHead(root: Root, prose: Prose, itemTables: ReadonlySet<Element>, used: ReadonlySet<ProseLine>): HtmlHead {
  const outside = (el: Element) => itemTables.has(el) || el.tagName === 'svg';
  const candidates = [
    findElement(root, (el) => el.tagName === 'title', outside),
    findElement(root, (el) => el.tagName === 'h1', outside),
  ];
  let title: LocatedText | null = null;
  for (const el of candidates) {
    const text = el ? textOf(el) : '';
    if (el && isHonestTitle(text)) {
      title = { text, page: 1, line: linesOf(el)?.line ?? 1 };
      break;
    }
  }
  const intro = prose
    .filter((p): p is ProseLine => p.kind === 'line')
    // A heading repeating the title (an <h1> under a <title>) is the title, not intro.
    .filter((p) => !used.has(p) && !(title && p.heading && oneLine(p) === title.text))
    .map((p) => p.text)
    .join('\n');
  return { title, intro };
}

/** True when a text may name a document: not empty, not an agenda part, a decision, a caption or markup. */
function isHonestTitle(text: string): boolean {
  return (
    text !== '' &&
    text.length <= MAX_TITLE &&
    !isAgendaPartHeading(text) &&
    !isDecisionText(text) &&
    !opensWithCaptionLabel(text) &&
    !MARKUP.test(text)
  );
}
