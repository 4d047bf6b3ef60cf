/**
 * Calendar dates and months: "1. januar 2016", "14. juni 2018", "juni 2016", "juni måned 2022",
 * "31.12.2019", "19-08-2025", "2019-12-31", "19/8-2025", "1. sept. 2017".
 *
 * The fact's text is the date itself; a leading "den"/"pr." is left out (it is not part of the value,
 * and keeping it would make "den 1. juli" and "1. juli" different surfaces for the same date).
 * Impossible dates ("31. februar 2017") are rejected, not clamped. A date with its year written has
 * `yearFrom: "text"`.
 *
 * Dates without a year (status tables write "23. april", "afholdt 27/11", "KTMU 25. april (pkt. 6)"):
 * - "D. måned" ("23. april", "den 3. maj", "23 april"): a real month name (or its dotted abbreviation) is
 *   required, so "1. halvår", "2. kvartal", "1. Ny ældrelov", "pkt. 6" and "kl. 14" are never dates. Not
 *   before a hyphen and a letter ("3. maj-møde"), not after an identifier word ("nr. 3 maj"), and not when a
 *   year follows on the line (then the dated rule decides, also when it rejects the date as impossible).
 * - "D/M" ("27/11"): day 1–31 and month 1–12, a real day of that month, and context saying it is a date:
 *   a date word right before it ("d.", "den", "dato", "pr.", "per", "afholdt", "møde", "senest", "indtil",
 *   "inden", "siden", "frist", "deadline", "f.o.m.", "t.o.m.", a weekday), a committee abbreviation of
 *   capitals right before it ("KTMU 27/11", "BY 12/12"), or the line or cell holding nothing else (or the date
 *   and a colon: "27/11: Temamøde"). Never a fraction or a size ("2/3 af borgerne", "1/2 del", "åbent 24/7",
 *   "2/3" in a sentence), never a number in a run ("1/2/3", "19/8-2025" is a dated form, "27/11-24" is left
 *   alone), and never before "%". "fra" and "til" are not date words: "steget til 2/3" is a fraction.
 * - Value: with a `referenceYear`, `YYYY-MM-DD` and `yearFrom: "report"`; without one, ISO 8601's `--MM-DD`
 *   and `yearFrom: null`. A date coordinated with a dated one takes its year instead ("i november / december
 *   2021", "den 23. april og 5. maj 2025" → `yearFrom: "text"`: the year is written, just not inside the
 *   fact). "29. februar" is accepted without a year (it exists in leap years); with a reference year that is
 *   not a leap year it keeps its open year (`--02-29`, `yearFrom: null`) rather than being moved or dropped.
 *   A date range whose ends lack a year is joined by `dateRangePass` (see `periods.ts`).
 * - A month alone ("i april", "fra januar til marts") is too vague without a year: no fact. With a
 *   `referenceYear` it is a month date (`YYYY-MM`, `yearFrom: "report"`) when a preposition introduces it
 *   ("i", "fra", "til", "siden", "inden", "før", "efter", "primo", "medio", "ultimo", "af", "pr.", "per"),
 *   and not when it opens a range without a year ("januar-marts"): the fact's text is the month name
 *   (and a following "måned").
 */
import type { DateFact } from '../schemas/fact.js';
import { isIdentifierNumber } from './context.js';
import { DIGIT_CHARS, wordAlternation, wordOpenings } from './numbers.js';
import { defineRules, type Rule, type RuleContext } from './rules.js';
import { BREAK, HS, HS_LIST } from './spaces.js';

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

/** The openings of the month words: where a rule that begins with a month can start (see `Rule.starts`). */
export const MONTH_STARTS: readonly string[] = wordOpenings(MONTHS.flatMap((m) => [m.name, ...m.abbreviations]));

/** A four-digit year in the range the extractors accept (1900–2100). */
export const YEAR = String.raw`(?:19\d\d|20\d\d|2100)`;

/** The first digits of a {@link YEAR}: where a rule that begins with a year can start. */
export const YEAR_STARTS: readonly string[] = ['1', '2'];

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
const DAY_BEFORE = new RegExp(String.raw`(?<![\p{N}.,])\d{1,2}(?:\.${HS}?|${HS}+)$`, 'u');

/** A year on the same line right after a yearless form: then the dated rule reads it. */
const YEAR_AFTER = String.raw`${HS}+(?:måned${HS}+)?${YEAR}(?![\p{N}])`;

/**
 * A later date with a year, joined to a yearless one by "og", "eller", "samt", "/", "&" or commas (up to six
 * dates in the list): the year is written for all ("i november / december 2021", "den 23. april, 5. maj og
 * 6. juni 2025"). Ranges ("-", "til") are not here: `dateRangePass` joins those, and there the first end may
 * lie in the year before.
 */
