/**
 * A linear pre-scan of HTML source, run before a parser sees it. It does two things the parsers
 * cannot be asked to do:
 *
 * - **Depth.** Parsers and tree walkers (parse5's tree conversion, hast-util-to-text, our own walks)
 *   recurse into nested elements, and htmlparser2's open-element stack costs its depth on every
 *   start tag, so `<ul><li>` nested 100 000 deep takes minutes and then overflows the stack, at a
 *   depth that depends on the thread's stack size. The scan keeps a model of the open elements and
 *   blanks every tag past a depth limit: the text inside stays, flattened into the element at the
 *   limit, and the result no longer depends on the stack.
 * - **Text that only looks like markup** (cells only). A "tag" whose name is no HTML element
 *   (`<Ballerup Kommune>`, `<info@ballerup.dk>`), an element name with words no HTML attribute is
 *   named after (`a<b og c>d`), a tag or comment that never ends (`<!-- 4 mio. kr.`) are the author's
 *   text: their `<` is escaped so the parser keeps them as text.
 *
 * The model of open elements is deliberately generous: it closes only what the parser it is run for
 * closes for sure (an end tag; a `<li>` closing the `<li>` before it, a block closing a `<p>`: for
 * htmlparser2 only when that is the current element, for parse5 also through inline elements) and
 * keeps formatting elements closed by another element's end tag open, as a browser reopens them. It
 * can only count deeper than the parser builds, never shallower, so the limit holds for the tree.
 */
import { isTextCode } from './characters.js';

/** HTML element names (current and obsolete): a tag with another name is text, outside SVG and MathML. */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink ' +
    'blockquote body br button canvas caption center cite code col colgroup command content data datalist ' +
    'dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame ' +
    'frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen ' +
    'label legend li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid ' +
    'nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre progress ' +
    'q rb rp rt rtc ruby s samp script search section select slot small source spacer span strike strong ' +
    'style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul ' +
    'var video wbr xmp'
  ).split(' '),
);

/**
 * HTML attribute names. An element-name tag whose attributes without a value are all among these is
 * markup (`<td nowrap>`, `<table border>`); one with other bare words is a sentence in brackets.
 */
const HTML_ATTRIBUTES: ReadonlySet<string> = new Set(
  (
    'abbr accept accept-charset accesskey action align alink allow allowfullscreen alt archive async ' +
    'autocapitalize autocomplete autofocus autoplay axis background bgcolor border cellpadding cellspacing ' +
    'char charoff charset checked cite class classid clear code codebase codetype color cols colspan compact ' +
    'content contenteditable controls coords crossorigin data datetime declare decoding default defer dir ' +
    'dirname disabled download draggable enctype enterkeyhint face for form formaction formenctype ' +
    'formmethod formnovalidate formtarget frame frameborder headers height hidden high href hreflang hspace ' +
    'http-equiv id inert inputmode integrity is ismap itemid itemprop itemref itemscope itemtype kind label ' +
    'lang language link list loading longdesc loop low marginheight marginwidth max maxlength media method ' +
    'min minlength multiple muted name nohref noresize noshade novalidate nowrap open optimum pattern ping ' +
    'placeholder playsinline popover poster preload readonly referrerpolicy rel required rev reversed role ' +
    'rows rowspan rules sandbox scheme scope scrolling selected shape size sizes slot span spellcheck src ' +
    'srcdoc srclang srcset standby start step style summary tabindex target text title translate type ' +
    'usemap valign value valuetype version vlink vspace width wrap xmlns'
  ).split(' '),
);

/** An event handler attribute (`onclick`). */
const EVENT_ATTRIBUTE = /^on[a-z]+$/u;

/** A prefixed name (`o:p`, `xml:lang`, Word's `v:shape`) or a custom element or data attribute (`data-x`). */
const PREFIXED_NAME = /^[a-z][a-z0-9]*[:-][a-z][a-z0-9._:-]*$/u;

/** Elements without content or end tag. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img',
  'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Elements a browser reopens after another element's end tag closed them (the "active formatting elements"). */
const FORMATTING: ReadonlySet<string> = new Set([
  'a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u',
]);

/** Elements whose end clears the formatting elements opened inside them (the spec's "markers"). */
const MARKERS: ReadonlySet<string> = new Set(['td', 'th', 'caption', 'applet', 'object', 'marquee', 'template']);

/** The foreign roots: inside them a self-closing tag (`<path/>`) closes itself and any name is markup. */
const FOREIGN: ReadonlySet<string> = new Set(['svg', 'math']);

const P_ONLY: ReadonlySet<string> = new Set(['p']);
const FORM_TAGS: ReadonlySet<string> = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);

