/**
 * The intermediates that flow between stages. Every input format (text, HTML, PDF) is turned into a
 * `RawDocument` (its head and its item tables as `RawTable`s); every stage after that works on them
 * whatever the format.
 */
import type { Block, Column } from '../schemas/report.js';

/**
 * A run of text placed on a PDF page (PDF points, origin top-left, y downwards): what the boxes
 * stage reads to say where a cell or a fact stands. `top` and `bottom` are the font's ascent and
 * descent around the baseline.
 */
export interface PlacedRun {
  page: number;
  str: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

/** One table row as read from the source, before it is classified. Cells hold raw text or HTML fragments. */
export interface RawRow {
  cells: string[];
  /** 1-based page of the source the row starts on. */
  page: number;
  /** 1-based line of the source the row starts on. */
  line: number;
  /** Last line the row occupies (rows in HTML and PDF can span several lines). */
  endLine: number;
  /** True when a page break (or a gap the format cannot tell from one) comes right before the row. */
  breakBefore: boolean;
  /**
   * True when the format itself shows the row is a section heading (an HTML cell spanning the whole
   * table, a PDF cell merged across every column), whatever its wording. Classification also finds
   * section rows from their cells alone (see `isSectionRow`).
   */
  section?: boolean;
  /**
   * Per cell, true when the format repeated it from a cell spanning rows above (HTML `rowspan`): a
   * sign of a grouping column. Absent when the format has no such spans.
   */
  spanned?: boolean[];
  /**
   * True when the format itself shows the row is the rest of the row above, cut by a page break (a PDF
   * table row whose borders stop open at the end of the page above). Classification also finds such
   * rows from their cells alone (see `continuationScore`).
   */
  continues?: boolean;
  /** PDF only: per cell, its text runs in reading order (lines top-down, each left to right). */
  runs?: PlacedRun[][];
}

/** A located piece of text outside the table (title, intro). */
export interface LocatedText {
  text: string;
  page: number;
  line: number;
}

/** One table of a document as read from the source: its caption, header and rows. */
export interface RawTable {
  /** The table's caption, or the heading or short line right above it; null when there is none. */
  caption: LocatedText | null;
  /**
   * Prose right above the table (the paragraph that introduces it): where a unit such as "(beløb i
   * 1.000 kr.)" is often written. Null when there is none.
   */
  context: string | null;
  /** Header cells, or null when the table has no header row. */
  header: string[] | null;
  headerLine: number | null;
  rows: RawRow[];
}

/** The one intermediate every format produces: the document head and its item tables, in document order. */
export interface RawDocument {
  /** What the document calls itself (`<title>`, `<h1>`, the title line of a text report), or null. */
  title: LocatedText | null;
  /** Prose around the tables, paragraphs joined by "\n". */
  intro: string;
  tables: RawTable[];
  /** Number of pages the source has (1 for formats without pages). */
  pages: number;
}

/** What a row is, decided from its cells and the rows around it. */
export type RowKind = 'section' | 'goal' | 'continuation';

/** A raw row with its kind. */
export interface ClassifiedRow extends RawRow {
  kind: RowKind;
}

/** A goal row with its continuation rows stitched on, or a section row. */
export interface StitchedRow {
  kind: 'section' | 'goal';
  cells: string[];
  /** The `spanned` marks of the row's first physical row (see `RawRow.spanned`). */
  spanned?: boolean[];
  pages: [number, number];
  lines: [number, number];
  /** PDF only: per cell, the text runs of every physical row stitched into it (see `RawRow.runs`). */
  runs?: PlacedRun[][];
}

/** A table resolved to columns with roles. */
export interface ResolvedTable {
  table: RawTable;
  columns: Column[];
}

/** A stitched goal row whose cells have been parsed into blocks. */
export interface BlockRow {
  kind: 'section' | 'goal';
  cells: Block[][];
  pages: [number, number];
  lines: [number, number];
}
