/**
 * Money in Danish kroner: "1,6 mio. kr.", "ca. 25 mio. kr.", "mere end 8 mio. kr.", "1.250 t.kr.",
 * "kr. 750.000", "DKK 4,2 mio.", "2-3 mio. kr.", "4 mio. kr. årligt", and a scale with no currency
 * ("50 mio,"), which in municipal texts is always kroner.
 *
 * `per` comes from a rate after the amount ("årligt", "om året", "pr. md.", part of the text) or from a rate
 * adjective shortly before it ("en årlig besparelse på 1,6 mio. kr.", not part of the text).
 */
import type { MoneyFact } from '../schemas/fact.js';
import { figureSource, rangeFields, readFigure } from './amounts.js';
import { qualifiersBefore } from './context.js';
import { scaleDecimal } from './numbers.js';
import { rx, sticky, type Rule } from './rules.js';

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
const THOUSAND_KRONER = String.raw`(?:t\.\s?kr\.?|tkr\.?|t\.\s?kroner|tusinde?\s+(?:kroner|kr\.?))(?![\p{L}])`;

/** The currency itself. ",-" is the price notation "750,-". */
const CURRENCY = String.raw`(?:kroner|krone|kr\.?|DKK|dkk)(?![\p{L}])|,-(?![\p{N}-])`;

/** "om året", "årligt", "pr. år", "/år" → per year; the month forms → per month. */
const PER = String.raw`\s?\/\s?(?:år|md\.?|måned)(?![\p{L}])|\s+(?:årligt|om\s+året|pr\.\s?år|per\s+år|hvert\s+år|månedligt|om\s+måneden|pr\.\s?måned|per\s+måned|pr\.\s?md\.|hver\s+måned)(?![\p{L}])`;

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
const PER_BEFORE = /(?<![\p{L}])(?:(?<y>årlig[et]?)|(?<m>månedlig[et]?))\s+(?:(?:\p{L}+\s+){0,2}(?:på|af)\s+)?$/iu;

/** The rate given before the amount, if any. */
function perBefore(text: string, start: number): MoneyFact['per'] {
  const m = PER_BEFORE.exec(text.slice(Math.max(0, start - 48), start));
  if (!m) return null;
  return m.groups?.m ? 'month' : 'year';
}

/** Another currency after a scale word. */
const OTHER_CURRENCY_AFTER = /^\s?(?:euro|EUR|€|USD|dollars?|\$|SEK|NOK|GBP|pund)(?![\p{L}])/u;

/** The text before a prefix currency that shows the "kr." actually closes a previous amount. */
const AMOUNT_END_BEFORE = /(?:\d|½|mio\.?|mia\.?|mill\.|millioner|million|milliarder|milliard|mrd\.|t\.)\s?$/u;

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
  };
}

/** Money rules, in the order they are tried (order does not matter for the result). */
export const MONEY_RULES: readonly Rule[] = [
  {
    // "1,6 mio. kr.", "50 mio,", "10 millioner kroner", "1.250 t.kr.", "500.000 kr.", "2-3 mio. kr. årligt"
    name: 'money.amount-unit',
    kind: 'money',
    anchor: 'figure',
    pattern: sticky(
      String.raw`${figureSource()}\s?(?:(?<scale>${SCALE})(?:\s?(?<scur>${CURRENCY}))?|(?<tkr>${THOUSAND_KRONER})|(?<cur>${CURRENCY}))(?<per>${PER})?`,
    ),
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
    guard: /[Kk]r|DKK/,
    kind: 'money',
    pattern: rx(String.raw`(?<![\p{L}])(?:[Kk]r\.?|DKK)\s?${figureSource()}(?:\s?(?<scale>${SCALE})|,-(?![\p{N}-]))?(?<per>${PER})?`),
    build: (m, text) => {
      // "2,4 mio. kr. 750.000 …": that "kr." belongs to the amount before it.
      if (AMOUNT_END_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return null;
      return moneyFact(text, m.index, m.index + m[0].length, m, scaleFactor(m.groups?.scale));
    },
  },
  {
    // "en million kroner", "en halv milliard kr.": the article counts here, the scale word makes it a number.
    name: 'money.article-scale',
    guard: /milliard|million/,
    kind: 'money',
    pattern: rx(String.raw`(?<![\p{L}])(?:[EeÉé]n)\s+(?<half>halv\s+)?(?<scale>million|milliard)\s+(?:kroner|kr\.?)(?![\p{L}])(?<per>${PER})?`),
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
      };
    },
  },
];
