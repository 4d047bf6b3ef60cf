/**
 * The JSON Schema (draft 2020-12) of the report JSON, generated from the zod schemas, which stay
 * the single source of truth. The generated text is committed as `schemas/report.schema.json`
 * (`npm run schema` rewrites it; a test fails when it is stale) so that archivists can cite it.
 */
import { z } from 'zod';
import { Diagnostic } from './diagnostic.js';
import { AmountScale, Box, DateFact, Fact, FactField, MoneyFact, PercentFact, PeriodFact, QuantityFact, Series, SeriesPoint, Span, YearFact } from './fact.js';
import { Block, Cell, Column, Goal, Provenance, Report, RowCell, SCHEMA_VERSION, Section, Source, Table } from './report.js';

/** The `$id` of the schema: names the report JSON format and its version. */
export const REPORT_SCHEMA_ID = `urn:status-ingest:report:${SCHEMA_VERSION}`;

/** The path of the committed schema, relative to the package root. */
export const REPORT_SCHEMA_PATH = 'schemas/report.schema.json';

/**
 * Names and descriptions of the parts of a report: each becomes a `$defs` entry of the schema (in
 * a registry of its own, so the zod schemas themselves stay free of JSON Schema concerns).
 */
const parts = z.registry<{ id: string; description: string }>();
parts.add(Source, { id: 'Source', description: 'The source file a report was read from; `path` is relative to the working directory, never absolute.' });
parts.add(Table, { id: 'Table', description: 'One table of the document that lists items, one per row: its caption (or the heading above it) and its columns.' });
parts.add(Column, { id: 'Column', description: 'A column of a table: its role (and how it was decided), the header as written, and the unit and year its header names.' });
parts.add(AmountScale, { id: 'AmountScale', description: 'The money unit of bare amounts ("t.kr." = 1000), and where it was found: the header, the caption or the text above the table.' });
parts.add(Section, { id: 'Section', description: 'A section row of a table, grouping the goals below it.' });
parts.add(Goal, {
  id: 'Goal',
  description:
    'One item of a table (a row, stitched across page breaks) with every cell. `key` (`<table ordinal>-<ASCII slug of the title>`, a count added to a title repeated in the table) is stable across edits elsewhere in the report; `id` is the first 12 hex digits of the report id, then the key: unique across reports.',
});
parts.add(Cell, { id: 'Cell', description: 'Cell content: its blocks, and `text` = the blocks joined by "\n" (one line per list item). Fact spans index `text`.' });
parts.add(RowCell, { id: 'RowCell', description: "One cell of a row, in table order, with its column's label and role." });
parts.add(Block, { id: 'Block', description: 'One block of cell content: a paragraph, a list or a heading.' });
parts.add(Provenance, { id: 'Provenance', description: 'First and last page and line (1-based, inclusive) of the record in the source.' });
parts.add(FactField, { id: 'FactField', description: "Which text of a row's cell a fact was found in: its span indexes that text (the goal's title or subtitle, or the cell's text)." });
parts.add(Box, {
  id: 'Box',
  description: "A rectangle on a page of a PDF source in PDF points: origin at the page's top-left corner (the page as shown), x to the right, y downwards; x, y the rectangle's top-left corner.",
});
parts.add(Span, { id: 'Span', description: '[start, end) offsets in UTF-16 code units into the text of the column: text === source.slice(start, end).' });
parts.add(Fact, { id: 'Fact', description: 'One typed fact found in text, pointing back to the characters it came from.' });
parts.add(MoneyFact, { id: 'MoneyFact', description: 'An amount of money in Danish kroner: a single value, or min and max for a range.' });
parts.add(PercentFact, { id: 'PercentFact', description: 'A percentage as written ("5,7 pct." is 5.7).' });
parts.add(DateFact, { id: 'DateFact', description: 'A calendar date (YYYY-MM-DD) or month (YYYY-MM).' });
parts.add(PeriodFact, { id: 'PeriodFact', description: 'A span of time; start and end are inclusive.' });
parts.add(YearFact, { id: 'YearFact', description: 'A bare year that is not part of a date or a period.' });
parts.add(QuantityFact, { id: 'QuantityFact', description: 'A count of something; unit is the counted noun as written.' });
parts.add(Series, { id: 'Series', description: 'A run of values over time found in one text.' });
parts.add(SeriesPoint, { id: 'SeriesPoint', description: 'One point of a time series: a labelled period and its value.' });
parts.add(Diagnostic, {
  id: 'Diagnostic',
  description: 'A message about the input with a 1-based position; `code` is stable and machine-readable, `message` is wording for people.',
});

/**
 * The JSON Schema of a report as `parse` and `ingest` write it (the output shape of `Report`).
 * Objects allow no other properties, so a record with a misspelt or unknown field fails.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Report, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
    metadata: parts,
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: REPORT_SCHEMA_ID,
    title: 'status-ingest report',
    description:
      `One Danish municipal status report, normalized by status-ingest (schema version ${SCHEMA_VERSION}): ` +
      'its source, head, tables and their columns, sections, goals with every cell, typed facts and time series, ' +
      'and diagnostics. Generated from the zod schemas in schemas/*.ts; do not edit by hand.',
    ...rest,
  };
}

/** The schema as the committed file holds it: two-space indentation and a final newline. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
