/**
 * Looking around a match: the comparison words in front of an amount ("ca.", "mere end", "op til") and the
 * words that make a number a label rather than a figure ("nr. 1", "sag 24-013331", "Råmosevej 62").
 *
 * These checks look at a short window just before the match instead of being folded into the main
 * patterns: a pattern that starts with optional qualifier words would be retried at every "ca." of a
 * "ca. ca. ca. …" line, and the window keeps the cost per match constant. The words must stand on the
 * match's line: the patterns join them by horizontal space only (`HS`), never across a line break or tab.
 */
import type { MoneyFact } from '../schemas/fact.js';
import { HS } from './spaces.js';

/** A comparison qualifier, as in the schema (the same for money, percent and quantity facts). */
export type Qualifier = MoneyFact['qualifier'];

/** What a qualifier phrase says about the figure that follows it. */
interface QualifierMeaning {
  readonly approx?: true;
  readonly qualifier?: Exclude<Qualifier, null>;
}

/**
 * Qualifier phrases (lower-case, single spaces) and their meaning. "under" reads as "less than" here; it
 * also means "during" ("under 2017"), which is why years never take qualifiers.
 */
const QUALIFIERS: Readonly<Record<string, QualifierMeaning>> = {
  'ca.': { approx: true },
  ca: { approx: true },
  cirka: { approx: true },
  omkring: { approx: true },
  knap: { approx: true },
  godt: { approx: true },
  næsten: { approx: true },
  anslået: { approx: true },
  'i omegnen af': { approx: true },
  'i størrelsesordenen': { approx: true },
  'mere end': { qualifier: 'gt' },
  'flere end': { qualifier: 'gt' },
  'højere end': { qualifier: 'gt' },
  'større end': { qualifier: 'gt' },
  over: { qualifier: 'gt' },
  mindst: { qualifier: 'gte' },
  minimum: { qualifier: 'gte' },
  'min.': { qualifier: 'gte' },
  'som minimum': { qualifier: 'gte' },
  'ikke under': { qualifier: 'gte' },
  'ikke mindre end': { qualifier: 'gte' },
  under: { qualifier: 'lt' },
  'mindre end': { qualifier: 'lt' },
  'færre end': { qualifier: 'lt' },
  'lavere end': { qualifier: 'lt' },
  'op til': { qualifier: 'lte' },
  'op mod': { qualifier: 'lte' },
  højst: { qualifier: 'lte' },
  maksimalt: { qualifier: 'lte' },
  maksimum: { qualifier: 'lte' },
  'maks.': { qualifier: 'lte' },
  'max.': { qualifier: 'lte' },
  'ikke over': { qualifier: 'lte' },
  'ikke mere end': { qualifier: 'lte' },
};

/** The longest qualifier phrase is 20 characters; the window leaves room for odd spacing. */
const WINDOW = 32;

