/**
 * Which `<table>`s of a document hold items, in document order. An item table has two or more rows
 * of two or more cells (a header and an item, or two items). A table that only lays out the page is
 * not one: a single row (holding other tables, or prose in a cell), rows of one cell each, rows
 * that under the first all hold tables, or cells holding nothing but links (a menu). The tables inside a layout table are read instead; a table
 * inside a cell of an item table is an item table of its own, read after the table holding it.
 */
import type { Element, Root } from 'hast';
import { layOutGrid, type Grid } from './html-grid.js';
import { findElement, isElement, NOT_RENDERED } from './html-tree.js';

/** An item table of the document. */
export interface ItemTable {
  element: Element;
  grid: Grid;
  /**
   * Where the prose around the table is read (its caption line, the paragraph above it): the
   * document body, or the cell of the item table it stands in.
   */
  scope: Element | Root;
}

/** The item tables of a document, and what the document has when it has none. */
export interface FoundTables {
  tables: ItemTable[];
  /** Whether the document has a `<table>` at all. */
  anyTable: boolean;
  /** Whether some `<table>` has a row of two or more cells. */
  anyTwoColumns: boolean;
}

/** Finds the item tables of a parsed document, in document order. */
export function findItemTables(root: Root): FoundTables {
  const found: FoundTables = { tables: [], anyTable: false, anyTwoColumns: false };

  const visit = (node: Element | Root, scope: Element | Root): void => {
    for (const child of node.children) {
      // What a browser does not render holds no table of the page (a <noscript> fallback, say).
      if (!isElement(child) || NOT_RENDERED.has(child.tagName)) continue;
      if (child.tagName === 'table') {
        found.anyTable = true;
        const grid = layOutGrid(child);
        if (grid.rows.some((r) => r.cells.length + r.carried.length >= 2)) found.anyTwoColumns = true;
        if (isItemTable(grid)) {
          found.tables.push({ element: child, grid, scope });
          // Tables in its cells are read on their own, after it, in the prose of their cell.
          for (const row of grid.rows) for (const cell of row.cells) visit(cell.element, cell.element);
          continue;
        }
      }
      visit(child, scope);
    }
  };
  visit(root, root);
  return found;
}

/** True when a laid-out table holds items rather than laying out the page. */
function isItemTable(grid: Grid): boolean {
  const rows = grid.rows;
  const multiCell = rows.filter((r) => r.cells.length + r.carried.length >= 2).length;
  if (multiCell < 2) return false;
  // Every row under the first holding a table: a frame around tables, not a table of items.
  const holdsTable = (i: number) => rows[i]!.cells.some((c) => findElement(c.element, (el) => el.tagName === 'table') !== null);
  if (rows.slice(1).every((_, i) => holdsTable(i + 1))) return false;
  // Nothing but links: a menu laid out in a table.
  return !rows.every((r) => r.cells.every((c) => linksOnly(c.element) !== false));
}

/**
 * Whether a node's text is all inside links: true when it has linked text and no other, false when it
 * has text outside a link, null when it has no text at all.
 */
function linksOnly(node: Element): boolean | null {
  let linked: boolean | null = null;
  for (const child of node.children) {
    if (child.type === 'text') {
      if (child.value.trim() !== '') return false;
    } else if (child.type === 'element') {
      const inner = child.tagName === 'a' ? (child.children.length > 0 ? true : null) : linksOnly(child);
      if (inner === false) return false;
      if (inner === true) linked = true;
    }
  }
  return linked;
}
