/**
 * The HTML format: a page or an agenda item's body fragment holding its items in `<table>`s. The
 * document is read as a browser reads it (`html-tree.ts`); every item table, in document order, is
 * read into a `RawTable` (`html-tables.ts` tells item tables from layout tables, `html-table.ts` reads
 * one), cells keep their inner HTML as written for the block stage; the prose around the tables gives
 * the title, the intro and each table's caption and context.
 */
import type { Element, Root } from 'hast';
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { RawDocument } from '../types.js';
import { readHead } from './html-head.js';
import { readProse, type Prose, type ProseLine } from './html-prose.js';
import { readItemTable } from './html-table.js';
import { findItemTables } from './html-tables.js';
import { parseHtml } from './html-tree.js';

/**
 * Reads an HTML page or fragment: its title and intro and every item table. A document without an
 * item table gives null with a `no-table` error.
 */
export function readHtmlDocument(text: string): Staged<RawDocument | null> {
  const root = parseHtml(text);
  const found = findItemTables(root);
  if (found.tables.length === 0) {
    const reason = !found.anyTable ? 'no-table-element' : !found.anyTwoColumns ? 'no-table-with-two-columns' : 'no-item-table';
    return staged(null, [diagnose('no-table', { reason }, { line: 1, page: 1 })]);
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
  const captionLines = new Set<ProseLine>();
  const tables = found.tables.map((item) => {
    const read = readItemTable(item, text, itemTables, proseOf(item.scope));
    if (read.captionLine) captionLines.add(read.captionLine);
    return read.table;
  });
  const head = readHead(root, proseOf(root), itemTables, captionLines);
  return staged({ title: head.title, intro: head.intro, tables, pages: 1 }, []);
}
