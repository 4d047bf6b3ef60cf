/**
 * Spans of time. `start` and `end` are inclusive; their precision says what is known.
 *
 * Conventions (Danish usage has no single standard, so these are ours):
 * - year ranges: "2014-2017" and "2014-19" → 2014..2017 / 2014..2019, grain `year`; so are
 *   "fra 2016 til 2019", "fra og med 2016 til og med 2019", "mellem 2016 og 2019" and "2014/15".
 * - halves: "1. halvår 2017", "første halvår af 2017", "H1 2017" → 2017-01..2017-06; the second half
 *   ("2. halvår", "andet/anden/sidste halvår") → 07..12. Grain `half`.
 * - quarters: "1. kvartal 2014", "Q1 2014" → 2014-01..2014-03; "1.-3. kvartal 2017" and "2017 (1-3. kv.)"
 *   → 2017-01..2017-09. Grain `quarter`.
 * - seasons (meteorological): forår 03..05, sommer 06..08, efterår 09..11, vinter 12..02 of the next year
 *   ("vinteren 2017" and "vinteren 2017/18" → 2017-12..2018-02). Grain `season`.
 * - parts of a year, by thirds: primo / "starten af" / "begyndelsen af" → 01..04, medio / "midten af" → 05..08,
 *   ultimo / "slutningen af" → 09..12. Grain `part`.
 * - month ranges: "januar-marts 2018", "fra januar til marts 2018", and any "fra <date> til <date>" /
 *   "<date> - <date>" → the two dates as start and end. Grain `part` (an arbitrary stretch of months/days).
 *   An end written without a year takes the other end's ("23. april - 5. maj 2025"), or the report's
 *   (`referenceYear`, "fra 23. april til 5. maj"); with no year anywhere there is no period.
 */
import type { DateFact, PeriodFact } from '../schemas/fact.js';
import { isIdentifierNumber } from './context.js';
import { MONTH, MONTH_STARTS, YEAR, YEAR_STARTS, isValidDate, monthNumber, pad2 } from './dates.js';
import { wordOpenings } from './numbers.js';
import { defineRules, type Candidate, type CombiningPass, type Rule } from './rules.js';
import { HS, HS_LIST } from './spaces.js';

type Grain = PeriodFact['grain'];

/** Where a year-led period may start: not glued to a word, number, "§", "/" or a dash. */
const YEAR_START = String.raw`(?<![\p{L}\p{N}.,/§\-\u2013])`;
/** A year must not continue into more digits or a decimal. */
const YEAR_END = String.raw`(?![\p{N}]|[.,]\d)`;

/** The period fact for a whole match. */
function period(m: RegExpExecArray, start: string, end: string, grain: Grain): PeriodFact {
  return { kind: 'period', text: m[0], span: [m.index, m.index + m[0].length], start, end, grain };
}

/** `YYYY-MM` bounds for months `first`..`last` of `year`. */
function months(year: number, first: number, last: number): [string, string] {
  return [`${year}-${pad2(first)}`, `${year}-${pad2(last)}`];
}

const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  første: 1,
  andet: 2,
  anden: 2,
  tredje: 3,
  fjerde: 4,
};

/** Ordinal number of "1"/"første"/…; "sidste" is the last of `count` parts. */
function ordinal(digit: string | undefined, word: string | undefined, count: number): number | null {
  if (digit) return Number(digit);
  if (!word) return null;
  const w = word.toLowerCase();
  if (w === 'sidste') return count;
  return ORDINAL_WORDS[w] ?? null;
}

const ORDINAL_WORD = '[Ff]ørste|[Aa]ndet|[Aa]nden|[Tt]redje|[Ff]jerde|[Ss]idste';
/** The openings of {@link ORDINAL_WORD}'s words (see `Rule.starts`). */
const ORDINAL_STARTS = wordOpenings([...Object.keys(ORDINAL_WORDS), 'sidste']);
const QUARTER_WORD = String.raw`(?:kvartal(?:et)?|kvt\.?|kv\.?)`;
/** Optional "af"/"i" between a part and its year: "første halvår af 2017". */
const OF = String.raw`(?:(?:af|i)${HS}+)?`;

