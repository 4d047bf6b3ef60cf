/**
 * A fast reader for the plain markup most cells hold (`<p>`, `<h3>`, `<ul style="…">`, `<br>`): the
 * events htmlparser2's `Parser` would give a cell reader (open tag, close tag, text), without its
 * tokenizer's state machine per character. It reads only markup whose events it can give exactly as the
 * parser does: no entity or `&` at all, every `<` a start or end tag of {@link SIMPLE_TAGS} (no comment,
 * declaration, raw-text element or foreign content), every tag closed by its `>`. For anything else it
 * says no, and the caller hands the cell to htmlparser2 (`blocks.ts`), so what a cell reads as never
 * depends on which of the two read it (`test/pipeline/cells/simple-markup.test.ts` holds them side by side).
 */

/** What the reader calls, as htmlparser2's `Parser` calls its handler (the names it passes, lower-case). */
export interface MarkupEvents {
  onopentag(name: string): void;
  onclosetag(name: string): void;
  ontext(data: string): void;
}

/**
 * The elements read here, and which open elements each closes when it opens (htmlparser2's
 * `openImpliesClose` for these names; empty: none). None of them is a raw-text or foreign element, and
 * `br` is the only void one.
 */
const SIMPLE_TAGS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const none = new Set<string>();
  const p = new Set(['p']);
  const map = new Map<string, ReadonlySet<string>>();
  for (const name of ['span', 'b', 'i', 'u', 'em', 'strong', 'a', 'sup', 'sub', 'small', 'font', 'br']) map.set(name, none);
  for (const name of ['p', 'div', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']) map.set(name, p);
  map.set('li', new Set(['li']));
  return map;
})();

/** htmlparser2's white space inside tags: space, tab, newline, form feed, carriage return. */
function isTagSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * The end of a tag name from `i`, as htmlparser2 ends it: white space or ">", and for an open tag "/" too
 * (the name of "</p/>" is "p/"); `html.length` when none.
 */
function nameEnd(html: string, i: number, closing: boolean): number {
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x3e || isTagSpace(c) || (c === 0x2f && !closing)) return i;
    i++;
  }
  return i;
}

/**
 * The index after the `>` that ends an open tag whose attributes start at `i`, read as htmlparser2's
 * tokenizer reads attributes (quoted values may hold ">"); -1 when the tag has no end, or a "/" that is
 * not right before its ">".
 */
function openTagEnd(html: string, i: number): number {
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (isTagSpace(c)) {
      i++;
      continue;
    }
    if (c === 0x2f) return html.charCodeAt(i + 1) === 0x3e ? i + 2 : -1;
    // An attribute name: its first character whatever it is (even "="), then up to "=", white space, "/" or ">".
    i++;
    while (i < n) {
      const d = html.charCodeAt(i);
      if (d === 0x3d || d === 0x2f || d === 0x3e || isTagSpace(d)) break;
      i++;
    }
    while (i < n && isTagSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (i < n && isTagSpace(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      const close = html.indexOf(q === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      // An unquoted value runs up to white space or ">".
      while (i < n && !isTagSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i++;
    }
  }
  return -1;
}

/**
 * Reads `html` into `events` as htmlparser2's `Parser` (HTML mode, entities decoded) would, and returns
 * true; returns false, at any point, when the markup is not of the plain kind this reader knows (see the
 * module's comment): then the events given so far are to be thrown away.
 */
export function readSimpleMarkup(html: string, events: MarkupEvents): boolean {
  if (html.includes('&')) return false;
  // Open elements, innermost last.
  const stack: string[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) events.ontext(html.slice(i, textEnd));
    if (lt < 0) break;
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    const start = closing ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(start))) return false;
    const end = nameEnd(html, start, closing);
    const name = html.slice(start, end).toLowerCase();
    const closes = SIMPLE_TAGS.get(name);
    if (closes === undefined) return false;
    if (closing) {
      // htmlparser2 skips anything up to the ">" of an end tag.
      const gt = html.indexOf('>', end);
      if (gt < 0) return false;
      i = gt + 1;
      if (name === 'br') {
        // "</br>" is a line break, as "<br>" is.
        events.onopentag('br');
        events.onclosetag('br');
        continue;
      }
      const at = stack.lastIndexOf(name);
      if (at >= 0) {
        while (stack.length > at) events.onclosetag(stack.pop()!);
      } else if (name === 'p') {
        // A "</p>" with no open "<p>" is an empty paragraph.
        events.onopentag('p');
        events.onclosetag('p');
      }
      continue;
    }
    const after = openTagEnd(html, end);
    if (after < 0) return false;
    i = after;
    while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) events.onclosetag(stack.pop()!);
    if (name === 'br') {
      events.onopentag('br');
      events.onclosetag('br');
      continue;
    }
    stack.push(name);
    events.onopentag(name);
  }
  // At the end, htmlparser2 closes what is still open, innermost first.
  while (stack.length > 0) events.onclosetag(stack.pop()!);
  return true;
}