/** What a start tag closes when it is the current element (as htmlparser2 and, more eagerly, parse5 do). */
const CLOSED_BY: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th', 'td'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((n): [string, ReadonlySet<string>] => [n, FORM_TAGS]),
  ...(
    'p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer ' +
    'form header hr main nav ol pre section table ul'
  )
    .split(' ')
    .map((n): [string, ReadonlySet<string>] => [n, P_ONLY]),
]);

/** Elements whose content is text up to their end tag, per parser (htmlparser2 for cells, parse5 for pages). */
const RAW_TEXT_CELL: ReadonlySet<string> = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const RAW_TEXT_PAGE: ReadonlySet<string> = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes']);

/** How deep a cell's markup may nest (a report's cell rarely nests ten deep). */
export const MAX_CELL_DEPTH = 50;
/**
 * How deep a page's markup may nest. The parse5 tree may come out up to about twice as deep as the
 * model counts (implied `<tbody>` and `<tr>`), which keeps it well within what the tree conversion
 * and the walks recurse through on any thread's stack.
 */
export const MAX_PAGE_DEPTH = 100;

/** Where markup nested past the limit was flattened. */
export interface DeepMarkup {
  /** The deepest nesting the markup reaches. */
  depth: number;
  limit: number;
  /** Offset in the source of the first tag blanked, and its 1-based line and column. */
  offset: number;
  line: number;
  column: number;
}

/** Markup made safe to parse. */
export interface PreparedMarkup {
  html: string;
  /** Null when nothing nests past the limit. */
  deep: DeepMarkup | null;
}

/** An open element in the model: its name, and its start tag as written (formatting elements are compared by it). */
interface OpenElement {
  name: string;
  tag: string;
  /** A formatting element closed by an enclosing element's end tag, which a browser opens again. */
  reopened: boolean;
}

/**
 * Where a start tag's search for the element it closes stops (`<li>` does not close the `<li>` of an
 * outer list, `<p>` never closes one outside its table cell).
 */
const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set([
  'html', 'body', 'table', 'tbody', 'thead', 'tfoot', 'td', 'th', 'caption', 'template', 'applet', 'object',
  'marquee', 'button', 'select', 'ul', 'ol', 'dl', 'menu', 'svg', 'math',
]);

/** A stack of open elements that knows which names it holds, so a stray end tag costs nothing. */
class ElementStack {
  readonly items: OpenElement[] = [];
  private readonly counts = new Map<string, number>();
  /** How many of the items are reopened formatting elements, and how many are scope boundaries. */
  reopened = 0;
  boundaries = 0;

  get size(): number {
    return this.items.length;
  }

  top(): OpenElement | undefined {
    return this.items[this.items.length - 1];
  }

  has(name: string): boolean {
    return (this.counts.get(name) ?? 0) > 0;
  }

  push(element: OpenElement): void {
    this.items.push(element);
    this.counts.set(element.name, (this.counts.get(element.name) ?? 0) + 1);
    if (element.reopened) this.reopened++;
    if (SCOPE_BOUNDARIES.has(element.name)) this.boundaries++;
  }

  removeAt(index: number): OpenElement {
    const element = (index === this.items.length - 1 ? this.items.pop() : this.items.splice(index, 1)[0])!;
    this.counts.set(element.name, this.counts.get(element.name)! - 1);
    if (element.reopened) this.reopened--;
    if (SCOPE_BOUNDARIES.has(element.name)) this.boundaries--;
    return element;
  }

  clear(): void {
    this.items.length = 0;
    this.counts.clear();
    this.reopened = 0;
    this.boundaries = 0;
  }
}

/**
 * The model of open elements: a stack within the limit (at most `limit` deep, so a scoped search
 * through it is cheap) and one past it, where every tag is blanked anyway and only what is cheap is
 * done: a start tag closes the current element only (as htmlparser2 does), an end tag pops to its
 * element. Every element is pushed and popped once, so the model costs one step per tag.
 */
class DepthModel {
  private readonly kept = new ElementStack();
  private readonly past = new ElementStack();
  private foreign = 0;
  deepest = 0;

  /**
   * `throughInline`: a start tag closes the element it cannot stand in through the inline elements
   * open inside it, within its scope, as parse5 (a browser) does; else only when that element is the
   * current one, as htmlparser2 does (`<li><b>x<li>` nests there).
   */
  constructor(
    private readonly limit: number,
    private readonly throughInline: boolean,
  ) {}

  /** Inside `<svg>` or `<math>`. */
  get inForeign(): boolean {
    return this.foreign > 0;
  }

