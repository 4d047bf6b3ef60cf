/**
 * A document's cells, each read into blocks once. The format reader and every table stage after it
 * (columns, classify, stitch, goals) ask the parse's one `CellParser` for a cell's blocks or visible
 * text, instead of parsing the cell's markup again each: the same cell used to be parsed three times
 * (the HTML reader's header test, the columns stage's content test, the goals stage's blocks). A cell
 * is known by its source text, so a cell that stitching or a width rule made anew is parsed once too,
 * and the blocks of equal cells are the same (read-only) objects.
 */
import type { Block } from '../../schemas/report.js';
import { blocksToText, normaliseWhitespace, parseCell, type ParsedCell } from './blocks.js';

/** One cell's parse, and its visible text (and that on one line) once asked for. */
interface Entry {
  parsed: ParsedCell;
  text: string | null;
  line: string | null;
}

/** Parses cells (plain text or HTML fragments) into blocks, each distinct cell once (see the module's comment). */
export class CellParser {
  private readonly entries = new Map<string, Entry>();

  private entry(cell: string): Entry {
    let entry = this.entries.get(cell);
    if (!entry) {
      entry = { parsed: parseCell(cell), text: null, line: null };
      this.entries.set(cell, entry);
    }
    return entry;
  }

  /** The cell read into blocks, with what reading it left out (see `parseCell`). */
  parse(cell: string): ParsedCell {
    return this.entry(cell).parsed;
  }

  /** The cell's blocks (see `parseCell`). */
  blocks(cell: string): Block[] {
    return this.entry(cell).parsed.blocks;
  }

  /** The cell's visible text: one line per paragraph, heading and list item (`visibleText`). */
  text(cell: string): string {
    const entry = this.entry(cell);
    entry.text ??= blocksToText(entry.parsed.blocks);
    return entry.text;
  }

  /** The cell's visible text on one line, white space folded (the HTML reader's and the columns stage's view). */
  line(cell: string): string {
    const entry = this.entry(cell);
    entry.line ??= normaliseWhitespace(this.text(cell));
    return entry.line;
  }
}
