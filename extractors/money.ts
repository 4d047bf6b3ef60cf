/**
 * Money in Danish kroner: "1,6 mio. kr.", "ca. 25 mio. kr.", "mere end 8 mio. kr.", "1.250 t.kr.",
 * "kr. 750.000", "DKK 4,2 mio.", "2-3 mio. kr.", "4 mio. kr. årligt", and a scale with no currency
 * ("50 mio,"), which in municipal texts is always kroner.
 *
 * `per` comes from a rate after the amount ("årligt", "om året", "pr. md.", part of the text) or from a rate
 * adjective shortly before it ("en årlig besparelse på 1,6 mio. kr.", not part of the text).
 *
 * A figure carrying its own unit has `scale: null`. A bare number is money only in an amount column, when the
 * caller passes the column's `amountScale` (see `money.bare-amount`); its fact carries that scale. `total` is
 * false here; `extract` sets it for a totals row.
 */
import type { AmountScale, MoneyFact } from '../schemas/fact.js';
import { FIGURE_STARTS, figureSource, rangeFields, readFigure } from './amounts.js';
import { qualifiersBefore } from './context.js';
import { DIGITS, RANGE_DASH, parseDecimal, scaleDecimal, wordOpenings } from './numbers.js';
import { defineRules, sticky, type Rule } from './rules.js';
import { HS, HS_CHARS, NOT_BREAK } from './spaces.js';

/** Scale words and their factor; keys are lower-case without a final dot. */
const SCALES: Readonly<Record<string, number>> = {
  mio: 1e6,
  mill: 1e6,
  million: 1e6,
  millioner: 1e6,
  mia: 1e9,
  mrd: 1e9,
  milliard: 1e9,
  milliarder: 1e9,
};

/** A scale word. Abbreviations may lack their dot ("mio kr"), but never continue into a word. */
const SCALE = String.raw`(?:mio|mia|mill|mrd)(?:\.|(?![\p{L}]))|(?:millioner|million|milliarder|milliard)(?![\p{L}])`;

/** Thousands of kroner, a unit of its own in budget tables: "1.250 t.kr." = 1 250 000 kr. */
const THOUSAND_KRONER = String.raw`(?:t\.${HS}?kr\.?|tkr\.?|t\.${HS}?kroner|tusinde?${HS}+(?:kroner|kr\.?))(?![\p{L}])`;

/** The currency itself. ",-" is the price notation "750,-". */
const CURRENCY = String.raw`(?:kroner|krone|kr\.?|DKK|dkk)(?![\p{L}])|,-(?![\p{N}-])`;

/** "om året", "årligt", "pr. år", "/år" → per year; the month forms → per month. */
const PER = String.raw`${HS}?\/${HS}?(?:år|md\.?|måned)(?![\p{L}])|${HS}+(?:årligt|om${HS}+året|pr\.${HS}?år|per${HS}+år|hvert${HS}+år|månedligt|om${HS}+måneden|pr\.${HS}?måned|per${HS}+måned|pr\.${HS}?md\.|hver${HS}+måned)(?![\p{L}])`;

function scaleFactor(word: string | undefined): number {
  if (!word) return 1;
  return SCALES[word.toLowerCase().replace(/\.$/, '')] ?? 1;
}

function perOf(suffix: string | undefined): MoneyFact['per'] {
  if (!suffix) return null;
  return /måned|md/.test(suffix) ? 'month' : 'year';
}

/**
 * A rate word shortly before the amount: "en årlig besparelse på 1,6 mio. kr.", "der spares årligt 2 mio. kr.".
 * The rate is read from it, but the fact's text stays the amount itself (the words are not adjacent).
 */
