/**
 * Counts of things: "477 tilflytninger", "52.000 borgere", "ca. 450-500 boliger", "over 2.000 besøgende",
 * "tre udbydere", "én enhed", "3.500 m²", "20 utilsigtede flytninger", "To Politikadet Junior forløb".
 *
 * The unit is the counted noun as written. It is found by reading at most three words after the number:
 * adjectives ("nye", "store", "utilsigtede") and capitalised name parts ("Politikadet Junior") may stand
 * between the number and the noun; the noun itself is lower-case. Anything else (a preposition, a verb,
 * punctuation) ends the search without a fact.
 *
 * Deliberately not counts:
 * - the articles "en"/"et" (only "én"/"ét" count), ordinals ("3. år", "1. januar") and list numbers ("1.Ny");
 * - identifiers ("nr. 1", "§ 60", "sag 24-013331", "bilag 2") and house numbers ("Råmosevej 62");
 * - ages: "under N år", "over 65 år", "borgere over N år", "mellem 18-29 år", "N år gammel" (see `isAge`);
 * - measure adjectives: "2-årigt", "3 årig periode", "3 års" — they describe a noun, they do not count years;
 * - plain four-digit numbers 1900–2100 without a qualifier: "I 2015 frigav …" is a year, not 2015 "frigav".
 */
import type { QuantityFact } from '../schemas/fact.js';
import { FIGURE_STARTS, figureSource, rangeFields, readFigure, type Figure } from './amounts.js';
import { isLabelledNumber, isStreetNumber, qualifiersBefore, type LeftQualifiers } from './context.js';
import { MONTHS } from './dates.js';
import { isPlainDigits, scaleDecimal } from './numbers.js';
import { defineRules, sticky, type Rule } from './rules.js';
import { BREAK, HS } from './spaces.js';

/** Words that end the search for a unit: function words, common verbs, adverbs, currency and percent words. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  `i og af til på med for fra om ved hos mod over under efter før inden indenfor udenfor siden mellem uden gennem
  per pr via ad bag blandt omkring ca cirka jf fx bl mv mm osv dvs etc samt eller men så end som at der her hvor
  hvis når da nu dog også kun ikke ej alle alt hver hvert hele ud op ned ind frem tilbage igen allerede endnu
  stadig bare lige meget mere mest mindre færre flere få fleste nogle nogen ingen en et den det de dem denne dette
  disse sin sit sine hans hendes deres vores vi jeg du han hun man os jer sig hvilket hvilke heraf herunder
  derudover desuden dermed derfor således ligesom the of and in on at by
  er var har havde blev bliver være været skal skulle kan kunne vil ville må måtte bør burde får fik gav giver
  gik går kom kommer ligger lå står stod viser viste udgør udgjorde svarer svarede steg stiger faldt falder deltog
  modtog fandt findes blive tager tog mangler manglede betyder betød koster kostede omfatter omfattede indgår
  indgik sker skete ses sås vises gælder gjaldt forventes ønsker indeholder dækker fordelt fordeles blevet
  årligt månedligt dagligt ugentligt hhv henholdsvis cirka ialt
  kr kroner krone mio mia mill mrd millioner million milliarder milliard pct procent procentpoint dkk kl klokken nr`
    .split(/\s+/)
    .filter(Boolean),
);

/** Month names are dates' business ("1 januar" is never a count of januars). */
const MONTH_WORDS: ReadonlySet<string> = new Set(MONTHS.flatMap((m) => [m.name, ...m.abbreviations]));

/** Number words cannot be units ("to tre"). */
const NUMBER_WORD = /^(?:én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|hundrede|tusinde?)$/;

/**
 * Adjectives that are never the counted noun themselves: "to private og den kommunale" counts nothing.
 * When a noun follows ("2 store salg"), they are skipped.
 */
