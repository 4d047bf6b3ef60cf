import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { AmountScale, Box, Fact, Series } from './fact.js';

/**
 * The version of the report JSON; bumped on any incompatible change. (The SQLite layout has its
 * own, `DATABASE_SCHEMA_VERSION` in `output/sqlite/schema.ts`.)
 * Version 2: every table of the document, every cell of a row (with its column's label and role),
 * facts from every cell, column units and scales, report meta (meeting date, municipality).
 */
export const SCHEMA_VERSION = 2 as const;

/** One block of cell content after HTML is resolved: a paragraph, a list or a heading. */
export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(z.string()) }),
  z.object({ type: z.literal('heading'), text: z.string() }),
]);

/** A cell's content: its blocks, and `text` = the blocks joined by "\n" (one line per list item). */
export const Cell = z.object({
  text: z.string(),
  blocks: z.array(Block),
});

/**
 * What a table column holds (see `pipeline/vocabulary/headers.ts` for the wordings):
 * - `goal`: the item's name (a goal, initiative, project or budget line), which gives the goal's title;
 * - `number`: the item's own number ("Nr.");
 * - `group`: a grouping the items fall under (a rowspan cell or a run of one value), like a section;
 * - `initiatives`: a description of the item or what is done;
 * - `results`: its status or results;
 * - `date`: a date or deadline ("Forventet afslutning", "Tidsplan");
 * - `amount`: money (with its unit and year when the header names them);
 * - `responsible`: the responsible unit or person ("Afd.", "Ansvarlig");
 * - `other`: anything else, kept as it is.
 */
export const ColumnRole = z.enum(['goal', 'number', 'group', 'initiatives', 'results', 'date', 'amount', 'responsible', 'other']);

/** How a column's role was decided: its header wording, its cells, its position, or `--columns`. */
export const RoleSource = z.enum(['header', 'content', 'position', 'override']);

/** A column of a table. */
export const Column = z.object({
  role: ColumnRole,
  label: z.string(),
  roleFrom: RoleSource,
  /** The money unit bare amounts in this column are in ("t.kr.", "mio. kr."), from the header, the caption or the text above. */
  scale: AmountScale.nullable(),
  /** The year the header names ("2025 Beløb i t.kr.", "Budget 2024"), or null. */
  year: z.number().int().nullable(),
});

/** Where a record came from: first and last page and line (1-based, inclusive) in the source. */
export const Provenance = z.object({
  pages: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

/** One table of the document that lists items, one per row. */
export const Table = z.object({
  ordinal: z.number().int().positive(),
  /** The table's caption, or the heading or short line right above it ("Tabel 1 - Anlægsprojekter (1.000 kr.)"). */
  caption: z.string().nullable(),
  columns: z.array(Column),
  provenance: Provenance,
});

/** A section row of a table ("ØKONOMI"), grouping the goals below it. */
export const Section = z.object({
  ordinal: z.number().int().positive(),
  /** Ordinal of the table the section row stands in. */
  table: z.number().int().positive(),
  title: z.string(),
});

/** One cell of a row, in table order, with its column's label and role. */
export const RowCell = z.object({
  label: z.string(),
  role: ColumnRole,
  ...Cell.shape,
  /**
   * PDF sources only: where the cell's text stands, one rectangle per page it covers (a row cut by a
   * page break has two). Absent for text and HTML, and for an empty cell.
   */
  boxes: z.array(Box).optional(),
});

/** One item of a table (a goal, an initiative, a project, a budget line): a row, stitched across page breaks. */
export const Goal = z.object({
  /** Unique id: the first 12 hex digits of the report id, then `key`. */
  id: z.string(),
  /**
   * Key within the report, stable across edits elsewhere in it: `<table ordinal>-<slug of the title>`
   * and, for a title repeated in the table, `-2`, `-3`, … (see `pipeline/stages/ids.ts`). A table
   * added before this one, a title edit, or a same-titled goal inserted before it changes it.
   */
  key: z.string(),
  ordinal: z.number().int().positive(),
  /** Ordinal of the table the row stands in. */
  table: z.number().int().positive(),
  /** Title of the section the goal stands under, or null when the table has no section rows above it. */
  section: z.string().nullable(),
  /** The value of the row's grouping column ("Anlæg", "Drift"), or null. */
  group: z.string().nullable(),
  /**
   * The goal's own number in the source ("1", "12"), from a number column ("Nr.") or from the start of
   * the goal cell under a header such as "Initiativ (nr.)"; null when the table numbers nothing.
   */
  number: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** True for a totals row ("I alt", "Sum", "Udmøntet sum"): its figures add up the rows above. */
  total: z.boolean(),
  /** Every cell of the row, in table order (the item-name cell too): nothing is dropped. */
  cells: z.array(RowCell),
  facts: z.array(Fact),
  series: z.array(Series),
  provenance: Provenance,
});

/** The source file a report was read from. */
export const Source = z.object({
  /** The path as given, relative to the working directory (never absolute). */
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['text', 'html', 'pdf']),
  bytes: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
});

/** A period given as years or dates ("2014" – "2017"). */
export const ReportPeriod = z.object({ start: z.string(), end: z.string() });

/** One status report, normalized: the canonical JSON document and the unit stored in SQLite. */
export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** sha256 (hex) of the source bytes. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  source: Source,
  /** What the document calls itself; empty (with a `no-title` diagnostic) when it names no title. */
  title: z.string(),
  intro: z.string(),
  committee: z.string().nullable(),
  /** The meeting the report was presented at (`YYYY-MM-DD`), from `--date` or a sidecar `.meta.json`. */
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  municipality: z.string().nullable(),
  period: ReportPeriod.nullable(),
  tables: z.array(Table),
  sections: z.array(Section),
  goals: z.array(Goal),
  diagnostics: z.array(Diagnostic),
});

/** A normalized report. */
export type Report = z.infer<typeof Report>;
/** A goal record. */
export type Goal = z.infer<typeof Goal>;
/** A cell. */
export type Cell = z.infer<typeof Cell>;
/** A cell of a row, with its column's label and role. */
export type RowCell = z.infer<typeof RowCell>;
/** A table of the report. */
export type Table = z.infer<typeof Table>;
/** How a column's role was decided. */
export type RoleSource = z.infer<typeof RoleSource>;
/** A block of a cell. */
export type Block = z.infer<typeof Block>;
/** A column role. */
export type ColumnRole = z.infer<typeof ColumnRole>;
/** A table column. */
export type Column = z.infer<typeof Column>;
/** A section. */
export type Section = z.infer<typeof Section>;
/** Provenance of a record. */
export type Provenance = z.infer<typeof Provenance>;
/** The source description. */
export type Source = z.infer<typeof Source>;
