import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { Fact, Series } from './fact.js';

/** The version of the report JSON and the SQLite layout; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1 as const;

/** One block of cell content after HTML is resolved: a paragraph, a list or a heading. */
export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('list'), items: z.array(z.string()) }),
  z.object({ type: z.literal('heading'), text: z.string() }),
]);

/** A table cell: its blocks, and `text` = the blocks joined by "\n" (one line per list item). */
export const Cell = z.object({
  text: z.string(),
  blocks: z.array(Block),
});

/** A cell of a column with no goal, initiatives or results role ("Afd.", "Ansvarlig"), under its header label. */
export const ExtraCell = z.object({ label: z.string(), ...Cell.shape });

/** The role of a table column, from its header wording (see `pipeline/columns.ts`). */
export const ColumnRole = z.enum(['goal', 'initiatives', 'results', 'other']);

/** A column of the report's table. */
export const Column = z.object({
  role: ColumnRole,
  label: z.string(),
});

/** Where a record came from: first and last page and line (1-based, inclusive) in the source. */
export const Provenance = z.object({
  pages: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

/** A section row of the table ("ØKONOMI"), grouping the goals below it. */
export const Section = z.object({
  ordinal: z.number().int().positive(),
  title: z.string(),
});

/** One strategic goal (a table row, stitched across page breaks). */
export const Goal = z.object({
  /** Stable id: the first 12 hex digits of the report id, the ordinal and a slug of the title. */
  id: z.string(),
  ordinal: z.number().int().positive(),
  /** Title of the section the goal stands under, or null when the table has no section rows above it. */
  section: z.string().nullable(),
  /**
   * The goal's own number in the source ("1", "12"), from a number column ("Nr.") or from the start of
   * the goal cell under a header such as "Initiativ (nr.)"; null when the table numbers nothing.
   */
  number: z.string().nullable(),
  title: z.string(),
  subtitle: z.string().nullable(),
  initiatives: Cell,
  results: Cell,
  /** Cells of the table's other columns (not the number column), in table order: nothing is dropped. */
  extra: z.array(ExtraCell),
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
  title: z.string(),
  intro: z.string(),
  committee: z.string().nullable(),
  period: ReportPeriod.nullable(),
  columns: z.array(Column),
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
/** A cell of an extra column, with its label. */
export type ExtraCell = z.infer<typeof ExtraCell>;
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
