/**
 * The figure part shared by money, percent and quantity rules: one numeral or a range ("2-3",
 * "450–500", "mellem 2 og 3"). The qualifier words in front of it are read by `qualifiersBefore`.
 */
import { NUMBER, NUMBER_STARTS, RANGE_DASH, RANGE_END_NUMBER, parseDecimal, wordOpenings, type Decimal } from './numbers.js';
import { HS } from './spaces.js';

/**
 * Regex source for a figure, with named groups `lo`, `hi` (dash range) and `mlo`, `mhi` ("mellem … og …").
 * Every alternative starts with a fixed token, so there is one way to match a given figure.
 */
export function figureSource(): string {
  return String.raw`(?:(?<![\p{L}])[Mm]ellem${HS}+(?<mlo>${NUMBER})${HS}+og${HS}+(?<mhi>${RANGE_END_NUMBER})|(?<lo>${NUMBER})(?:${RANGE_DASH}(?<hi>${RANGE_END_NUMBER}))?)`;
}

/** The openings of a figure: those of a number, and "mellem" (the `starts` of every rule that begins with {@link figureSource}). */
export const FIGURE_STARTS: readonly string[] = [...NUMBER_STARTS, ...wordOpenings(['mellem'])];

/**
 * A figure at a place (sticky): read once per place for every rule with `figure` parts (see `Rule.figure`),
 * instead of once per rule inside each rule's whole pattern.
 */
export const FIGURE_AT = new RegExp(figureSource(), 'uy');

/** A parsed figure: one value, or a range with `lo < hi`. */
export interface Figure {
  readonly lo: Decimal;
  /** Null for a single value. */
  readonly hi: Decimal | null;
  /** The numerals as written, for checks like "is this a bare year?". */
  readonly raw: readonly string[];
}

/** Reads the figure groups of a match; null when a range is not increasing ("5-3" is no range). */
export function readFigure(m: RegExpExecArray): Figure | null {
  const g = m.groups ?? {};
  const loRaw = g.lo ?? g.mlo;
  const hiRaw = g.hi ?? g.mhi;
  if (loRaw === undefined) return null;
  const lo = parseDecimal(loRaw);
  if (!lo) return null;
  if (hiRaw === undefined) return { lo, hi: null, raw: [loRaw] };
  const hi = parseDecimal(hiRaw);
  if (!hi) return null;
  if (!(lo.mantissa / 10 ** lo.decimals < hi.mantissa / 10 ** hi.decimals)) return null;
  return { lo, hi, raw: [loRaw, hiRaw] };
}

/** Value/min/max fields of a figure; `toValue` converts each numeral (money scales it exactly). */
export function rangeFields(f: Figure, toValue: (d: Decimal) => number): { value: number | null; min: number | null; max: number | null } {
  if (!f.hi) return { value: toValue(f.lo), min: null, max: null };
  return { value: null, min: toValue(f.lo), max: toValue(f.hi) };
}
