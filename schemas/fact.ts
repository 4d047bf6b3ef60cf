import { z } from 'zod';

/** Which text of a goal a fact was found in; its span indexes that text. */
export const FactColumn = z.enum(['title', 'subtitle', 'initiatives', 'results']);

/** Comparison words in front of a figure: "mere end" (gt), "mindst" (gte), "under" (lt), "op til" (lte). */
export const Qualifier = z.enum(['gt', 'gte', 'lt', 'lte']).nullable();

/** `[start, end)` character offsets (UTF-16 code units, as JavaScript strings index) into the source text. */
export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

const factBase = {
  /** Set by the pipeline (the text the span indexes); omitted by the `facts` command. */
  column: FactColumn.optional(),
  /** The exact surface text, qualifier words included: `text === source.slice(span[0], span[1])`. */
  text: z.string().min(1),
  span: Span,
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

/** A calendar date (`YYYY-MM-DD`) or month (`YYYY-MM`). */
export const DateFact = z.object({
  kind: z.literal('date'),
  ...factBase,
  value: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  grain: z.enum(['day', 'month']),
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
  column: FactColumn.optional(),
  label: z.string().nullable(),
  unit: z.enum(['percent', 'DKK', 'count']),
  span: Span,
  points: z.array(SeriesPoint).min(2),
});

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
/** The text a fact was found in. */
export type FactColumn = z.infer<typeof FactColumn>;