  /** Opens an element (`tag`: its start tag as written, for a formatting element); false when it lies past the limit. */
  open(name: string, tag: string, selfClosing: boolean): boolean {
    const closes = CLOSED_BY.get(name);
    if (closes) this.closeImplied(closes);
    if (VOID_ELEMENTS.has(name) || (selfClosing && this.inForeign)) return true;
    if (FOREIGN.has(name)) this.foreign++;
    const within = this.past.size === 0 && this.kept.size < this.limit;
    if (within && this.kept.reopened > 0 && FORMATTING.has(name)) this.forgetFourthCopy(tag);
    (within ? this.kept : this.past).push({ name, tag, reopened: false });
    this.deepest = Math.max(this.deepest, this.kept.size + this.past.size);
    return within;
  }

  /** Closes the innermost open element of that name; false when that element lies past the limit. */
  close(name: string): boolean {
    if (this.past.has(name)) {
      while (this.past.top()!.name !== name) this.popPast();
      this.popPast();
      return false;
    }
    if (!this.kept.has(name)) return true;
    let index = this.kept.size - 1;
    while (this.kept.items[index]!.name !== name) index--;
    this.closeThrough(index);
    return true;
  }

  private popPast(): void {
    const element = this.past.removeAt(this.past.size - 1);
    if (FOREIGN.has(element.name)) this.foreign--;
  }

  /** A start tag closes an open element it cannot stand in (`<li>` the `<li>` before it), within its scope. */
  private closeImplied(closes: ReadonlySet<string>): void {
    if (this.past.size > 0) {
      while (this.past.size > 0 && closes.has(this.past.top()!.name)) this.popPast();
      // Past the limit only the current element is closed, unless (for parse5) nothing there could
      // hold the tag: then it closes through them, as below.
      if (this.past.size > 0 && (!this.throughInline || this.past.boundaries > 0)) return;
    }
    if (!this.throughInline) {
      while (this.kept.size > 0 && closes.has(this.kept.items[this.kept.size - 1]!.name)) this.closeThrough(this.kept.size - 1);
      return;
    }
    let open = false;
    for (const name of closes) open ||= this.kept.has(name);
    if (!open) return;
    for (let i = this.kept.size - 1; i >= 0; i--) {
      const name = this.kept.items[i]!.name;
      if (closes.has(name)) return this.closeThrough(i);
      if (SCOPE_BOUNDARIES.has(name)) return;
    }
  }

  /**
   * Closes the kept element at `index` and every one inside it (those past the limit too). The
   * formatting elements among them are opened again (a browser reconstructs them in what comes
   * next), unless a cell, caption or the like closes around them.
   */
  private closeThrough(index: number): void {
    while (this.past.size > 0) this.popPast();
    let reopen: OpenElement[] | null = null;
    while (this.kept.size > index) {
      const element = this.kept.removeAt(this.kept.size - 1);
      if (FOREIGN.has(element.name)) this.foreign--;
      if (MARKERS.has(element.name)) reopen = null;
      else if (FORMATTING.has(element.name) && this.kept.size > index) (reopen ??= []).push({ ...element, reopened: true });
    }
    if (reopen) for (let i = reopen.length - 1; i >= 0; i--) this.kept.push(reopen[i]!);
  }

  /** A browser keeps at most three identical formatting elements to reopen (the "Noah's Ark" clause). */
  private forgetFourthCopy(tag: string): void {
    let copies = 0;
    for (let i = this.kept.size - 1; i >= 0; i--) {
      const element = this.kept.items[i]!;
      if (MARKERS.has(element.name)) return;
      if (element.reopened && element.tag === tag && ++copies >= 3) {
        this.kept.removeAt(i);
        return;
      }
    }
  }
}

/**
 * `indexOf` for a scan that moves forward: a search that found nothing from some offset finds nothing
 * from any later one, and a search from inside the last span found returns the same place, so markup
 * that never closes (`<!--` a thousand times) costs one pass, not one per opening.
 */
class ForwardFinder {
  private readonly last = new Map<string | RegExp, { from: number; found: number }>();

  constructor(private readonly text: string) {}

  /** The offset of the first `needle` (a string, or a global regular expression) at or after `from`, or -1. */
  find(needle: string | RegExp, from: number): number {
    const memo = this.last.get(needle);
    if (memo && from >= memo.from && (memo.found < 0 || from <= memo.found)) return memo.found;
    let found: number;
    if (typeof needle === 'string') found = this.text.indexOf(needle, from);
    else {
      needle.lastIndex = from;
      found = needle.exec(this.text)?.index ?? -1;
    }
    this.last.set(needle, { from, found });
    return found;
  }
}

