/**
 * Normalized values written the Danish way, as a Danish reader writes them: "2,5 mia. kr.",
 * "5,7 pct.", "1.200 boliger", "23. april 2017", "2014–2017". For the review page, next to the
 * normalized value, so a person can compare the figure with the source at a glance. Deterministic
 * (no locale of the machine is read).
 */
import type { Fact, Series } from '../schemas/fact.js';

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

const QUALIFIER_WORDS: Readonly<Record<string, string>> = { gt: 'over ', gte: 'mindst ', lt: 'under ', lte: 'op til ' };

/** A number with "." between thousands and a decimal comma, at most `decimals` decimals (trailing zeros dropped): 1234567.5 → "1.234.567,5". */
export function danishNumber(n: number, decimals = 2): string {
  const fixed = Math.abs(n).toFixed(decimals).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = n < 0 && fixed !== '0' ? '-' : '';
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** The scale a sum of kroner is written in: "mia. kr." from a billion, "mio. kr." from a million, else "kr.". */
function kronerScale(n: number): { factor: number; unit: string } {
  const a = Math.abs(n);
  if (a >= 1e9) return { factor: 1e9, unit: 'mia. kr.' };
  if (a >= 1e6) return { factor: 1e6, unit: 'mio. kr.' };
  return { factor: 1, unit: 'kr.' };
}

/** Kroner the Danish way: 2500000000 → "2,5 mia. kr.", 1600000 → "1,6 mio. kr.", 1500 → "1.500 kr.". */
export function danishKroner(n: number): string {
  const { factor, unit } = kronerScale(n);
  return `${danishNumber(n / factor, factor === 1 ? 2 : 3)} ${unit}`;
}

function range(f: { value: number | null; min: number | null; max: number | null }, write: (n: number) => string, unit: string): string {
  if (f.value !== null) return `${write(f.value)}${unit}`;
  return `${f.min === null ? '?' : write(f.min)}–${f.max === null ? '?' : write(f.max)}${unit}`;
}

function lead(f: { approx: boolean; qualifier: string | null }): string {
  return `${f.qualifier ? (QUALIFIER_WORDS[f.qualifier] ?? '') : ''}${f.approx ? 'ca. ' : ''}`;
}

/** A date value (`YYYY-MM-DD`, `YYYY-MM`, `--MM-DD`) in Danish words: "23. april 2017", "april 2017", "23. april". */
export function danishDate(value: string): string {
  const m = /^(\d{4}|-)-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const month = MONTHS[Number(m[2]) - 1] ?? m[2]!;
  const year = m[1] === '-' ? '' : ` ${m[1]}`;
  return m[3] ? `${Number(m[3])}. ${month}${year}` : `${month}${year}`;
}

/** A fact's normalized value written the Danish way. */
export function danishFactValue(fact: Fact): string {
  switch (fact.kind) {
    case 'money': {
      // A range is written in the scale of its larger end ("2–3 mio. kr.").
      const top = Math.max(Math.abs(fact.value ?? 0), Math.abs(fact.min ?? 0), Math.abs(fact.max ?? 0));
      const { factor, unit } = kronerScale(top);
      const per = fact.per === 'year' ? ' årligt' : fact.per === 'month' ? ' om måneden' : '';
      return `${lead(fact)}${range(fact, (n) => danishNumber(n / factor, factor === 1 ? 2 : 3), ` ${unit}`)}${per}`;
    }
    case 'percent':
      return `${lead(fact)}${range(fact, (n) => danishNumber(n), ' pct.')}`;
    case 'quantity':
      return `${lead(fact)}${range(fact, (n) => danishNumber(n), ` ${fact.unit}`)}`;
    case 'date':
      return danishDate(fact.value);
    case 'period':
      return fact.grain === 'year' ? `${fact.start}–${fact.end}` : `${danishDate(fact.start)}–${danishDate(fact.end)}`;
    case 'year':
      return String(fact.value);
  }
}

/** The unit of a series' values as a Danish axis label: "pct.", "kr.", "antal". */
export function danishSeriesUnit(series: Pick<Series, 'unit'>): string {
  return series.unit === 'percent' ? 'pct.' : series.unit === 'DKK' ? 'kr.' : 'antal';
}

/** A value of a series the Danish way, with its unit: "5,7 pct.", "1,6 mio. kr.", "1.200". */
export function danishSeriesValue(series: Pick<Series, 'unit'>, value: number): string {
  if (series.unit === 'DKK') return danishKroner(value);
  return series.unit === 'percent' ? `${danishNumber(value)} pct.` : danishNumber(value);
}
