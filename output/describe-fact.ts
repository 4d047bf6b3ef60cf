/**
 * Facts and series in words, for people: the normalized value of a fact ("≈ 1600000 DKK per year"),
 * the points of a series. Shared by the semantic diff and the review page. Locale-free and
 * deterministic: numbers are written as JavaScript writes them.
 */
import type { Fact, Series } from '../schemas/fact.js';

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

/** The normalized value of a fact, without its kind: "≥ 1600000 DKK per year", "5.7 %", "2014 – 2017 (year)". */
export function describeFactValue(fact: Fact): string {
  switch (fact.kind) {
    case 'money':
      return `${prefix(fact)}${amount(fact)} ${fact.currency}${fact.per ? ` per ${fact.per}` : ''}`;
    case 'percent':
      return `${prefix(fact)}${amount(fact)} %`;
    case 'quantity':
      return `${prefix(fact)}${amount(fact)} ${fact.unit}`;
    case 'date':
      return `${fact.value} (${fact.grain})`;
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

/** The unit of a series as written after a value. */
export function seriesUnit(series: Series): string {
  return series.unit === 'percent' ? '%' : series.unit === 'DKK' ? 'DKK' : '';
}

/** The points of a series in one line: "2013: 5.7 %; 2014: 5.9 %". */
export function describeSeriesPoints(series: Series): string {
  const unit = seriesUnit(series);
  return series.points.map((p) => `${p.label}: ${p.value}${unit ? ` ${unit}` : ''}`).join('; ');
}