/** A start or end tag: the offset after its `>`, its name, its bare attribute names, whether it closes itself. */
interface Tag {
  end: number;
  name: string;
  bareAttributes: string[];
  selfClosing: boolean;
}

const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
/** Where a tag name or attribute name ends. */
const endsName = (c: number): boolean => isSpace(c) || c === 0x2f /* / */ || c === 0x3e /* > */;

/**
 * Reads a tag as the HTML tokenizer does, from after its `<` or `</`: the name, then attributes up to
 * the `>` (quoted values may hold one). Null when the `>` never comes.
 */
function readTag(html: string, from: number, finder: ForwardFinder): Tag | null {
  if (finder.find('>', from) < 0) return null;
  let i = from;
  while (i < html.length && !endsName(html.charCodeAt(i))) i++;
  const name = html.slice(from, i).toLowerCase();
  const bareAttributes: string[] = [];
  let selfClosing = false;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) return { end: i + 1, name, bareAttributes, selfClosing };
    selfClosing = c === 0x2f && html.charCodeAt(i + 1) === 0x3e;
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    const start = i;
    i++; // an attribute name may open with "="
    while (i < html.length && !endsName(html.charCodeAt(i)) && html[i] !== '=') i++;
    const attribute = html.slice(start, i).toLowerCase();
    let j = i;
    while (j < html.length && isSpace(html.charCodeAt(j))) j++;
    if (html[j] !== '=') {
      bareAttributes.push(attribute);
      continue;
    }
    j++;
    while (j < html.length && isSpace(html.charCodeAt(j))) j++;
    const quote = html[j];
    if (quote === '"' || quote === "'") {
      const close = finder.find(quote, j + 1);
      if (close < 0) return null;
      i = close + 1;
    } else {
      while (j < html.length && !isSpace(html.charCodeAt(j)) && html[j] !== '>') j++;
      i = j;
    }
  }
  return null;
}

/** True when a name is in the list, or a prefixed or custom one. */
function isKnownName(name: string, list: ReadonlySet<string>): boolean {
  return list.has(name) || PREFIXED_NAME.test(name);
}

/** True when a tag reads as markup: an element's name (any name inside SVG or MathML) and real attribute names. */
function readsAsMarkup(tag: Tag, foreign: boolean): boolean {
  if (foreign) return true;
  if (!isKnownName(tag.name, HTML_ELEMENTS)) return false;
  for (const a of tag.bareAttributes) if (!isKnownName(a, HTML_ATTRIBUTES) && !EVENT_ATTRIBUTE.test(a)) return false;
  return true;
}

/** How a scan rewrites markup. */
interface ScanOptions {
  limit: number;
  /** Escape what only looks like markup, so the parser keeps it as text (cells). */
  keepLookalikes: boolean;
  /** The parser the markup goes to: which elements hold raw text and what a start tag closes follow it. */
  parser: 'htmlparser2' | 'parse5';
  /** What a tag past the limit is replaced with. */
  blank: (tag: string) => string;
}

/**
 * Scans markup once, left to right, and rewrites it: tags past the depth limit are blanked (their
 * text stays) and, with `keepLookalikes`, what only looks like markup is escaped.
 */
