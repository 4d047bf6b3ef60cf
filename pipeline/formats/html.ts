/**
 * The HTML format: a page or fragment holding the status table as a `<table>`. The document is parsed
 * with htmlparser2 (the parser beneath cheerio) keeping source offsets, so every row can name the
 * lines it came from. Cell inner HTML is passed on untouched, as raw cell strings, to the same block
 * stage as the text format; the prose around the table becomes the intro.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import { isTag, type AnyNode, type Document, type Element } from 'domhandler';
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { LocatedText, RawRow, RawTable } from '../types.js';
import { looksLikeHeaderRow, repeatsHeader, roleOfHeader } from '../vocabulary/headers.js';
import { blocksToText, cellToBlocks, normaliseWhitespace, visibleText } from '../cells/blocks.js';
import { isSectionText } from '../vocabulary/sections.js';

/** One `<tr>` with its cells expanded over colspans (the spanned columns get empty cells). */
interface HtmlRow {
  cells: string[];
  /** Visible text per cell, one line. */
  texts: string[];
  /** Element of every cell position (a spanning cell fills several positions). */
  spans: number[];
  /** All cells are `<th>` or the row stands in `<thead>`. */
  headerMarkup: boolean;
  start: number;
  end: number;
}

/** A `<table>` of the document with its rows. */
interface HtmlTable {
  element: Element;
  rows: HtmlRow[];
  width: number;
}

/** Elements whose text may name the document, in order of preference. */
const TITLE_HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Reads an HTML page or fragment into the raw table. The table chosen is the one whose header names
 * the most known column wordings, then the one with most rows. The title comes from `<title>`, else
 * `<h1>`, else the first heading, else the first line of prose; the rest of the prose outside the
 * table is the intro.
 */