const PER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:(?<y>årlig[et]?)|(?<m>månedlig[et]?))${HS}+(?:(?:\p{L}+${HS}+){0,2}(?:på|af)${HS}+)?$`,
  'iu',
);

/** The rate given before the amount, if any. */
function perBefore(text: string, start: number): MoneyFact['per'] {
  const m = PER_BEFORE.exec(text.slice(Math.max(0, start - 48), start));
  if (!m) return null;
  return m.groups?.m ? 'month' : 'year';
}

/** Another currency after a scale word. */
const OTHER_CURRENCY_AFTER = new RegExp(String.raw`^${HS}?(?:euro|EUR|€|USD|dollars?|\$|SEK|NOK|GBP|pund)(?![\p{L}])`, 'u');

/** The text before a prefix currency that shows the "kr." actually closes a previous amount. */
const AMOUNT_END_BEFORE = new RegExp(String.raw`(?:\d|½|mio\.?|mia\.?|mill\.|millioner|million|milliarder|milliard|mrd\.|t\.)${HS}?$`, 'u');

function moneyFact(
  text: string,
  matchStart: number,
  matchEnd: number,
  m: RegExpExecArray,
  factor: number,
): MoneyFact | null {
  const figure = readFigure(m);
  if (!figure) return null;
  const q = qualifiersBefore(text, matchStart);
  const fields = rangeFields(figure, (d) => scaleDecimal(d, factor));
  if (![fields.value, fields.min, fields.max].every((v) => v === null || Number.isFinite(v))) return null;
  return {
    kind: 'money',
    text: text.slice(q.start, matchEnd),
    span: [q.start, matchEnd],
    ...fields,
    currency: 'DKK',
    approx: q.approx,
    qualifier: q.qualifier,
    per: perOf(m.groups?.per) ?? perBefore(text, q.start),
    scale: null,
    total: false,
  };
}

/**
 * A bare amount in an amount column (only with `amountScale`): a number standing alone on its line or in its
 * cell, its unit given by the column header or caption ("1.500" under "Beløb i t.kr." → 1 500 000 kr.).
 *
 * - The number is the whole line or cell: only spaces around it, and at most the qualifier words money takes
 *   anyway in front of it ("ca. 1.500"). A number inside a sentence is never scaled: "heraf 200 i 2026" is
 *   not an amount of the column.
 * - Signs: "-2,2", "−0,4" (U+2212), "÷ 2,2", "– 5" (an en or em dash, as word processors set a minus) and
 *   "+300" (a change column). Accounting brackets, "(1.200)", are a negative amount: in an amount column
 *   nothing else puts a lone number in brackets. "(-1.200)" is rejected (a sign inside brackets says nothing
 *   certain).
 * - A range, "100-200" or "100 – 200", is a money range (`min`, `max`), as "2-3 mio. kr." is.
 * - Up to three trailing "*" (footnote marks) and a short note of words in brackets ("1.500 (anlæg)") may
 *   follow; they stay outside the fact's text.
 * - Any bare number counts, four-digit ones too: in an amount column "2022" or "1500" is an amount, not a year
 *   (the money fact wins the overlap over the year fact on the same characters by kind priority). "2024-2025"
 *   stays a period (same characters, and a period outranks money).
 * - "-", "–", "÷" alone or an empty cell hold no value and give no fact. Thousands grouped with a normal space
 *   ("1 500") are not read, as everywhere else (see `DIGITS`): only "." and the no-break spaces group digits.
 */
const BARE_AMOUNT = String.raw`(?<!${NOT_BREAK})${HS}*(?<lead>(?:\p{L}[\p{L}.]*${HS}+){0,3})(?<figure>\((?<paren>${DIGITS})\)|(?<sign>[-+\u2212\u2013\u2014÷])${HS}?(?<signed>${DIGITS})|(?<lo>${DIGITS})(?:${RANGE_DASH}(?<hi>${DIGITS}))?)(?![.,]?\d)(?:\*{1,3})?(?:${HS}*\([\p{L}.${HS_CHARS}]{1,24}\))?${HS}*(?!${NOT_BREAK})`;

const NO_QUALIFIERS = (start: number) => ({ start, approx: false, qualifier: null });

/** The fact of one bare-amount match, or null when the words in front of it are not qualifiers. */
function bareAmount(m: RegExpExecArray, text: string, scale: AmountScale | null): MoneyFact | null {
  if (!scale) return null;
  const g = m.groups!;
  // The match is: spaces, the lead words, the figure, then what follows it.
  const leadStart = m.index + (m[0].length - m[0].trimStart().length);
  const figureStart = leadStart + g.lead!.length;
  const figureEnd = figureStart + g.figure!.length;
  // Only qualifier words may stand before the number: "ca. 1.500", not "heraf 1.500". Without words in front
  // the number opens its line, and nothing can qualify it.
  const q = leadStart === figureStart ? NO_QUALIFIERS(figureStart) : qualifiersBefore(text, figureStart);
  if (q.start !== leadStart) return null;
  const toValue = (raw: string, negative: boolean): number | null => {
    const d = parseDecimal(raw);
    if (!d) return null;
    const v = scaleDecimal(negative ? { mantissa: -d.mantissa, decimals: d.decimals } : d, scale.factor);
    // -0 (from "-0" or "(0)") is written as 0.
    return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  };
  let value: number | null = null;
  let min: number | null = null;
  let max: number | null = null;
  if (g.hi !== undefined) {
    min = toValue(g.lo!, false);
    max = toValue(g.hi, false);
    if (min === null || max === null || !(min < max)) return null;
  } else {
    const negative = g.paren !== undefined || (g.sign !== undefined && g.sign !== '+');
    value = toValue((g.paren ?? g.signed ?? g.lo)!, negative);
    if (value === null) return null;
  }
  return {
    kind: 'money',
    text: text.slice(q.start, figureEnd),
    span: [q.start, figureEnd],
    value,
    min,
    max,
    currency: 'DKK',
    approx: q.approx,
    qualifier: q.qualifier,
    per: null,
    scale: { unit: scale.unit, factor: scale.factor, from: scale.from },
    total: false,
  };
}

/** After the figure of "1,6 mio. kr.", "1.250 t.kr.", "500.000 kr. årligt": a scale and/or the currency, and a rate. */
const AMOUNT_UNIT_AFTER = String.raw`${HS}?(?:(?<scale>${SCALE})(?:${HS}?(?<scur>${CURRENCY}))?|(?<tkr>${THOUSAND_KRONER})|(?<cur>${CURRENCY}))(?<per>${PER})?`;

/** Before the figure of "kr. 750.000", "DKK 4,2 mio.": the currency. */
const CURRENCY_BEFORE = String.raw`(?<![\p{L}])(?:[Kk]r\.?|DKK)${HS}?`;

/** After the figure of "kr. 750.000", "DKK 4,2 mio.", "kr. 750,-": a scale or ",-", and a rate, all optional. */
const CURRENCY_AMOUNT_AFTER = String.raw`(?:${HS}?(?<scale>${SCALE})|,-(?![\p{N}-]))?(?<per>${PER})?`;

/** Money rules, in the order they are tried (order does not matter for the result). */
export const MONEY_RULES: readonly Rule[] = defineRules([
  {
    // "1,6 mio. kr.", "50 mio,", "10 millioner kroner", "1.250 t.kr.", "500.000 kr.", "2-3 mio. kr. årligt"
    name: 'money.amount-unit',
    kind: 'money',
    anchor: 'figure',
    starts: FIGURE_STARTS,
    source: `${figureSource()}${AMOUNT_UNIT_AFTER}`,
    figure: { after: sticky(AMOUNT_UNIT_AFTER) },
    build: (m, text) => {
      const g = m.groups!;
      const end = m.index + m[0].length;
      // A bare scale is kroner only if no other currency follows: "2 mio. euro" is not 2 mio. kr.
      if (g.scale && !g.cur && !g.scur && OTHER_CURRENCY_AFTER.test(text.slice(end, end + 12))) return null;
      const factor = g.tkr ? 1000 : scaleFactor(g.scale);
      return moneyFact(text, m.index, m.index + m[0].length, m, factor);
    },
  },
  {
    // "kr. 750.000", "DKK 4,2 mio.", "kr. 2,5 mio. årligt"
    name: 'money.currency-amount',
    starts: ['Kr', 'kr', 'DK'],
    kind: 'money',
    source: `${CURRENCY_BEFORE}${figureSource()}${CURRENCY_AMOUNT_AFTER}`,
    figure: { before: sticky(CURRENCY_BEFORE), after: sticky(CURRENCY_AMOUNT_AFTER) },
    build: (m, text) => {
      // "2,4 mio. kr. 750.000 …": that "kr." belongs to the amount before it.
      if (AMOUNT_END_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return null;
      return moneyFact(text, m.index, m.index + m[0].length, m, scaleFactor(m.groups?.scale));
    },
  },
  {
    // "en million kroner", "en halv milliard kr.": the article counts here, the scale word makes it a number.
    name: 'money.article-scale',
    starts: wordOpenings(['en', 'én']),
    kind: 'money',
    source: String.raw`(?<![\p{L}])(?:[EeÉé]n)${HS}+(?<half>halv${HS}+)?(?<scale>million|milliard)${HS}+(?:kroner|kr\.?)(?![\p{L}])(?<per>${PER})?`,
    build: (m, text) => {
      const q = qualifiersBefore(text, m.index);
      const end = m.index + m[0].length;
      return {
        kind: 'money',
        text: text.slice(q.start, end),
        span: [q.start, end],
        value: scaleFactor(m.groups?.scale) / (m.groups?.half ? 2 : 1),
        min: null,
        max: null,
        currency: 'DKK',
        approx: q.approx,
        qualifier: q.qualifier,
        per: perOf(m.groups?.per) ?? perBefore(text, q.start),
        scale: null,
        total: false,
      };
    },
  },
  {
    // With a column scale only: "1.500", "-2,2", "(1.200)", "ca. 1.500" as the whole of a line or cell.
    name: 'money.bare-amount',
    kind: 'money',
    anchor: 'line',
    enabled: (context) => context.amountScale !== null,
    source: BARE_AMOUNT,
    build: (m, text, context) => bareAmount(m, text, context.amountScale),
  },
]);
