/**
 * The figure part shared by money, percent and quantity rules: one numeral or a range ("2-3",
 * "450–500", "mellem 2 og 3"), with the qualifier words in front of it.
 */
import { qualifiersBefore, type Qualifier } from './context.js';
import { NUMBER, RANGE_DASH, RANGE_END_NUMBER, parseDecimal, type Decimal } from './numbers.js';

/**
 * Regex source for a figure, with named groups `<p>lo`, `<p>hi` (dash range) and `<p>mlo`, `<p>mhi`
 * ("mellem … og …"). The prefix keeps group names unique when a pattern embeds two figures.
 */
export function figureSource(p = ''): string {
  return String.raw`(?:(?<![\p{L}])[Mm]ellem\s+(?<${p}mlo>${NUMBER})\s+og\s+(?<${p}mhi>${RANGE_END_NUMBER})|(?<${p}lo>${NUMBER})(?:${RANGE_DASH}(?<${p}hi>${RANGE_END_NUMBER}))?)`;
}

/** A parsed figure: one value, or a range with `lo < hi`. */
export interface Figure {
  readonly lo: Decimal;
  /** Null for a single value. */
  readonly hi: Decimal | null;
  /** The numerals as written, for checks like "is this a bare year?". */
  readonly raw: readonly string[];
}

/** Reads the figure groups of a match; null when a range is not increasing ("5-3" is no range). */
export function readFigure(m: RegExpExecArray, p = ''): Figure | null {
  const g = m.groups ?? {};
  const loRaw = g[`${p}lo`] ?? g[`${p}mlo`];
  const hiRaw = g[`${p}hi`] ?? g[`${p}mhi`];
  if (loRaw === undefined) return null;
  const lo = parseDecimal(loRaw);
  if (!lo) return null;
  if (hiRaw === undefined) return { lo, hi: null, raw: [loRaw] };
  const hi = parseDecimal(hiRaw);
  if (!hi) return null;
  if (!(lo.mantissa / 10 ** lo.decimals < hi.mantissa / 10 ** hi.decimals)) return null;
  return { lo, hi, raw: [loRaw, hiRaw] };
}

/** The qualifier words in front of a figure and the start of the fact's text. */
export interface Qualified {
  readonly start: number;
  readonly approx: boolean;
  readonly qualifier: Qualifier;
}

/** Widens a match to the qualifier words before it ("ca.", "mere end", "op til"). */
export function qualify(text: string, start: number): Qualified {
  return qualifiersBefore(text, start);
}

/** Value/min/max fields for a figure scaled by `scale` (a function so money can scale exactly). */
export function rangeFields(f: Figure, toValue: (d: Decimal) => number): { value: number | null; min: number | null; max: number | null } {
  if (!f.hi) return { value: toValue(f.lo), min: null, max: null };
  return { value: null, min: toValue(f.lo), max: toValue(f.hi) };
}
