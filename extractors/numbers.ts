/**
 * Danish numerals: "52.000" (thousands dot), "5,7" (decimal comma), "1½", "-2,2" / "÷2,2" (negative),
 * and number words ("én", "to", "tre", … "tyve", "femogtyve", "hundrede", "halvanden").
 *
 * Values are kept as an exact decimal (integer mantissa + number of decimals) so that scaling
 * ("376,1 mio." → 376 100 000) is done in integers and never picks up floating-point noise.
 */

import { HS } from './spaces.js';

/** The ten digits: where a rule that begins with a number can start (see `Rule.starts`). */
export const DIGIT_CHARS = '0123456789';

/** An exact decimal: `mantissa / 10 ** decimals`. */
export interface Decimal {
  /** The digits as an integer, sign included ("-2,25" → -225). */
  readonly mantissa: number;
  /** How many of those digits are decimals ("-2,25" → 2). */
  readonly decimals: number;
}

/**
 * Number words, lower-case. "en"/"et" are deliberately absent: as articles they are far more common
 * than as counts ("en politisk drøftelse"), so only the accented "én"/"ét" count as 1.
 */
const UNIT_WORDS: Record<string, number> = {
  én: 1,
  'e\u0301n': 1,
  ét: 1,
  'e\u0301t': 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
};

const TEEN_WORDS: Record<string, number> = {
  ti: 10,
  elleve: 11,
  tolv: 12,
  tretten: 13,
  fjorten: 14,
  femten: 15,
  seksten: 16,
  sytten: 17,
  atten: 18,
  nitten: 19,
};

/** Danish tens are vigesimal relics ("halvtreds" = 50); they also combine: "femogtyve" = 25. */
const TENS_WORDS: Record<string, number> = {
  tyve: 20,
  tredive: 30,
  fyrre: 40,
  halvtreds: 50,
  tres: 60,
  halvfjerds: 70,
  firs: 80,
  halvfems: 90,
};

const BIG_WORDS: Record<string, number> = {
  hundrede: 100,
  tusind: 1000,
  tusinde: 1000,
};

/** Units that combine with the tens: "en" + "og" + "tyve" = 21 (here plain "en" is fine: "enogtyve"). */
const COMPOUND_UNITS: Record<string, number> = { en: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, syv: 7, otte: 8, ni: 9 };

/** "halvanden" is 1½; kept apart because it is not an integer. */
const HALF_WORDS: Record<string, Decimal> = { halvanden: { mantissa: 15, decimals: 1 } };

/** Every number word with its integer value, the 72 compounds ("femogtyve") spelled out. */
const WORD_VALUES: ReadonlyMap<string, number> = new Map([
  ...Object.entries({ ...UNIT_WORDS, ...TEEN_WORDS, ...TENS_WORDS, ...BIG_WORDS }),
  ...Object.entries(COMPOUND_UNITS).flatMap(([u, uv]) =>
    Object.entries(TENS_WORDS).map(([t, tv]): [string, number] => [`${u}og${t}`, uv + tv]),
  ),
]);

/** Escapes regex syntax characters in a literal. */
export function escapeRegex(s: string): string {
  // No "-": outside a class, "\-" is a syntax error under the `u` flag.
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The openings of `words` for a rule's `starts`: the first three characters, the first letter in either case
 * ("forår" → "For", "for"); a shorter word gives itself ("i" → "I", "i"; "to" → "To", "to").
 */
export function wordOpenings(words: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const rest = w.slice(1, 3);
    out.add(w[0]!.toLowerCase() + rest);
    out.add(w[0]!.toUpperCase() + rest);
  }
  return [...out];
}

