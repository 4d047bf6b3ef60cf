/**
 * Facts and series in words, for people: the normalized value of a fact ("≈ 1600000 DKK per year",
 * "1500 × 1000 = 1500000 DKK (t.kr., header)"), the points of a series. Shared by the semantic diff
 * and the review page. Locale-free and deterministic: numbers are written as JavaScript writes them
 * (except `formatKroner`, which writes them the Danish way, for the review page).
 */
import type { DateFact, Fact, MoneyFact, Series } from '../schemas/fact.js';

const QUALIFIER_SIGN: Readonly<Record<string, string>> = { gt: '> ', gte: '≥ ', lt: '< ', lte: '≤ ' };

/** A number, or a range `min–max`, or "?" when the fact carries neither. */
function amount(f: { value: number | null; min: number | null; max: number | null }): string {
  if (f.value !== null) return String(f.value);
  if (f.min !== null || f.max !== null) return `${f.min ?? '?'}–${f.max ?? '?'}`;
  return '?';
}

function prefix(f: { approx: boolean; qualifier: string | null }): string {
  return `${f.qualifier ? (QUALIFIER_SIGN[f.qualifier] ?? '') : ''}${f.approx ? '≈ ' : ''}`;
}

/** `value / factor` without binary noise (1500000 / 1000 = 1500, 1234.5 stays 1234.5). */
function unscaled(value: number | null, factor: number): number | null {
  return value === null ? null : Number((value / factor).toPrecision(15));
}

/** A money fact's value: "1600000 DKK per year", or for a bare amount read with its column's unit "1500 × 1000 = 1500000 DKK (t.kr., header)". */
function describeMoney(fact: MoneyFact): string {
  const per = fact.per ? ` per ${fact.per}` : '';
  const total = fact.total ? ', totals row' : '';
  const scale = fact.scale ?? null;
  if (!scale) return `${prefix(fact)}${amount(fact)} ${fact.currency}${per}${total}`;
  const raw = { value: unscaled(fact.value, scale.factor), min: unscaled(fact.min, scale.factor), max: unscaled(fact.max, scale.factor) };
  const rawText = raw.value === null && (raw.min !== null || raw.max !== null) ? `(${amount(raw)})` : amount(raw);
  return `${prefix(fact)}${rawText} × ${scale.factor} = ${amount(fact)} ${fact.currency}${per} (${scale.unit}, ${scale.from})${total}`;
}

/** A date's value: "2017-04-23 (day)"; a date without a year "--04-23 (day, year unknown)", one whose year came from the report "(day, year from the report)". */
function describeDate(fact: DateFact): string {
  const year = fact.value.startsWith('--') ? ', year unknown' : fact.yearFrom === 'report' ? ', year from the report' : '';
  return `${fact.value} (${fact.grain}${year})`;
}

/** The normalized value of a fact, without its kind: "≥ 1600000 DKK per year", "5.7 %", "2014 – 2017 (year)". */
export function describeFactValue(fact: Fact): string {
  switch (fact.kind) {
    case 'money':
      return describeMoney(fact);
    case 'percent':
      return `${prefix(fact)}${amount(fact)} %`;
    case 'quantity':
      return `${prefix(fact)}${amount(fact)} ${fact.unit}`;
    case 'date':
      return describeDate(fact);
    case 'period':
      return `${fact.start} – ${fact.end} (${fact.grain})`;
    case 'year':
      return String(fact.value);
  }
}

/** A fact in one line: `money "1,6 mio. kr." = 1600000 DKK per year`. */
export function describeFact(fact: Fact): string {
  return `${fact.kind} ${JSON.stringify(fact.text)} = ${describeFactValue(fact)}`;
}

/** A number the Danish way, with spaces between thousands and a decimal comma: 1500000 → "1 500 000", 2.5 → "2,5". */
export function formatKroner(n: number): string {
  const [whole = '0', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/**
 * How a bare amount was scaled, as the review page shows it: "1.500 (t.kr.) = 1 500 000 kr." (a range:
 * "100-200 (mio. kr.) = 100 000 000–200 000 000 kr."). Null for a money fact without a scale.
 */
export function describeScaledAmount(fact: MoneyFact): string | null {
  const scale = fact.scale ?? null;
  if (!scale) return null;
  const kroner =
    fact.value !== null
      ? formatKroner(fact.value)
      : `${fact.min === null ? '?' : formatKroner(fact.min)}–${fact.max === null ? '?' : formatKroner(fact.max)}`;
  return `${fact.text} (${scale.unit}) = ${kroner} kr.`;
}

/** The unit of a series as written after a value. */
export function seriesUnit(series: Series): string {
  return series.unit === 'percent' ? '%' : series.unit === 'DKK' ? 'DKK' : '';
}

/** The points of a series in one line: "2013: 5.7 %; 2014: 5.9 %". */
export function describeSeriesPoints(series: Series): string {
  const unit = seriesUnit(series);
  return series.points.map((p) => `${p.label}: ${p.value}${unit ? ` ${unit}` : ''}`).join('; ');
}