const COORDINATED_YEAR = new RegExp(
  String.raw`(?:${HS}*(?:,|&|\/|og|eller|samt)${HS}*(?:[0-3]?\d(?:\.${HS}?|${HS}+))?${MONTH}(?:${HS}+måned)?){1,6}${HS}+(?<y>${YEAR})(?![\p{N}])`,
  'uy',
);

/** The year written on a date coordinated with the yearless one ending at `end`, or null. */
function coordinatedYear(text: string, end: number): number | null {
  COORDINATED_YEAR.lastIndex = end;
  const m = COORDINATED_YEAR.exec(text);
  return m ? Number(m.groups!.y) : null;
}

function dayFact(text: string, m: RegExpExecArray, year: number, month: number | null, day: number): DateFact | null {
  if (month === null || !isValidDate(year, month, day)) return null;
  const end = m.index + m[0].length;
  return { kind: 'date', text: m[0], span: [m.index, end], value: isoDate(year, month, day), grain: 'day', yearFrom: 'text' };
}

/**
 * The fact of a day written without a year: the year of a coordinated date ("23. april og 5. maj 2025"), else
 * the reference year, when the day exists in it; else the open year (`--MM-DD`). 2000 is a leap year, so
 * "29. februar" exists without a year.
 */
function yearlessDayFact(
  m: RegExpExecArray,
  text: string,
  month: number | null,
  day: number,
  context: RuleContext,
): DateFact | null {
  if (month === null || !isValidDate(2000, month, day)) return null;
  const end = m.index + m[0].length;
  const written = coordinatedYear(text, end);
  const year = written ?? context.referenceYear;
  const dated = year !== null && isValidDate(year, month, day);
  return {
    kind: 'date',
    text: m[0],
    span: [m.index, end],
    value: dated ? isoDate(year, month, day) : `--${pad2(month)}-${pad2(day)}`,
    grain: 'day',
    yearFrom: dated ? (written !== null ? 'text' : 'report') : null,
  };
}

/** Words after which "27/11" is a date. Case-insensitive; "d." and "den" are the common ones. */
const DATE_WORD_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:d\.|den|dato(?:en)?|pr\.|per|afholdt|afholdes|afholder|møde(?:t|r|rne)?|senest|indtil|inden|siden|frist(?:en)?|deadline|f\.o\.m\.?|t\.o\.m\.?|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man\.|tirs?\.|ons\.|tors?\.|fre\.|lør\.|søn\.)${HS}*$`,
  'iu',
);

/** A committee abbreviation right before "27/11": "KTMU 27/11", "BY 12/12" (capitals only, case-sensitive). */
const COMMITTEE_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])\p{Lu}{2,6}${HS}+$`, 'u');

/** After "2/3": words that make it a fraction ("2/3 af borgerne", "1/2 del"). */
const FRACTION_AFTER = new RegExp(String.raw`^${HS}+(?:af|dele?|delen|andel(?:en)?)(?![\p{L}])`, 'iu');

/** After a date that fills its line: nothing but spaces and a full stop, or a colon ("27/11: Temamøde"). */
const LINE_REST = new RegExp(String.raw`${HS}*(?:\.?${HS}*(?:${BREAK}|$)|:)`, 'uy');

/** Horizontal space, then an optional list bullet and more space, then the start of the text or a line break. */
const LINE_START_BEFORE = new RegExp(String.raw`(?:^|${BREAK})${HS}*(?:[-•*]${HS}*)?$`, 'u');

const BREAK_START = new RegExp(`^${BREAK}`, 'u');

/** True when only horizontal space (and a list bullet) stands between the start of the line and `at`. */
function opensLine(text: string, at: number): boolean {
  // A window keeps the cost constant; its start only counts as a line start when it is the text's start.
  const from = Math.max(0, at - 32);
  const m = LINE_START_BEFORE.exec(text.slice(from, at));
  // Past the text's start, the match must begin at a line break (a window of nothing but spaces proves nothing).
  return m !== null && (from === 0 || (m[0].length > 0 && BREAK_START.test(m[0])));
}

/** True when "27/11" at `m` reads as a date: a date word or committee before it, or a line of its own. */
function dayMonthInContext(text: string, m: RegExpExecArray): boolean {
  const end = m.index + m[0].length;
  if (FRACTION_AFTER.test(text.slice(end, end + 12))) return false;
  const before = text.slice(Math.max(0, m.index - 24), m.index);
  if (DATE_WORD_BEFORE.test(before) || COMMITTEE_BEFORE.test(before)) return true;
  LINE_REST.lastIndex = end;
  return opensLine(text, m.index) && LINE_REST.test(text);
}

