/**
 * The HTML format: a page or an agenda item's body fragment holding its items in `<table>`s. The
 * document is read as a browser reads it (`html-tree.ts`); every item table, in document order, is
 * read into a `RawTable` (`html-tables.ts` tells item tables from layout tables, `html-table.ts` reads
 * one), cells keep their inner HTML as written for the block stage; the prose around the tables gives
 * the title, the intro and each table's caption and context.
 */
import type { Element, Root } from 'hast';
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import { capPageMarkupDepth } from '../cells/markup.js';
import { textCharCount } from '../cells/characters.js';
import { CellParser } from '../cells/cell-parser.js';
import type { SizedDocument } from './source-size.js';
import { readHead } from './html-head.js';
import { readProse, type Prose, type ProseLine } from './html-prose.js';
import { readItemTable } from './html-table.js';
import { findItemTables } from './html-tables.js';
import { linesOf, NOT_RENDERED, parseHtml } from './html-tree.js';
import { MAX_TABLE_COLUMNS } from '../vocabulary/table-limits.js';
import { MAX_HTML_TAGS } from '../vocabulary/source-limits.js';

/**
 * Reads an HTML page or fragment: its title and intro and every item table. A document without an
 * item table gives null with a `no-table` error. Markup nested past `MAX_PAGE_DEPTH` is flattened
 * first (with a warning), so that no tree walk, ours or a library's, depends on the stack's size; a
 * page of more than `tagLimit` tags is refused before it is parsed (`html-too-many-tags`). The cells
 * are read into blocks by `cells`, the parse's one `CellParser`, which the table stages read them from.
 */
export function readHtmlDocument(source: string, tagLimit = MAX_HTML_TAGS, cells = new CellParser()): Staged<SizedDocument | null> {
  const tooMany = tooManyTags(source, tagLimit);
  if (tooMany) return staged(null, [tooMany]);
  const capped = capPageMarkupDepth(source);
  const diagnostics: DiagnosticRecord[] = [];
  if (capped.deep) {
    const { depth, limit, line, column } = capped.deep;
    diagnostics.push(diagnose('markup-too-deep', { depth, limit }, { line, column, page: 1 }));
  }
  // The capped text has every offset where the source has it: cells are cut from it by position.
  const text = capped.html;
  const root = parseHtml(text);
  const found = findItemTables(root);
  if (found.tables.length === 0) {
    const reason = !found.anyTable ? 'no-table-element' : !found.anyTwoColumns ? 'no-table-with-two-columns' : 'no-item-table';
    return staged(null, [...diagnostics, diagnose('no-table', { reason }, { line: 1, page: 1 })]);
  }
  const itemTables = new Set(found.tables.map((t) => t.element));
  // The prose of the document, and of each cell holding a table, read once.
  const proses = new Map<Element | Root, Prose>();
  const proseOf = (scope: Element | Root): Prose => {
    let prose = proses.get(scope);
    if (!prose) {
      prose = readProse(scope, itemTables);
      proses.set(scope, prose);
    }
    return prose;
  };
  for (const { grid, element } of found.tables) {
    if (grid.sourceWidth <= grid.width) continue;
    diagnostics.push(diagnose('table-too-wide', { columns: grid.sourceWidth, limit: MAX_TABLE_COLUMNS }, { line: linesOf(element)?.line ?? 1, page: 1 }));
  }
  const captionLines = new Set<ProseLine>();
  const tables = found.tables.map((item) => {
    const read = readItemTable(item, text, itemTables, proseOf(item.scope), cells);
    if (read.captionLine) captionLines.add(read.captionLine);
    return read.table;
  });
  const head = readHead(root, proseOf(root), itemTables, captionLines);
  return staged({ title: head.title, intro: head.intro, tables, pages: 1, sourceChars: renderedChars(root) }, diagnostics);
}

/**
 * The `html-too-many-tags` error of a page holding more than `limit` tags, placed at the first tag
 * past the limit; null for a page within it. Counted before parsing (a scan of the `<`s), since the
 * browser's parse is what costs time and memory per tag.
 */
function tooManyTags(source: string, limit: number): DiagnosticRecord | null {
  let tags = 0;
  let past = -1;
  for (let at = source.indexOf('<'); at !== -1; at = source.indexOf('<', at + 1)) {
    const next = source.charCodeAt(at + 1);
    // A letter, "/", "!" or "?" after "<" makes a tag, an end tag, a comment or a doctype of it.
    if (!((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a) && next !== 0x2f && next !== 0x21 && next !== 0x3f) continue;
    if (++tags === limit + 1) past = at;
  }
  if (past === -1) return null;
  const { line, column } = lineAndColumn(source, past);
  return diagnose('html-too-many-tags', { tags, limit }, { line, column, page: 1 });
}

/** The 1-based line and column of an offset. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = source.indexOf('\n'); at !== -1 && at < offset; at = source.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Characters of text a browser renders in a document (not in `<script>`, `<head>` and the like). */
function renderedChars(root: Root): number {
  let chars = 0;
  const stack: (Element | Root)[] = [root];
  while (stack.length > 0) {
    for (const child of stack.pop()!.children) {
      if (child.type === 'text') chars += textCharCount(child.value);
      else if (child.type === 'element' && !NOT_RENDERED.has(child.tagName)) stack.push(child);
    }
  }
  return chars;
}