function prepare(html: string, options: ScanOptions): PreparedMarkup {
  const model = new DepthModel(options.limit, options.parser === 'parse5');
  const finder = new ForwardFinder(html);
  const rawText = options.parser === 'parse5' ? RAW_TEXT_PAGE : RAW_TEXT_CELL;
  const rawEnds = new Map<string, RegExp>();
  const out: string[] = [];
  let copied = 0;
  let firstBlanked = -1;
  const replace = (start: number, end: number, by: string) => {
    out.push(html.slice(copied, start), by);
    copied = end;
  };
  /** Keeps `[start, end)` as text: every `<` in it escaped. */
  const asText = (start: number, end: number) => {
    if (!options.keepLookalikes) return;
    for (let at = html.indexOf('<', start); at >= 0 && at < end; at = html.indexOf('<', at + 1)) replace(at, at + 1, '&lt;');
  };
  const rawEnd = (name: string, from: number) => {
    let pattern = rawEnds.get(name);
    if (!pattern) rawEnds.set(name, (pattern = new RegExp(`</${name}(?=[\\s/>])`, 'giu')));
    return finder.find(pattern, from);
  };

  let i = html.indexOf('<');
  while (i >= 0) {
    const next = html.charCodeAt(i + 1);
    let end = i + 1;
    if (html.startsWith('<!--', i)) {
      // "<!-->" and "<!--->" are whole (empty) comments.
      const close = html.startsWith('>', i + 4) ? i + 2 : html.startsWith('->', i + 4) ? i + 3 : finder.find('-->', i + 4);
      if (close < 0) asText(i, i + 1);
      else end = close + 3;
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const close = finder.find('>', i + 2);
      if (close < 0) asText(i, i + 1);
      else end = close + 1;
    } else if (isAsciiLetter(next) || (next === 0x2f && isAsciiLetter(html.charCodeAt(i + 2)))) {
      const closing = next === 0x2f;
      const tag = readTag(html, closing ? i + 2 : i + 1, finder);
      if (!tag) {
        // A tag that never ends (a quote left open, no ">"): text up to the next ">", and when there is
        // none, the rest is text too (reading each "<" of it to the end again would cost its square).
        const close = finder.find('>', i);
        asText(i, close < 0 ? html.length : close);
        end = close < 0 ? html.length : close + 1;
      } else if (options.keepLookalikes && !readsAsMarkup(tag, model.inForeign)) {
        // The whole bracketed text is the author's, markup-like parts and all.
        asText(i, tag.end);
        end = tag.end;
      } else {
        end = tag.end;
        const raw = !closing && rawText.has(tag.name) && !(tag.selfClosing && model.inForeign);
        const contentEnd = raw ? rawEnd(tag.name, end) : -1;
        if (raw && contentEnd < 0 && options.keepLookalikes) {
          // A <script> or <title> that never ends would swallow the rest of the cell: it is text.
          asText(i, i + 1);
        } else {
          const within = closing ? model.close(tag.name) : model.open(tag.name, FORMATTING.has(tag.name) ? html.slice(i, end) : '', tag.selfClosing);
          if (!within) {
            if (firstBlanked < 0) firstBlanked = i;
            replace(i, end, options.blank(html.slice(i, end)));
          }
          // Raw text holds no markup: the scan goes on at its end tag (or stops, when it has none).
          if (raw) end = contentEnd < 0 ? html.length : contentEnd;
        }
      }
    } else if (next === 0x2f) {
      // "</3>", "</ >": a parser drops or keeps them by rules of its own; they are the author's text.
      asText(i, i + 1);
    }
    i = html.indexOf('<', end);
  }
  if (copied === 0) return { html, deep: null };
  out.push(html.slice(copied));
  const deep = firstBlanked < 0 ? null : { depth: model.deepest, limit: options.limit, offset: firstBlanked, ...lineAndColumn(html, firstBlanked) };
  return { html: out.join(''), deep };
}

/** The 1-based line and column of an offset in a text (lines end at "\n"). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A cell's HTML made safe for htmlparser2: text that only looks like markup is escaped (kept as
 * text), and tags nested past `MAX_CELL_DEPTH` are replaced by a space (their text stays).
 */
export function prepareCellMarkup(html: string, limit = MAX_CELL_DEPTH): PreparedMarkup {
  return prepare(html, { limit, keepLookalikes: true, parser: 'htmlparser2', blank: () => ' ' });
}

/**
 * A page's HTML with the tags nested past `MAX_PAGE_DEPTH` blanked by as many spaces, so every offset,
 * line and column of the source stays where it was (cells are cut from the source by offset).
 */
export function capPageMarkupDepth(html: string, limit = MAX_PAGE_DEPTH): PreparedMarkup {
  return prepare(html, { limit, keepLookalikes: false, parser: 'parse5', blank: (tag) => tag.replace(/[^\n]/gu, ' ') });
}

/**
 * How many characters of text markup holds: those outside tags and comments, white space not counted
 * (an entity counts as the characters it is written with). A quick count for text whose cells may be
 * HTML fragments, to compare a report with its source.
 */
export function textCharsOfMarkup(html: string): number {
  // A tag or comment with no end after it is text (and looking for its end again and again would cost
  // the rest of the text every time).
  const lastTagEnd = html.lastIndexOf('>');
  const lastCommentEnd = html.lastIndexOf('-->');
  let count = 0;
  let i = 0;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    // Printable ASCII and the C1 range but "<", the common case: a character of text.
    if (c > 0x20 && c < 0xa0 && c !== 0x3c) {
      count++;
      i++;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    if (c === 0x3c /* < */ && (isAsciiLetter(next) || next === 0x2f || next === 0x21)) {
      const comment = html.startsWith('<!--', i);
      const close = comment ? (i + 4 <= lastCommentEnd ? html.indexOf('-->', i + 4) + 2 : -1) : i < lastTagEnd ? html.indexOf('>', i + 1) : -1;
      if (close >= 0) {
        i = close + 1;
        continue;
      }
    }
    if (isTextCode(c)) count++;
    i++;
  }
  return count;
}
