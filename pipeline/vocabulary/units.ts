/**
 * Money units and years named by a table's header cells, its caption or the sentence above it:
 * "Beløb i t.kr." (bare amounts are thousands of kroner), "Tabel 1 … (1.000 kr.)", "Resultatopgørelse
 * (mio. kr.)", "Budget 2024". A unit written right after a figure ("på 2,5 mio. kr.") belongs to that
 * amount and labels nothing, so it is passed over.
 */
import { WORD_NUMBER } from '../../extractors/numbers.js';

/** A money unit a label names: the unit as written and what a bare amount under it is multiplied by. */
export interface MoneyUnit {
  unit: string;
  factor: number;
}

/** "1.000", "1000", "1 000" (no-break space too): the thousand of "1.000 kr.". */
const THOUSAND = String.raw`1[.\u00a0\u202f ]?000`;
const KRONER = String.raw`(?:kr\.?|kroner|dkk)`;

/**
 * The unit wordings by factor, most specific first. `inner` marks units that hold their own number
 * ("1.000 kr.", "kr. i 1.000"): a figure right before those is not the amount they label.
 */
const UNIT = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(?:` +
    // thousands
    String.raw`(?<thousand>t\.\s?kr\.?|tkr\.?|t\.\s?kroner|tusinde?\s?${KRONER})` +
    String.raw`|(?<thousandInner>${THOUSAND}\s?${KRONER}|${KRONER}\s?i\s?${THOUSAND}|${KRONER}\s?\(\s?${THOUSAND}\s?\))` +
    // millions and billions
    String.raw`|(?<million>(?:mio|mill)\.?\s?${KRONER}|millioner\s?${KRONER}|${KRONER}\s?i\s?(?:mio\.?|millioner))` +
    String.raw`|(?<billion>(?:mia|mrd)\.?\s?${KRONER}|milliarder\s?${KRONER})` +
    // plain kroner
    String.raw`|(?<one>${KRONER})` +
    String.raw`)(?![\p{L}])`,
  'giu',
);

const FACTORS = { thousand: 1e3, thousandInner: 1e3, million: 1e6, billion: 1e9, one: 1 } as const;

/** A figure right before a unit: "2,5 mio. kr.", "fem mio. kr." (then the unit is that amount's own). */
const FIGURE_BEFORE = new RegExp(String.raw`(?:\d|½|${WORD_NUMBER})[\s\u00a0]*$`, 'iu');

/** A figure right after "kr.": the prefix currency of an amount ("kr. 750.000"). */
const FIGURE_AFTER = /^[\s\u00a0]?[-−÷]?\d/u;

/** Words that introduce an amount ("på 1.000 kr.", "i alt 1.000 kr."): a unit after them is that amount's. */
const AMOUNT_WORD_BEFORE =
  /(?<![\p{L}])(?:på|af|med|til|fra|over|under|end|ca\.?|cirka|omkring|godt|knap|mindst|højst|alt|ialt|samlet|yderligere|ekstra|kun|blot|udgør|koster|er|var|bliver|blev|[+±-])[\s\u00a0]*$/iu;

/** Words after which a unit labels what follows or surrounds it: "Beløb i t.kr.", "(i hele 1.000 kr.)". */
const LABEL_WORD_BEFORE = /(?:^|[\s(])(?:i|beløb|beløb i|i hele)[\s\u00a0]*$/iu;

/** A separator after which a unit stands alone: "Budget 2025, mio. kr.", "Beløb: t.kr.", "Drift – mio. kr.". */
const SEPARATOR_BEFORE = /[,:;–—-][\s\u00a0]*$/u;

/** At most this many words in a text whose last word a unit can be without a word like "i" before it. */
const MAX_LABEL_WORDS = 8;
/** How far before a unit the opening "(" of the note it stands in may be. */
const NOTE_REACH = 120;

/** A unit found in a text, with where it stands. */
interface FoundUnit extends MoneyUnit {
  start: number;
  end: number;
}

/**
 * True when a unit standing at `[start, end)` labels bare amounts rather than ending or starting one
 * of its own: in parentheses, after "i"/"Beløb", after a separator, at the start of the text, or at
 * the end of a short label ("Udvalg mio.kr.").
 */
function isUnitLabel(text: string, start: number, end: number, inner: boolean, plain: boolean): boolean {
  const before = text.slice(0, start);
  const after = text.slice(end);
  // The words right before the unit decide; a short tail keeps the end-anchored tests cheap on long
  // prose, and every test below looks at a bounded part of the text, as a long text may name a unit
  // thousands of times.
  const tail = before.slice(-32);
  if (FIGURE_BEFORE.test(tail)) return false;
  // "kr. 750.000" is an amount; a scale word is never followed by its amount ("mio. kr. 5" is not written).
  if (plain && FIGURE_AFTER.test(after)) return false;
  if (inner && AMOUNT_WORD_BEFORE.test(tail)) return false;
  const near = before.slice(-NOTE_REACH);
  const open = near.lastIndexOf('(');
  if (open >= 0 && !near.slice(open).includes(')')) {
    // Inside "( … )": the unit is the note itself, perhaps after a few words ("(Beløb i 1.000 kr.)").
    if (near.slice(open + 1).trim().split(/\s+/u).filter(Boolean).length <= 3) return true;
  }
  if (before.trim() === '' || LABEL_WORD_BEFORE.test(tail) || SEPARATOR_BEFORE.test(tail)) return true;
  // Only the run of closers right after a unit is read, and the words are counted once, at the end.
  if (!/^[\s).:]*$/u.test(after) || AMOUNT_WORD_BEFORE.test(tail)) return false;
  return text.trim().split(/\s+/u).length <= MAX_LABEL_WORDS;
}

/** The first money unit a text names as a label (not as part of an amount), with its place. */
function findMoneyUnit(text: string): FoundUnit | null {
  for (const m of text.matchAll(UNIT)) {
    const groups = m.groups as Partial<Record<keyof typeof FACTORS, string>>;
    const kind = (Object.keys(FACTORS) as (keyof typeof FACTORS)[]).find((k) => groups[k] !== undefined)!;
    const start = m.index;
    const end = start + m[0].length;
    if (!isUnitLabel(text, start, end, kind === 'thousandInner', kind === 'one')) continue;
    return { unit: m[0].trim(), factor: FACTORS[kind], start, end };
  }
  return null;
}

/**
 * The money unit a header, caption or sentence names for bare amounts ("t.kr." → 1000, "(1.000 kr.)" →
 * 1000, "mio. kr." → 1 000 000, "mia. kr." → 10⁹, "kr." → 1), or null. The unit is returned as written.
 * A unit right after a figure ("en udgift på 2,5 mio. kr.") is that amount's own, not a label.
 */
export function moneyScaleOf(text: string): MoneyUnit | null {
  const found = findMoneyUnit(text);
  return found ? { unit: found.unit, factor: found.factor } : null;
}

/** The text with the money unit it names (if any) blanked out, for reading the words around it. */
export function withoutMoneyUnit(text: string): string {
  const found = findMoneyUnit(text);
  return found ? `${text.slice(0, found.start)} ${text.slice(found.end)}` : text;
}

/**
 * A year in a header: "2025", "Budget 2024", "B2025" (budget), "R2022" (regnskab); not a date
 * ("31.12.2024"), a range ("2024-27", "2023-2028"), a price level ("2025-priser") or a number outside
 * 1990–2100.
 */
const HEADER_YEAR =
  /(?<![\p{L}\p{N}.,/\-–])(?:b|r|bf|kb|ob)?(?<year>199\d|20\d\d|2100)(?![\p{N}]|[.,]\d|\s?[-–/]\s?\d|[-–/]\p{L})/giu;

/** The one year a header names ("2025 Beløb i t.kr." → 2025, "Regnskab 2022" → 2022), or null (none, or several). */
export function yearOfHeader(label: string): number | null {
  const years = new Set([...label.matchAll(HEADER_YEAR)].map((m) => Number(m.groups!.year)));
  return years.size === 1 ? [...years][0]! : null;
}