const ADJECTIVES: ReadonlySet<string> = new Set(
  `nye ny nyt store stor stort små lille private privat offentlige offentligt offentlig kommunale kommunal almene
  almen faste fast halve andre øvrige samme forskellige mulige frie fri lokale lokal nationale regionale statslige
  særlige enkelte konkrete væsentlige vigtige gode god dårlige nuværende tidligere kommende seneste sidste næste
  følgende yderligere ekstra nævnte ovennævnte årlige månedlige daglige ugentlige samlede egne mange tværgående
  eksisterende nyoprettede større mindre ældre yngre`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Endings of adjectives and participles ("utilsigtede", "eksisterende", "billige", "politiske", "drevet").
 * Such a word is skipped only when a noun follows it; alone it may be the noun ("20 ledige", "2.000 besøgende").
 */
const ADJECTIVE_ENDING = /(?:ede|ende|ige|iske|ske|ale|elle|ære|ive|te|[^aeiouyæøå]et)$/;

/** Measure adjectives and genitives: "3 årig periode", "to årige", "3 års", "5 ugers". The number is not a count. */
const MEASURE_WORD = /^(?:årig[et]?|års|måneders|ugers|dages|timers|mands)$/;

/** Words after "N år" that make it an age: "N år gammel", "65 år og derover". */
const AGE_AFTER = new RegExp(String.raw`^${HS}+(?:gammel|gamle|og${HS}+(?:derover|opefter|ældre|yngre|op))(?![\p{L}])`, 'u');

/** "mellem 18-29 år", "i alderen 0-6 år": an age bracket. */
const AGE_BEFORE = new RegExp(String.raw`(?<![\p{L}])(?:mellem|alderen|alder|aldersgruppen)${HS}+(?:fra${HS}+)?$`, 'iu');

/** People an age is given for: "borgere over 65 år". */
const PERSON_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:børn|unge|borgere|ældre|voksne|personer|elever|drenge|piger|kvinder|mænd|ledige|modtagere|ansatte|medarbejdere|pensionister|beboere|indbyggere|patienter)${HS}+\S+${HS}+$`,
  'iu',
);

/** "seks ud af ti": the denominator of a proportion. */
const RATIO_BEFORE = new RegExp(String.raw`(?<![\p{L}])ud${HS}+af${HS}+$`, 'iu');

/**
 * Whether "N år" gives an age rather than a duration. Ages: "under N år" ("børn under 3 år"), "over N år"
 * for adult thresholds (N ≥ 15) or after a person noun ("borgere over 65 år"), "mellem 18-29 år",
 * "i alderen 0-6 år", "65 år og derover", "N år gammel". "over 10 år" after a verb is a duration
 * ("fordelt over 4 år", "i over 3 år").
 */
function isAge(text: string, m: RegExpExecArray, q: LeftQualifiers, unit: Word, figure: Figure): boolean {
  if (q.qualifier === 'lt') return true;
  if (q.qualifier === 'gt') {
    const n = figure.lo.mantissa / 10 ** figure.lo.decimals;
    return n >= 15 || PERSON_BEFORE.test(text.slice(Math.max(0, q.start - 24), m.index));
  }
  return (
    m.groups?.mlo !== undefined ||
    AGE_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index)) ||
    AGE_AFTER.test(text.slice(unit.end, unit.end + 24))
  );
}

/** Start of a line or cell (optionally a bullet) before a number: the number is a list number. */
const LINE_START_BEFORE = new RegExp(String.raw`(?:^|${BREAK})${HS}*(?:[-•*]${HS}*)?$`, 'u');

/**
 * A word after the number: a special unit (group 1), or letters with inner hyphens ("it-systemer"). No
 * named groups: a match of a regex with named groups makes a groups object, and this one runs for every
 * figure's next words.
 */
const WORD_AT = /(m[²³](?![\p{L}\p{N}])|m[23](?![\p{L}\p{N}])|km[²2]?(?![\p{L}\p{N}])|kvm\.?(?![\p{L}])|stk\.|m(?![\p{L}\p{N}]))|\p{L}+(?:-\p{L}+)*/uy;

/** Space between the words of a unit phrase: horizontal only, a phrase does not run over a line break. */
const INNER_SPACE = new RegExp(`${HS}+`, 'uy');

/** Scale words a count may carry: "1,5 mio. besøgende". */
const COUNT_SCALES: Readonly<Record<string, number>> = { mio: 1e6, mia: 1e9, millioner: 1e6, milliarder: 1e9, tusind: 1e3, tusinde: 1e3 };

/** A word read after a number. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly special: boolean;
}

function wordAt(text: string, at: number): Word | null {
  WORD_AT.lastIndex = at;
  const m = WORD_AT.exec(text);
  if (!m) return null;
  return { text: m[0], start: at, end: at + m[0].length, special: m[1] !== undefined };
}

/** The next word after `w`, across horizontal space only. */
function nextWord(text: string, w: Word): Word | null {
  INNER_SPACE.lastIndex = w.end;
  if (!INNER_SPACE.test(text)) return null;
  return wordAt(text, INNER_SPACE.lastIndex);
}

function isLower(word: string): boolean {
  const c = word[0]!;
  return c === c.toLowerCase() && c !== c.toUpperCase();
}

function isCapitalised(word: string): boolean {
  const c = word[0]!;
  return c !== c.toLowerCase();
}

/** Could this word be the counted noun? */
function isNounCandidate(w: Word): boolean {
  if (w.special) return true;
  if (!isLower(w.text) || w.text.length < 2) return false;
  const lower = w.text.toLowerCase();
  return !STOP_WORDS.has(lower) && !MONTH_WORDS.has(lower) && !NUMBER_WORD.test(lower) && !MEASURE_WORD.test(lower);
}

/**
 * Finds the counted noun starting at `at`: skips up to two modifiers (adjectives, capitalised name parts)
 * when a noun follows them. Returns null when there is no noun, or when the number is a measure adjective.
 */
export function findUnit(text: string, at: number, allowNames = true): Word | null {
  let w = wordAt(text, at);
  for (let skipped = 0; w; skipped++) {
    if (w.special) return w;
    const lower = w.text.toLowerCase();
    if (MEASURE_WORD.test(lower)) return null;
    const next = skipped < 2 ? nextWord(text, w) : null;
    if (isCapitalised(w.text)) {
      // A name part ("Politikadet"): only as a modifier of a lower-case noun further on, never a capitalised
      // function word ("3 Flere borgere" is a list number and a title), and only where the caller allows it.
      if (!allowNames || !next || skipped >= 2 || STOP_WORDS.has(lower)) return null;
      w = next;
      continue;
    }
    if (!isNounCandidate(w)) return null;
    const modifier = ADJECTIVES.has(lower) || ADJECTIVE_ENDING.test(lower);
    if (modifier && next && isNounCandidate(next)) {
      w = next;
      continue;
    }
    return ADJECTIVES.has(lower) ? null : w;
  }
  return null;
}

/** After the figure of a count: an optional scale, then horizontal space up to a letter (the noun, read in code). */
const COUNT_AFTER = String.raw`(?:${HS}?(?<scale>(?:mio|mia)\.|millioner|milliarder|tusinde?)(?![\p{L}]))?(?<gap>${HS}*)(?=\p{L})`;

/** Quantity rules. */
export const QUANTITY_RULES: readonly Rule[] = defineRules([
  {
    name: 'quantity.count-noun',
    kind: 'quantity',
    // The figure, an optional scale, then horizontal space up to a letter: the noun is read in code
    // (findUnit), which keeps the pattern itself free of open-ended word repetition. A count and its noun sit
    // on one line: a line break or a tab (a cell edge) between them ends the search ("Side 2 af 4\nSager").
    anchor: 'figure',
    starts: FIGURE_STARTS,
    source: `${figureSource()}${COUNT_AFTER}`,
    figure: { after: sticky(COUNT_AFTER) },
    build: (m, text): QuantityFact | null => {
      const g = m.groups!;
      const gap = g.gap!;
      // Capitalised name parts may stand between a count and its noun ("To Politikadet Junior forløb"), but
      // not after a digit that opens a line or cell, which is a list number ("3 Indkøb af it-system").
      const allowNames = !(/^\d/.test(m[0]) && LINE_START_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)));
      // Cheapest and most selective first: most numbers have no noun after them.
      const unit = findUnit(text, m.index + m[0].length, allowNames);
      if (!unit) return null;
      const figure = readFigure(m);
      if (!figure) return null;
      if (isLabelledNumber(text, m.index) || isStreetNumber(text, m.index)) return null;
      // "3.500m²" is fine, "69A" or "2015frigav" is not: without a space only symbol units may follow.
      if (gap.length === 0 && !unit.special) return null;
      const q = qualifiersBefore(text, m.index);
      const unitLower = unit.text.toLowerCase();
      // "I 2015 frigav …": a plain year-like number is a year unless a qualifier makes it an amount.
      // Symbol units are never years ("2000 m²").
      const yearLike = figure.raw.some((r) => isPlainDigits(r) && Number(r) >= 1900 && Number(r) <= 2100);
      if (yearLike && !unit.special && !q.approx && !q.qualifier) return null;
      if ((unitLower === 'år' || unitLower === 'året') && isAge(text, m, q, unit, figure)) return null;
      // "seks ud af ti borgere" is a proportion, not ten citizens.
      if (RATIO_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
      const scaleWord = g.scale?.replace(/\.$/, '').toLowerCase();
      const factor = scaleWord ? (COUNT_SCALES[scaleWord] ?? 1) : 1;
      const fields = rangeFields(figure, (d) => scaleDecimal(d, factor));
      return {
        kind: 'quantity',
        text: text.slice(q.start, unit.end),
        span: [q.start, unit.end],
        ...fields,
        unit: unit.text,
        approx: q.approx,
        qualifier: q.qualifier,
      };
    },
  },
]);

