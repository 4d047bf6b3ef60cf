/**
 * The figure part shared by money, percent and quantity rules: one numeral or a range ("2-3",
 * "450–500", "mellem 2 og 3"). The qualifier words in front of it are read by `qualifiersBefore`.
 */
import { NUMBER, NUMBER_SCAN, RANGE_DASH, RANGE_END_NUMBER, parseDecimal, type Decimal } from './numbers.js';
import { HS } from './spaces.js';

/**
 * Regex source for a figure, with named groups `lo`, `hi` (dash range) and `mlo`, `mhi` ("mellem … og …").
 * Every alternative starts with a fixed token, so there is one way to match a given figure.
 */
export function figureSource(): string {
  return String.raw`(?:(?<![\p{L}])[Mm]ellem${HS}+(?<mlo>${NUMBER})${HS}+og${HS}+(?<mhi>${RANGE_END_NUMBER})|(?<lo>${NUMBER})(?:${RANGE_DASH}(?<hi>${RANGE_END_NUMBER}))?)`;
}

/**
 * Every place a figure may start (global). A cheap superset: it finds the start of every figure, plus some
 * false starts ("to" in "konto") that the anchored rules, which carry the exact boundaries, then reject.
 */
export const FIGURE = new RegExp(String.raw`(?<![\p{L}])[Mm]ellem${HS}+|${NUMBER_SCAN}`, 'gu');

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