/** Date rules. */
export const DATE_RULES: readonly Rule[] = defineRules([
  {
    // "1. januar 2016", "14. juni 2018", "1 juli 2025", "3. sept. 2017"
    name: 'date.day-month-year',
    starts: [...DIGIT_CHARS],
    digitRun: { lengths: [1, 2], next: `.${HS_LIST}` },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,])(?<d>[0-3]?\d)(?:\.${HS}?|${HS}+)(?<mon>${MONTH})${HS}+(?<y>${YEAR})(?![\p{N}])`,
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), monthNumber(g.mon!), Number(g.d));
    },
  },
  {
    // "juni 2016", "juni måned 2022", "sept. 2017": grain month
    name: 'date.month-year',
    starts: MONTH_STARTS,
    kind: 'date',
    source: String.raw`(?<mon>${MONTH})(?:${HS}+måned)?${HS}+(?<y>${YEAR})(?![\p{N}])`,
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
        yearFrom: 'text',
      };
    },
  },
  {
    // "31.12.2019", "19-08-2025", "1/7/2025": day first, the same separator twice
    name: 'date.numeric-dmy',
    starts: [...DIGIT_CHARS],
    digitRun: { lengths: [1, 2], next: '.-/' },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,/\-])(?<d>[0-3]?\d)(?<sep>[.\-/])(?<mo>[01]?\d)\k<sep>(?<y>${YEAR})(?![\p{N}]|[.,\-/]\d)`,
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
  {
    // "19/8-2025", "19/8 2025": the traditional Danish short form
    name: 'date.slash-dash',
    starts: [...DIGIT_CHARS],
    digitRun: { lengths: [1, 2], next: '/' },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,/\-])(?<d>[0-3]?\d)\/(?<mo>[01]?\d)(?:-|${HS})(?<y>${YEAR})(?![\p{N}]|[.,\-/]\d)`,
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
  {
    // "2019-12-31"
    name: 'date.iso',
    starts: YEAR_STARTS,
    digitRun: { lengths: [4], next: '-' },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,/\-])(?<y>${YEAR})-(?<mo>[01]\d)-(?<d>[0-3]\d)(?![\p{N}]|[.,\-/]\d)`,
    build: (m, text) => {
      const g = m.groups!;
      return dayFact(text, m, Number(g.y), Number(g.mo), Number(g.d));
    },
  },
  {
    // "23. april", "den 3. maj", "KTMU 25. april (pkt. 6)": a day and a month name, no year
    name: 'date.day-month',
    starts: [...DIGIT_CHARS],
    digitRun: { lengths: [1, 2], next: `.${HS_LIST}` },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,])(?<d>[0-3]?\d)(?:\.${HS}?|${HS}+)(?<mon>${MONTH})(?!-\p{L})(?!${YEAR_AFTER})`,
    build: (m, text, context) => {
      if (isIdentifierNumber(text, m.index)) return null;
      const g = m.groups!;
      return yearlessDayFact(m, text, monthNumber(g.mon!), Number(g.d), context);
    },
  },
  {
    // "d. 27/11", "afholdt 27/11", "KTMU 27/11", a cell holding "27/11": day/month, no year, in date context
    name: 'date.day-slash-month',
    starts: [...DIGIT_CHARS],
    digitRun: { lengths: [1, 2], next: '/' },
    kind: 'date',
    source: String.raw`(?<![\p{L}\p{N}.,/\-\u2013])(?<d>[0-3]?\d)\/(?<mo>[01]?\d)(?![\p{N}]|[.,\-\u2013/]\d|${HS}?%|${YEAR_AFTER})`,
    build: (m, text, context) => {
      if (!dayMonthInContext(text, m)) return null;
      const g = m.groups!;
      const month = Number(g.mo);
      return month >= 1 && month <= 12 ? yearlessDayFact(m, text, month, Number(g.d), context) : null;
    },
  },
  {
    // With a reference year only: "i april", "fra januar til marts" (→ a period, see `dateRangePass`)
    name: 'date.month',
    starts: wordOpenings(['i', 'fra', 'til', 'siden', 'inden', 'før', 'efter', 'primo', 'medio', 'ultimo', 'af', 'pr.', 'per']),
    kind: 'date',
    enabled: (context) => context.referenceYear !== null,
    source: String.raw`(?<![\p{L}])(?:[Ii]|[Ff]ra|[Tt]il|[Ss]iden|[Ii]nden|[Ff]ør|[Ee]fter|[Pp]rimo|[Mm]edio|[Uu]ltimo|af|pr\.|per)${HS}+(?<mon>${MONTH})(?<word>${HS}+måned)?(?![\p{L}]|-\p{L}|${HS}?[-\u2013]${HS}?\p{L}|${YEAR_AFTER})`,
    build: (m, text, context) => {
      const g = m.groups!;
      const month = monthNumber(g.mon!);
      if (month === null || context.referenceYear === null) return null;
      const end = m.index + m[0].length;
      const start = end - g.mon!.length - (g.word?.length ?? 0);
      const written = coordinatedYear(text, end);
      return {
        kind: 'date',
        text: m[0].slice(start - m.index),
        span: [start, end],
        value: isoDate(written ?? context.referenceYear, month),
        grain: 'month',
        yearFrom: written !== null ? 'text' : 'report',
      };
    },
  },
]);