export function readHtmlTable(text: string): Staged<RawTable | null> {
  const diagnostics: DiagnosticRecord[] = [];
  const doc = parseDocument(text, { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const lines = lineStarts(text);
  const lineAt = (offset: number): number => lineOf(lines, offset);

  const tables = DomUtils.getElementsByTagName('table', doc, true)
    .map((t) => readTable(t, text))
    .filter((t) => t.rows.length > 0 && t.width >= 2);
  if (tables.length === 0) {
    const anyTable = DomUtils.getElementsByTagName('table', doc, true).length > 0;
    return staged(null, [diagnose('no-table', { reason: anyTable ? 'no-table-with-two-columns' : 'no-table-element' }, { line: 1, page: 1 })]);
  }
  const table = pickTable(tables);

  const first = table.rows[0]!;
  const hasHeader = first.headerMarkup || looksLikeHeaderRow(first.texts);
  const header = hasHeader ? first.texts : null;
  const body = hasHeader ? table.rows.slice(1) : table.rows;
  const rows: RawRow[] = [];
  for (const r of body) {
    if (header && repeatsHeader(r.texts, header)) continue;
    const row: RawRow = {
      cells: r.cells,
      page: 1,
      line: lineAt(r.start),
      endLine: lineAt(r.end),
      breakBefore: false,
    };
    if (spansWholeRow(r, table.width)) row.section = true;
    rows.push(row);
  }

  const head = readHead(doc, table.element, text, lineAt);
  if (!head.title) diagnostics.push(diagnose('no-title', undefined, { line: 1, page: 1 }));
  return staged(
    {
      title: head.title,
      intro: head.intro,
      header,
      headerLine: header ? lineAt(first.start) : null,
      rows,
      pages: 1,
    },
    diagnostics,
  );
}

/** The rows of a table (not of tables nested in its cells), colspans and rowspans laid out. */
function readTable(table: Element, source: string): HtmlTable {
  const trs = DomUtils.getElementsByTagName('tr', table, true).filter((tr) => closestTable(tr) === table);
  const rows: HtmlRow[] = [];
  // Columns still covered by a rowspan from a row above: column → rows left.
  const carried = new Map<number, number>();
  for (const tr of trs) {
    const tds = tr.children.filter((c): c is Element => isTag(c) && (c.name === 'td' || c.name === 'th'));
    const cells: string[] = [];
    const texts: string[] = [];
    const spans: number[] = [];
    let col = 0;
    const skipCarried = () => {
      while ((carried.get(col) ?? 0) > 0) {
        carried.set(col, carried.get(col)! - 1);
        cells.push('');
        texts.push('');
        spans.push(-1 - col);
        col++;
      }
    };
    tds.forEach((td, index) => {
      skipCarried();
      const colspan = clampSpan(td.attribs.colspan);
      const rowspan = clampSpan(td.attribs.rowspan);
      const inner = innerHtml(td, source);
      for (let k = 0; k < colspan; k++) {
        cells.push(k === 0 ? inner : '');
        texts.push(k === 0 ? visibleLine(inner) : '');
        spans.push(index);
        if (rowspan > 1) carried.set(col, rowspan - 1);
        col++;
      }
    });
    skipCarried();
    if (cells.length === 0) continue;
    const inHead = tr.parent !== null && isTag(tr.parent) && tr.parent.name === 'thead';
    const allTh = tds.length > 0 && tds.every((td) => td.name === 'th');
    rows.push({
      cells,
      texts,
      spans,
      headerMarkup: inHead || allTh,
      start: tr.startIndex ?? 0,
      end: tr.endIndex ?? tr.startIndex ?? 0,
    });
  }
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  return { element: table, rows, width };
}

/** The table to read: most known header wordings in its first row, then most rows. */
function pickTable(tables: readonly HtmlTable[]): HtmlTable {
  const score = (t: HtmlTable) => {
    const known = t.rows[0]!.texts.filter((c) => roleOfHeader(c) !== null).length;
    return known * 10_000 + t.rows.length;
  };
  return tables.reduce((best, t) => (score(t) > score(best) ? t : best));
}

/** True when a row is one cell spanning every column with a short, heading-like text. */
function spansWholeRow(row: HtmlRow, width: number): boolean {
  if (width < 2 || row.cells.length < width) return false;
  const owners = new Set(row.spans);
  if (owners.size !== 1) return false;
  return isSectionText(row.texts[0] ?? '', { anyCase: true });
}

function clampSpan(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 50) : 1;
}

function closestTable(node: AnyNode): Element | null {
  let p = node.parent;
  while (p) {
    if (isTag(p) && p.name === 'table') return p;
    p = p.parent;
  }
  return null;
}

/** The source text between an element's start tag and its end tag (raw, entities and all). */
function innerHtml(el: Element, source: string): string {
  const first = el.children[0];
  const last = el.children[el.children.length - 1];
  if (!first || !last || first.startIndex === null || last.endIndex === null) return '';
  return source.slice(first.startIndex, last.endIndex + 1);
}

/** Visible text of a cell on one line. */
function visibleLine(html: string): string {
  return normaliseWhitespace(visibleText(html).replace(/\n/g, ' '));
}

/** Headings of the parts of a municipal agenda item: they head a part, they do not name the report. */
const AGENDA_PART_HEADINGS: ReadonlySet<string> = new Set([
  'beslutning', 'fremstilling', 'sagsfremstilling', 'sagsprocedure', 'resume', 'resumé', 'indstilling',
  'sagsbeskrivelse', 'lovgrundlag', 'tidsplan', 'høring', 'kommunikation', 'økonomi', 'økonomiske konsekvenser',
  'bilag', 'baggrund', 'vurdering', 'supplerende sagsfremstilling', 'beslutningstema', 'sagen',
]);

/** Longest line right above a table still taken as its caption (and the report's title). */
const MAX_CAPTION_LENGTH = 160;

/** Title and intro: the prose outside the chosen table. */
function readHead(
  doc: Document,
  table: Element,
  source: string,
  lineAt: (offset: number) => number,
): { title: LocatedText | null; intro: string } {
  const outside = (el: Element) => !isInside(el, table);
  // Ranges of the source left out of the intro: the table, and the element the title came from.
  const cut: [number, number][] = [[table.startIndex ?? 0, (table.endIndex ?? 0) + 1]];
  let title: LocatedText | null = null;

  const titleEl = DomUtils.getElementsByTagName('title', doc, true)[0];
  const titleText = titleEl ? normaliseWhitespace(DomUtils.textContent(titleEl)) : '';
  if (titleEl && titleText) title = { text: titleText, page: 1, line: lineAt(titleEl.startIndex ?? 0) };
  const headings = DomUtils.findAll((el) => TITLE_HEADINGS.includes(el.name), doc.children).filter(outside);
  const caption = DomUtils.getElementsByTagName('caption', table, true)[0];
  const captionText = caption ? normaliseWhitespace(DomUtils.textContent(caption)) : '';
  if (!title && caption && captionText) title = { text: captionText, page: 1, line: lineAt(caption.startIndex ?? 0) };
  if (!title) {
    // Agenda items head their parts "Beslutning", "Resume", "Sagsbeskrivelse": those name no report.
    const named = headings.filter((el) => !AGENDA_PART_HEADINGS.has(normaliseWhitespace(DomUtils.textContent(el)).toLowerCase()));
    const h = named.find((el) => el.name === 'h1') ?? named[0];
    const text = h ? normaliseWhitespace(DomUtils.textContent(h)) : '';
    if (h && text) title = { text, page: 1, line: lineAt(h.startIndex ?? 0) };
  }
  if (!title) {
    // Else a short line right above the table, as a caption would be ("Initiativer og overblik over status").
    const start = table.startIndex ?? 0;
    // The 2000 characters above the table, from the first whole tag on.
    const lines = blocksToText(cellToBlocks(source.slice(Math.max(0, start - 2000), start).replace(/^[^<]*>/, '')))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const last = lines[lines.length - 1];
    if (last && last.length <= MAX_CAPTION_LENGTH && !/[.!?:;]$/.test(last)) {
      const at = source.lastIndexOf(last.slice(0, 20), start);
      title = { text: last, page: 1, line: lineAt(at >= 0 ? at : start) };
      cut.push([at >= 0 ? at : 0, at >= 0 ? at + last.length : 0]);
    }
  }
  // A heading repeating the title (an <h1> under a <title>) is not intro either.
  if (title) {
    for (const h of headings) {
      if (normaliseWhitespace(DomUtils.textContent(h)) === title.text) cut.push([h.startIndex ?? 0, (h.endIndex ?? 0) + 1]);
    }
  }

  const rest = cutRanges(source, cut);
  const blocks = cellToBlocks(rest);
  let introLines = blocksToText(blocks)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const firstNamed = introLines.findIndex((l) => !AGENDA_PART_HEADINGS.has(l.toLowerCase()));
  if (!title && firstNamed >= 0) {
    const firstLine = introLines[firstNamed]!;
    const at = source.indexOf(firstLine.slice(0, 20));
    title = { text: firstLine, page: 1, line: lineAt(at >= 0 ? at : 0) };
    introLines = introLines.filter((_, i) => i !== firstNamed);
  }
  return { title, intro: introLines.join('\n') };
}

function isInside(node: AnyNode, ancestor: Element): boolean {
  let p: AnyNode | null = node;
  while (p) {
    if (p === ancestor) return true;
    p = p.parent;
  }
  return false;
}

/** The source with the given ranges removed (each replaced by a block break). */
function cutRanges(source: string, ranges: readonly [number, number][]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = 0;
  for (const [start, end] of sorted) {
    if (start < pos) {
      pos = Math.max(pos, end);
      continue;
    }
    out += `${source.slice(pos, start)}<p></p>`;
    pos = end;
  }
  return out + source.slice(pos);
}

/** Offsets at which each line of the source starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