/** Seasons: first month and how many months (winter runs into the next year). */
const SEASONS: Readonly<Record<string, number>> = { forår: 3, sommer: 6, efterår: 9, vinter: 12 };

/** Parts of a year by thirds. */
const PARTS: Readonly<Record<string, number>> = {
  primo: 1,
  starten: 1,
  begyndelsen: 1,
  medio: 5,
  midten: 5,
  ultimo: 9,
  slutningen: 9,
};

/** Period rules. */
export const PERIOD_RULES: readonly Rule[] = defineRules([
  {
    // "2014-2017", "2014 – 2017", "2014-19", "2014/15"
    name: 'period.year-range',
    starts: YEAR_STARTS,
    digitRun: { lengths: [4], next: `${HS_LIST}-\u2013\u2014/` },
    kind: 'period',
    source: String.raw`${YEAR_START}(?<a>${YEAR})(?:${HS}?[-\u2013\u2014]${HS}?(?<b4>${YEAR})|[-\u2013\/](?<b4s>${YEAR})|[-\u2013\/](?<b2>\d{2}))(?![\p{N}]|[.,\-\u2013]\d)`,
    build: (m, text) => {
      if (isIdentifierNumber(text, m.index)) return null;
      const g = m.groups!;
      const a = Number(g.a);
      const b = g.b2 !== undefined ? Math.floor(a / 100) * 100 + Number(g.b2) : Number(g.b4 ?? g.b4s);
      if (!(a < b && b - a <= 100)) return null;
      return period(m, String(a), String(b), 'year');
    },
  },
  {
    // "fra 2016 til 2019", "fra og med 2016 til og med 2019", "2016 til 2019", "mellem 2016 og 2019"
    name: 'period.from-to-years',
    starts: [...YEAR_STARTS, ...wordOpenings(['fra', 'mellem'])],
    digitRun: { lengths: [4], next: HS_LIST },
    kind: 'period',
    source: String.raw`${YEAR_START}(?:(?:[Ff]ra${HS}+(?:og${HS}+med${HS}+)?)?(?<a>${YEAR})${HS}+til${HS}+(?:og${HS}+med${HS}+)?(?<b>${YEAR})|[Mm]ellem${HS}+(?<ma>${YEAR})${HS}+og${HS}+(?<mb>${YEAR}))${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const a = Number(g.a ?? g.ma);
      const b = Number(g.b ?? g.mb);
      return a < b ? period(m, String(a), String(b), 'year') : null;
    },
  },
  {
    // "1. halvår 2017", "første halvår af 2017", "andet halvår af 2017", "2. halvdel af 2017"
    name: 'period.half',
    starts: ['1', '2', ...ORDINAL_STARTS],
    digitRun: { lengths: [1], next: '.' },
    kind: 'period',
    source: String.raw`(?<![\p{L}\p{N}.,])(?:(?<n>[12])\.${HS}?|(?<w>${ORDINAL_WORD})${HS}+)(?:halvår|halvdel)(?:et|en)?${HS}+${OF}(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const half = ordinal(g.n, g.w, 2);
      if (half === null || half > 2) return null;
      const [s, e] = months(Number(g.y), half === 1 ? 1 : 7, half === 1 ? 6 : 12);
      return period(m, s, e, 'half');
    },
  },
  {
    // "H1 2017", "2H 2017"
    name: 'period.half-code',
    starts: ['H', '1', '2'],
    digitRun: { lengths: [1], next: 'H' },
    kind: 'period',
    source: String.raw`(?<![\p{L}\p{N}])(?:H(?<a>[12])|(?<b>[12])H)(?:${HS}|-)?(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const half = Number(g.a ?? g.b);
      const [s, e] = months(Number(g.y), half === 1 ? 1 : 7, half === 1 ? 6 : 12);
      return period(m, s, e, 'half');
    },
  },
  {
    // "1. kvartal 2014", "første kvartal 2014", "4. kvt. 2018", "1.-3. kvartal 2017"
    name: 'period.quarter',
    starts: ['1', '2', '3', '4', ...ORDINAL_STARTS],
    digitRun: { lengths: [1], next: `.${HS_LIST}-\u2013` },
    kind: 'period',
    source: String.raw`(?<![\p{L}\p{N}.,])(?:(?:(?<r>[1-4])\.?${HS}?[-\u2013]${HS}?)?(?<n>[1-4])\.${HS}?|(?<w>${ORDINAL_WORD})${HS}+)${QUARTER_WORD}${HS}+${OF}(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const last = ordinal(g.n, g.w, 4);
      const first = g.r ? Number(g.r) : last;
      if (last === null || first === null || first > last) return null;
      const [s, e] = months(Number(g.y), first * 3 - 2, last * 3);
      return period(m, s, e, 'quarter');
    },
  },
  {
    // "Q1 2014", "Q3-2017"
    name: 'period.quarter-code',
    starts: ['Q'],
    kind: 'period',
    source: String.raw`(?<![\p{L}\p{N}])Q(?<n>[1-4])(?:${HS}|-)?(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const q = Number(g.n);
      const [s, e] = months(Number(g.y), q * 3 - 2, q * 3);
      return period(m, s, e, 'quarter');
    },
  },
  {
    // "2017 (1-3. kv.)", "2017 (1. kvartal)", "2017 (1.-3. kvt.)": a year narrowed by quarters in brackets
    name: 'period.year-quarters',
    starts: YEAR_STARTS,
    digitRun: { lengths: [4], next: `${HS_LIST}(` },
    kind: 'period',
    source: String.raw`${YEAR_START}(?<y>${YEAR})${HS}?\(${HS}?(?<a>[1-4])\.?${HS}?(?:[-\u2013]${HS}?(?<b>[1-4])\.?${HS}?)?${QUARTER_WORD}${HS}?\)`,
    build: (m) => {
      const g = m.groups!;
      const first = Number(g.a);
      const last = g.b ? Number(g.b) : first;
      if (first > last) return null;
      const [s, e] = months(Number(g.y), first * 3 - 2, last * 3);
      return period(m, s, e, 'quarter');
    },
  },
  {
    // "efterår 2017", "efteråret 2017", "foråret 2019", "sommeren 2018", "vinteren 2017/18"
    name: 'period.season',
    starts: wordOpenings(Object.keys(SEASONS)),
    kind: 'period',
    source: String.raw`(?<![\p{L}])(?<s>[Ff]orår|[Ss]ommer|[Ee]fterår|[Vv]inter)(?:et|en)?${HS}+${OF}(?<y>${YEAR})(?:\/(?<y2>\d{2}|\d{4}))?${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const year = Number(g.y);
      const first = SEASONS[g.s!.toLowerCase()]!;
      if (first === 12) {
        if (g.y2 !== undefined && Number(g.y2) % 100 !== (year + 1) % 100) return null;
        return period(m, `${year}-12`, `${year + 1}-02`, 'season');
      }
      if (g.y2 !== undefined) return null;
      const [s, e] = months(year, first, first + 2);
      return period(m, s, e, 'season');
    },
  },
  {
    // "primo 2018", "medio 2019", "ultimo 2020", "i starten af 2018", "slutningen af 2017"
    name: 'period.part',
    starts: wordOpenings(Object.keys(PARTS)),
    kind: 'period',
    source: String.raw`(?<![\p{L}])(?:(?<p>[Pp]rimo|[Mm]edio|[Uu]ltimo)|(?<q>starten|begyndelsen|midten|slutningen)${HS}+af)${HS}+(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const first = PARTS[(g.p ?? g.q)!.toLowerCase()]!;
      const [s, e] = months(Number(g.y), first, first + 3);
      return period(m, s, e, 'part');
    },
  },
  {
    // "januar-marts 2018", "fra januar til marts 2018"
    name: 'period.month-range',
    starts: [...wordOpenings(['fra']), ...MONTH_STARTS],
    kind: 'period',
    source: String.raw`(?:(?<![\p{L}])[Ff]ra${HS}+(?<fm1>${MONTH})${HS}+til${HS}+(?:og${HS}+med${HS}+)?(?<fm2>${MONTH})|(?<m1>${MONTH})${HS}?[-\u2013]${HS}?(?<m2>${MONTH}))${HS}+(?<y>${YEAR})${YEAR_END}`,
    build: (m) => {
      const g = m.groups!;
      const a = monthNumber((g.m1 ?? g.fm1)!);
      const b = monthNumber((g.m2 ?? g.fm2)!);
      if (a === null || b === null || a >= b) return null;
      const [s, e] = months(Number(g.y), a, b);
      return period(m, s, e, 'part');
    },
  },
]);

/** The words between two dates that make them a range. */
const DATE_LINK = new RegExp(String.raw`${HS}?[-\u2013]${HS}?|${HS}+til${HS}+(?:og${HS}+med${HS}+)?`, 'uy');
/** "fra"/"fra og med" right before the first date, included in the period's text. */
const FROM_BEFORE = new RegExp(String.raw`(?<![\p{L}])[Ff]ra${HS}+(?:og${HS}+med${HS}+)?$`, 'u');

/** The year, month and day of a date fact's value ("2017-06-01", "2017-06", "--06-01", "--06"). */
function partsOf(value: string): { year: number | null; rest: string } {
  return value.startsWith('--') ? { year: null, rest: value.slice(1) } : { year: Number(value.slice(0, 4)), rest: value.slice(4) };
}

/** `rest` ("-MM" or "-MM-DD") in `year`, or null when that day does not exist in the year (29 February). */
function inYear(year: number, rest: string): string | null {
  const [, mm, dd] = rest.split('-');
  if (dd !== undefined && !isValidDate(year, Number(mm), Number(dd))) return null;
  return `${year}${rest}`;
}

/**
 * The two ends of a date range as `YYYY-MM(-DD)`, or null. A date written without a year takes the year
 * written on the other end ("23. april – 5. maj 2025" → 2025-04-23..2025-05-05), the year before or after
 * when the range would otherwise run backwards ("1. december – 31. januar 2025" → 2024-12-01..2025-01-31);
 * a year written in the text wins over the report's. Two ends without any year make no period.
 */
function rangeEnds(a: DateFact, b: DateFact): [string, string] | null {
  const pa = partsOf(a.value);
  const pb = partsOf(b.value);
  let start: string | null = a.value;
  let end: string | null = b.value;
  if (a.yearFrom !== 'text' && b.yearFrom === 'text' && pb.year !== null) {
    start = inYear(pb.year, pa.rest);
    if (start !== null && !(start < end)) start = inYear(pb.year - 1, pa.rest);
  } else if (b.yearFrom !== 'text' && a.yearFrom === 'text' && pa.year !== null) {
    end = inYear(pa.year, pb.rest);
    if (end !== null && !(start < end)) end = inYear(pa.year + 1, pb.rest);
  }
  if (start === null || end === null || start.startsWith('-') || end.startsWith('-')) return null;
  return start < end ? [start, end] : null;
}

/**
 * "fra december 2020 til december 2022", "1. januar 2016 - 31. december 2017": two dates joined by a
 * range word become one period (grain `part`), which then wins over the two dates by being longer.
 */
export const dateRangePass: CombiningPass = (text, candidates) => {
  const dates = candidates.filter((c) => c.fact.kind === 'date');
  if (dates.length < 2) return [];
  const byStart = new Map<number, Candidate>();
  for (const d of dates) byStart.set(d.fact.span[0], d);
  const out: Candidate[] = [];
  for (const a of dates) {
    if (a.fact.kind !== 'date') continue;
    DATE_LINK.lastIndex = a.fact.span[1];
    const link = DATE_LINK.exec(text);
    if (!link) continue;
    const b = byStart.get(DATE_LINK.lastIndex);
    if (!b || b.fact.kind !== 'date') continue;
    const ends = rangeEnds(a.fact, b.fact);
    if (!ends) continue;
    const head = text.slice(Math.max(0, a.fact.span[0] - 16), a.fact.span[0]);
    const from = FROM_BEFORE.exec(head);
    // A bare dash between two dates is a range; "til" without "fra" is too ("december 2020 til august 2022").
    const start = from ? a.fact.span[0] - from[0].length : a.fact.span[0];
    const end = b.fact.span[1];
    out.push({
      rule: 'period.date-range',
      fact: {
        kind: 'period',
        text: text.slice(start, end),
        span: [start, end],
        start: ends[0],
        end: ends[1],
        grain: 'part',
      },
    });
  }
  return out;
};