/** Behind a word's first character: no letter or digit before that character (see {@link wordAlternation}). */
const WORD_START_AFTER_FIRST = String.raw`(?<![\p{L}\p{N}][^])`;

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * A regex alternation of `words` factored as a trie ("[tT](?:o|re(?:tten)?|…)"), the first letter in either
 * case (sentence start: "To forløb", "Tre udbydere"). Factoring matters for speed: the engine dispatches on
 * the first character instead of trying 110 words at every position. Longer continuations are tried first
 * (an ended word's continuation is optional and greedy), and the caller's trailing boundary backtracks.
 * With `boundary`, the word must not follow a letter or digit.
 */
export function wordAlternation(words: Iterable<string>, boundary = false): string {
  const root: TrieNode = { next: new Map(), end: false };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const head = (ch: string, first: boolean): string => {
    const upper = ch.toUpperCase();
    return first && upper !== ch ? `[${ch}${upper}]` : escapeRegex(ch);
  };
  const emit = (node: TrieNode, first: boolean): string => {
    const alternatives = [...node.next].map(([ch, child]) => head(ch, first) + emit(child, false));
    if (alternatives.length === 0) return '';
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  if (!boundary) return emit(root, true);
  // The start boundary is checked after the first letter matched (the two characters behind), which is
  // far cheaper than a lookbehind tried at every position of the text. It is written once, not once per
  // first letter: building a regex expands each `\p{…}` anew (ICU), and a month or number-word alternation
  // has a dozen first letters. So the first letter is read once, the boundary checked, and each branch
  // goes on only after its own first letter (a lookbehind of that one character): the same branches, in
  // the same order, each tried exactly where it was before.
  const branches = [...root.next];
  if (branches.length === 0 || root.end) throw new Error('wordAlternation: no word, or an empty one');
  const heads = branches.map(([ch]) => head(ch, true));
  if (branches.length === 1) return `${heads[0]!}${WORD_START_AFTER_FIRST}${emit(branches[0]![1], false)}`;
  const rest = branches.map(([, child], i) => `(?<=${heads[i]!})${emit(child, false)}`);
  return `(?:${heads.join('|')})${WORD_START_AFTER_FIRST}(?:${rest.join('|')})`;
}

/** Every number word, lower-case: the integers (compounds spelled out) and "halvanden". */
export const NUMBER_WORDS: readonly string[] = [...WORD_VALUES.keys(), ...Object.keys(HALF_WORDS)];

/**
 * A number written as a word, with word boundaries. Matches "to", "Tre", "femogtyve", "halvanden" …
 * but not "en"/"et", nor the "tre" in "treårige" (a letter follows).
 */
export const WORD_NUMBER = String.raw`(?:${wordAlternation(NUMBER_WORDS, true)})(?![\p{L}\p{N}])`;

/**
 * Digits of one numeral, no sign: "52.000", "5,7", "1½", "½", "1 250" only with a no-break space
 * (a normal space would glue "i 2017 20 borgere" together). At most 15 digits so the value stays exact.
 * Each repetition starts with a separator and a group of exactly three digits, so there is exactly one way
 * to match any input (no ambiguous nested quantifiers).
 */
export const DIGITS = String.raw`(?:\d{1,3}(?:[.\u00a0\u202f]\d{3}){1,4}(?!\d)|\d{1,15})(?:,\d{1,6})?½?|½`;

/**
 * Where a numeral may start: not inside a word ("CO2", "m2"), not after a digit, separator, "§", "%" or
 * a hyphen/dash (so "44-48", "24-013331", "stk.4", "§ 60" and "a%20" yield no standalone number).
 */
export const NUMBER_START = String.raw`(?<![\p{L}\p{N}.,%/§²³_\-\u2010-\u2015\u2212÷])`;

/** A numeral must not end inside a longer run: not before a digit, nor before ",5" / ".00" ("kl. 9.00"). */
export const NUMBER_END = String.raw`(?![.,]?\d)`;

/** A leading minus: "-2,2", "−2,2" or the Danish accounting sign "÷ 2,2"; never an en dash (list bullet). */
export const SIGN = String.raw`(?:[-\u2212](?=\d)|÷${HS}?(?=\d))?`;

/** A numeral written with digits, with its sign and boundaries. */
export const DIGIT_NUMBER = `${NUMBER_START}${SIGN}(?:${DIGITS})${NUMBER_END}`;

/** A numeral after a range dash or "og" (no start boundary: the dash is exactly what precedes it). */
export const RANGE_END_NUMBER = `(?:(?:${DIGITS})${NUMBER_END}|${WORD_NUMBER})`;

/** Any numeral: digits or a number word. */
export const NUMBER = `(?:${DIGIT_NUMBER}|${WORD_NUMBER})`;

/**
 * The openings of a {@link NUMBER} (see `Rule.starts`): a digit, a sign ("-", "−", "÷"), "½", or the first two
 * characters of a number word, its first letter in either case.
 */
export const NUMBER_STARTS: readonly string[] = [
  ...DIGIT_CHARS,
  '-',
  '\u2212',
  '÷',
  '½',
  ...wordOpenings(NUMBER_WORDS),
];

/**
 * A range dash between two numbers: hyphen, en dash or em dash, unspaced ("2-3") or spaced on both sides
 * ("2 – 3"). Never across a line break or tab, and never "2 -3": a space before the dash and none after it
 * is a second, negative number ("-2,2 -0,08%"), not a range.
 */
export const RANGE_DASH = String.raw`(?:${HS}[-\u2013\u2014]${HS}|[-\u2013\u2014])`;

const DIGITS_RE = new RegExp(String.raw`^([-\u2212÷]?)${HS}?(\d{1,3}(?:[.\u00a0\u202f]\d{3})+|\d+)?(?:,(\d+))?(½)?$`, 'u');

/**
 * Parses one Danish numeral into an exact decimal, or null if it is not one.
 * "52.000" → 52000, "5,7" → 5.7, "1½" → 1.5, "÷2,2" → -2.2, "To" → 2, "femogtyve" → 25, "halvanden" → 1.5.
 */
export function parseDecimal(raw: string): Decimal | null {
  const s = raw.trim();
  const digits = DIGITS_RE.exec(s);
  if (digits) {
    const [, sign, intPart, fraction = '', half] = digits;
    if (intPart === undefined && !half) return null;
    let text = (intPart ?? '0').replace(/[.\u00a0\u202f]/g, '') + fraction;
    let decimals = fraction.length;
    if (half) {
      // "1½" = 1.5, "2,25½" is nonsense but harmless: append the half as one more decimal digit.
      text = String(BigInt(text) * 10n + 5n);
      decimals += 1;
    }
    const mantissa = Number(text) * (sign ? -1 : 1);
    return Number.isSafeInteger(mantissa) ? { mantissa, decimals } : null;
  }
  const word = s.toLowerCase();
  const half = HALF_WORDS[word];
  if (half) return half;
  const plain = WORD_VALUES.get(word);
  if (plain !== undefined) return { mantissa: plain, decimals: 0 };
  return null;
}

/** The numeric value of a decimal. */
export function toNumber(d: Decimal): number {
  return d.decimals === 0 ? d.mantissa : d.mantissa / 10 ** d.decimals;
}

/**
 * `d × factor` computed in integers: 376,1 × 1 000 000 = 3761 × 1 000 000 / 10, which is exact whenever
 * the result is an integer (unlike 376.1 * 1e6 in floating point).
 */
export function scaleDecimal(d: Decimal, factor: number): number {
  // One correctly rounded operation on exact integers gives the double nearest the true value.
  if (d.decimals === 0) return d.mantissa * factor;
  const product = d.mantissa * factor;
  if (Number.isSafeInteger(product) || !Number.isInteger(factor)) return product / 10 ** d.decimals;
  // Beyond 2^53 the product itself would be rounded before the division: do it in BigInt.
  const exact = BigInt(d.mantissa) * BigInt(factor);
  const divisor = 10n ** BigInt(d.decimals);
  return exact % divisor === 0n ? Number(exact / divisor) : product / 10 ** d.decimals;
}

/** Parses a Danish numeral to a number, or null. Convenience over {@link parseDecimal}. */
export function parseDanishNumber(raw: string): number | null {
  const d = parseDecimal(raw);
  return d ? toNumber(d) : null;
}

/** True when the numeral is written with plain digits only ("2015", not "2.015" or "2015,5"). */
export function isPlainDigits(raw: string): boolean {
  return /^\d+$/.test(raw);
}
