/**
 * Calendar dates and months: "1. januar 2016", "14. juni 2018", "juni 2016", "juni måned 2022",
 * "31.12.2019", "19-08-2025", "2019-12-31", "19/8-2025", "1. sept. 2017".
 *
 * The fact's text is the date itself; a leading "den"/"pr." is left out (it is not part of the value,
 * and keeping it would make "den 1. juli" and "1. juli" different surfaces for the same date).
 * Impossible dates ("31. februar 2017") are rejected, not clamped.
 */
import type { DateFact } from '../schemas/fact.js';
import { wordAlternation } from './numbers.js';
import { rx, type Rule } from './rules.js';

/** The Danish months, with the abbreviations in use (which must carry their dot: "jan.", "sept."). */
export const MONTHS: readonly { readonly name: string; readonly abbreviations: readonly string[] }[] = [
  { name: 'januar', abbreviations: ['jan'] },
  { name: 'februar', abbreviations: ['feb', 'febr'] },
  { name: 'marts', abbreviations: ['mar', 'mrt'] },
  { name: 'april', abbreviations: ['apr'] },
  { name: 'maj', abbreviations: [] },
  { name: 'juni', abbreviations: ['jun'] },
  { name: 'juli', abbreviations: ['jul'] },
  { name: 'august', abbreviations: ['aug'] },
  { name: 'september', abbreviations: ['sep', 'sept'] },
  { name: 'oktober', abbreviations: ['okt'] },
  { name: 'november', abbreviations: ['nov'] },
  { name: 'december', abbreviations: ['dec'] },
];

/** Lower-case month name or abbreviation (without dot) → month number 1–12. */
const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((m, i) => [[m.name, i + 1] as const, ...m.abbreviations.map((a) => [a, i + 1] as const)]),
);

/**
 * A month name or dotted abbreviation ("jan.", "sept."), as a regex source with word boundaries. Only the
 * first letter may be capitalised.
 */
export const MONTH = String.raw`(?:${wordAlternation(
  MONTHS.flatMap((m) => [m.name, ...m.abbreviations.map((a) => `${a}.`)]),
  true,
)})(?![\p{L}])`;

/** Cheap test for any month word (stems, case-insensitive), guarding the month-based rules. */
export const MONTH_GUARD = /jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec/i;

/** A four-digit year in the range the extractors accept (1900–2100). */
export const YEAR = String.raw`(?:19\d\d|20\d\d|2100)`;

/** Month number of a month word ("Januar", "sept." → 9), or null. */
export function monthNumber(word: string): number | null {
  return MONTH_NUMBER.get(word.toLowerCase().replace(/\.$/, '')) ?? null;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids any time-zone shift.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar day (no 31. februar, 29. februar only in leap years). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Zero-pads to two digits. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM` or `YYYY-MM-DD`. */
export function isoDate(year: number, month: number, day?: number): string {
  return day === undefined ? `${year}-${pad2(month)}` : `${year}-${pad2(month)}-${pad2(day)}`;
}

/** A day number right before a month name ("31. " in "31. februar"). */
const DAY_BEFORE = /(?<![\p{N}.,])\d{1,2}(?:\.\s?|\s+)$/u;

function dayFact(text: string, m: RegExpExecArray, year: number, month: number | null, day: number): DateFact | null {
  if (month === null || !isValidDate(year, month, day)) return null;
  const end = m.index + m[0].length;
  return { kind: 'date', text: m[0], span: [m.index, end], value: isoDate(year, month, day), grain: 'day' };
}

/** Date rules. */
export const DATE_RULES: readonly Rule[] = [
  {
    // "1. januar 2016", "14. juni 2018", "1 juli 2025", "3. sept. 2017"
    name: 'date.day-month-year',
    guard: MONTH_GUARD,
    kind: 'date',
    pattern: rx(String.raw`(?<![\p{L}\p{N}.,])(?<d>[0-3]?\d)(?:\.\s?|\s+)(?<mon>${MONTH})\s+(?<y>${YEAR})(?![\p{N}])`),
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), monthNumber(g.mon!), Number(g.d));
    },
  },
  {
    // "juni 2016", "juni måned 2022", "sept. 2017": grain month
    name: 'date.month-year',
    guard: MONTH_GUARD,
    kind: 'date',
    pattern: rx(String.raw`(?<mon>${MONTH})(?:\s+måned)?\s+(?<y>${YEAR})(?![\p{N}])`),
    build: (m, text) => {
      const g = m.groups!;
      const month = monthNumber(g.mon!);
      if (month === null) return null;
      // "31. februar 2017": the day rule rejected the date; its month alone would pass a typo off as a fact.
      if (DAY_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index))) return null;
      return {
        kind: 'date',
        text: m[0],
        span: [m.index, m.index + m[0].length],
        value: isoDate(Number(g.y), month),
        grain: 'month',
      };
    },
  },
  {
    // "31.12.2019", "19-08-2025", "1/7/2025": day first, the same separator twice
    name: 'date.numeric-dmy',
    guard: /\d[.\-/]\d{1,2}[.\-/]\d{4}/,
    kind: 'date',
    pattern: rx(String.raw`(?<![\p{L}\p{N}.,/\-])(?<d>[0-3]?\d)(?<sep>[.\-/])(?<mo>[01]?\d)\k<sep>(?<y>${YEAR})(?![\p{N}]|[.,\-/]\d)`),
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
  {
    // "19/8-2025", "19/8 2025": the traditional Danish short form
    name: 'date.slash-dash',
    guard: /\d\/\d/,
    kind: 'date',
    pattern: rx(String.raw`(?<![\p{L}\p{N}.,/\-])(?<d>[0-3]?\d)\/(?<mo>[01]?\d)[\- ](?<y>${YEAR})(?![\p{N}]|[.,\-/]\d)`),
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
  {
    // "2019-12-31"
    name: 'date.iso',
    guard: /\d{4}-\d\d-\d/,
    kind: 'date',
    pattern: rx(String.raw`(?<![\p{L}\p{N}.,/\-])(?<y>${YEAR})-(?<mo>[01]\d)-(?<d>[0-3]\d)(?![\p{N}]|[.,\-/]\d)`),
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
];