/** One qualifier phrase ending right before the match (the window ends at the match). */
const QUALIFIER_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${Object.keys(QUALIFIERS)
    .sort((a, b) => b.length - a.length)
    .map((q) => q.replace(/\./g, '\\.').replace(/ /g, `${HS}+`))
    .join('|')})${HS}+$`,
  'iu',
);

/** A run of horizontal space, to normalise a qualifier phrase. */
const HS_RUN = new RegExp(`${HS}+`, 'gu');

/** Qualifier words found in front of a figure. */
export interface LeftQualifiers {
  /** Where the fact's text starts once the qualifier words are included. */
  readonly start: number;
  readonly approx: boolean;
  readonly qualifier: Qualifier;
}

/**
 * Reads up to two qualifier phrases ending at `start` ("op til ca. 5 mio. kr." → lte + approx) and
 * returns the widened start. Only adjacent words on the same line count: "som minimum ville … 4 mio. kr."
 * has none, and neither has "ca.\n5 mio. kr." (the words of a qualifier and its figure are joined by
 * horizontal space only).
 */
export function qualifiersBefore(text: string, start: number): LeftQualifiers {
  let approx = false;
  let qualifier: Qualifier = null;
  let at = start;
  for (let i = 0; i < 2; i++) {
    const from = Math.max(0, at - WINDOW);
    const m = QUALIFIER_BEFORE.exec(text.slice(from, at));
    if (!m) break;
    const begin = from + m.index;
    // The lookbehind cannot see past the window; a phrase cut from a longer word ("Hann|over") is no qualifier.
    if (m.index === 0 && from > 0 && /[\p{L}\p{N}]/u.test(text[from - 1]!)) break;
    const meaning = QUALIFIERS[m[1]!.toLowerCase().replace(HS_RUN, ' ')];
    if (!meaning) break;
    if (meaning.approx) approx = true;
    if (meaning.qualifier) {
      if (qualifier) break; // "over under 5" is not a thing; keep the nearest one
      qualifier = meaning.qualifier;
    }
    at = begin;
  }
  return { start: at, approx, qualifier };
}

/**
 * Words after which a number is an identifier, not a figure or a year: "nr. 1", "sag 24-013331", "§ 60",
 * "stk.4", "kl. 9", "bilag 2", "pkt. 6", "gruppering 200", "uge 32", "lov nr. 1482".
 */
const IDENTIFIER_WORD_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:nr|sag|sagsnr|sags-nr|j\.${HS}?nr|journalnr|pkt|punkt|stk|kl|klokken|bilag|side|tabel|figur|afsnit|kapitel|version|gruppering|konto|uge|postnr|tlf|telefon|cvr|matr|matrikel|id|ref|løbenr|lbnr|bkg|bek|nummer|paragraf|litra)\.?${HS}*$|(?<![\p{L}\p{N}])s\.${HS}*$|§§?${HS}*$`,
  'iu',
);

/**
 * Words after which a number names an item of a list rather than counting: "Mål 3", "initiativ 4",
 * "fase 2", "linje 5". A year may follow them ("mål 2025" is the goal for 2025), a count may not.
 */
const ITEM_WORD_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:lov|initiativ|mål|delmål|målsætning|tema|spor|fokusområde|indsatsområde|pejlemærke|niveau|model|kolonne|række|runde|linje|rute|bus|etape|fase|trin|spørgsmål|artikel|art)\.?${HS}*$`,
  'iu',
);

/**
 * A street name right before the number: "Råmosevej 62", "Hørhaven 13", "Linde Alle 9", "Hold-an Vej 152".
 * Case matters here (street names are capitalised), so no `i` flag.
 */
const STREET_BEFORE = new RegExp(
  String.raw`(?:(?<![\p{L}])\p{Lu}[\p{L}-]*(?:vej|gade|allé|alle|vænge|vænget|haven|parken|plads|pladsen|stræde|strædet|boulevard|torv|torvet|bakke|bakken|høj|højen|park|vang|vangen|stien|toften|holm|lund|lunden|marken|engen|dalen|skoven|gården|have|gyde|kvarter|krogen|bygade|vej\.)|(?<![\p{L}])(?:Vej|Gade|Alle|Allé|Plads|Torv|Vænge|Stræde|Boulevard|Bygade|Have))${HS}+$`,
  'u',
);

/** Longest label word plus spacing. */
const LABEL_WINDOW = 24;

/** True when the number at `start` is an identifier ("nr. 1", "§ 17", "sag 24-013331"): no year, no count. */
export function isIdentifierNumber(text: string, start: number): boolean {
  return IDENTIFIER_WORD_BEFORE.test(text.slice(Math.max(0, start - LABEL_WINDOW), start));
}

/** True when the number at `start` is an identifier or names a list item ("Mål 3"): no count. */
export function isLabelledNumber(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - LABEL_WINDOW), start);
  return IDENTIFIER_WORD_BEFORE.test(before) || ITEM_WORD_BEFORE.test(before);
}

/** True when the number at `start` follows a street name ("Telegrafvej 4"). */
export function isStreetNumber(text: string, start: number): boolean {
  return STREET_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}
