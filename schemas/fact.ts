import { z } from 'zod';

/**
 * Which text of a row's cell a fact was found in, and so what its span indexes: the cell's `text`, or
 * (for the item-name cell) the goal's `title` or `subtitle`.
 */
export const FactField = z.enum(['title', 'subtitle', 'text']);

/** Where a bare amount's unit came from: its column's header, the table's caption, or the text just above the table. */
export const ScaleSource = z.enum(['header', 'caption', 'context']);

/**
 * The unit a bare amount was scaled by ("1.500" under "Beløb i t.kr." → × 1000): the unit as written,
 * its factor, and where it was found.
 */
export const AmountScale = z.object({
  unit: z.string().min(1),
  factor: z.number().positive(),
  from: ScaleSource,
});

/** Comparison words in front of a figure: "mere end" (gt), "mindst" (gte), "under" (lt), "op til" (lte). */
export const Qualifier = z.enum(['gt', 'gte', 'lt', 'lte']).nullable();

/** `[start, end)` character offsets (UTF-16 code units, as JavaScript strings index) into the source text. */
export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/**
 * A rectangle on a page of a PDF source, in PDF points (1/72 inch), on the page as it is shown (its
 * crop box, with its rotation applied, as pdfjs's viewport at scale 1 gives it): the origin is the
 * page's top-left corner, `x` grows to the right and `y` downwards; `x`, `y` are the rectangle's
 * top-left corner. Text boxes run from the font's ascent to its descent.
 */
export const Box = z.object({
  /** 1-based page number. */
  page: z.number().int().positive(),
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});

const factBase = {
  /** Set by the pipeline: the 0-based index, in table order, of the row's cell the fact was found in. */
  cell: z.number().int().nonnegative().optional(),
  /** Set by the pipeline: the header label of that cell's column ("Status", "2025 Beløb i t.kr."). */
  column: z.string().optional(),
  /** Set by the pipeline: which text of the cell the span indexes. */
  field: FactField.optional(),
  /** The exact surface text, qualifier words included: `text === source.slice(span[0], span[1])`. */
  text: z.string().min(1),
  span: Span,
  /**
   * PDF sources only: where the fact's characters stand on the page, one rectangle per text line it
   * covers (a figure wrapped over two lines has two), from the text positions of the characters.
   * Absent for text and HTML, and when the characters could not be found on the page.
   */
  boxes: z.array(Box).optional(),
};

/** An amount of money in Danish kroner: a single `value`, or `min` + `max` for a range. */
export const MoneyFact = z.object({
  kind: z.literal('money'),
  ...factBase,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  currency: z.literal('DKK'),
  approx: z.boolean(),
  qualifier: Qualifier,
  per: z.enum(['year', 'month']).nullable(),
  /** Set when the figure is a bare number whose unit stands outside it (column header, caption, text above). */
  scale: AmountScale.nullable(),
  /** True when the figure stands in a totals row ("I alt", "Sum"). */
  total: z.boolean(),
});

/** A percentage as written ("5,7 pct." → 5.7). */
export const PercentFact = z.object({
  kind: z.literal('percent'),
  ...factBase,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  approx: z.boolean(),
  qualifier: Qualifier,
});

/**
 * A calendar date (`YYYY-MM-DD`) or month (`YYYY-MM`). A date written without a year ("23. april") takes
 * the year of the report's own date or period when that is unambiguous (`yearFrom: "report"`); otherwise
 * its year stays open and the value is ISO 8601's `--MM-DD`.
 */
export const DateFact = z.object({
  kind: z.literal('date'),
  ...factBase,
  value: z.string().regex(/^(?:\d{4}|-)-\d{2}(-\d{2})?$/),
  grain: z.enum(['day', 'month']),
  /** Where the year came from: the text itself, the report's date or period, or nowhere (`--MM-DD`). */
  yearFrom: z.enum(['text', 'report']).nullable(),
});

/** A span of time; `start` and `end` are inclusive and written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const PeriodFact = z.object({
  kind: z.literal('period'),
  ...factBase,
  start: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  end: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  grain: z.enum(['year', 'half', 'quarter', 'season', 'part']),
});

/** A bare year that is not part of a date or a period. */
export const YearFact = z.object({
  kind: z.literal('year'),
  ...factBase,
  value: z.number().int(),
});

/** A count of something: `unit` is the counted noun as written ("boliger", "m²", "procentpoint"). */
export const QuantityFact = z.object({
  kind: z.literal('quantity'),
  ...factBase,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string().min(1),
  approx: z.boolean(),
  qualifier: Qualifier,
});

/** One typed fact found in text, pointing back to the characters it came from. */
export const Fact = z.discriminatedUnion('kind', [MoneyFact, PercentFact, DateFact, PeriodFact, YearFact, QuantityFact]);

/** One point of a time series: a labelled period and its value. */
export const SeriesPoint = z.object({
  label: z.string(),
  start: z.string(),
  end: z.string(),
  value: z.number(),
});

/** A run of values over time found in one text ("2013: 5,7 pct. 2014: 5,9 pct. …"). */
export const Series = z.object({
  cell: z.number().int().nonnegative().optional(),
  column: z.string().optional(),
  field: FactField.optional(),
  label: z.string().nullable(),
  unit: z.enum(['percent', 'DKK', 'count']),
  span: Span,
  points: z.array(SeriesPoint).min(2),
});

/** A rectangle on a PDF page. */
export type Box = z.infer<typeof Box>;
/** Fact kinds. */
export type FactKind = z.infer<typeof Fact>['kind'];
/** A fact. */
export type Fact = z.infer<typeof Fact>;
/** A money fact. */
export type MoneyFact = z.infer<typeof MoneyFact>;
/** A percent fact. */
export type PercentFact = z.infer<typeof PercentFact>;
/** A date fact. */
export type DateFact = z.infer<typeof DateFact>;
/** A period fact. */
export type PeriodFact = z.infer<typeof PeriodFact>;
/** A year fact. */
export type YearFact = z.infer<typeof YearFact>;
/** A quantity fact. */
export type QuantityFact = z.infer<typeof QuantityFact>;
/** A time series. */
export type Series = z.infer<typeof Series>;
/** A point of a time series. */
export type SeriesPoint = z.infer<typeof SeriesPoint>;
/** The text of a cell a fact was found in. */
export type FactField = z.infer<typeof FactField>;
/** The unit a bare amount was scaled by. */
export type AmountScale = z.infer<typeof AmountScale>;
