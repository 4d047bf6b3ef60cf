/**
 * The document head: title, intro, and the committee and period the title names
 * ("Status på Økonomiudvalgets … i valgperioden 2014-2017" → "Økonomiudvalget", 2014–2017).
 */
import { extractFacts } from '../../extractors/index.js';
import type { PeriodFact } from '../../schemas/fact.js';

/** Political bodies, as the end of a word ("Økonomiudvalg", "Byråd", "Skolebestyrelse", "Teknisk Forvaltning"). */
const BODIES = ['udvalg', 'bestyrelse', 'råd', 'forvaltning'] as const;
/** The genitive or definite endings a title may put after a body ("Økonomiudvalgets"), longest first. */
const BODY_ENDINGS: ReadonlySet<string> = new Set(['ets', 'et', 'ens', 'en', 'ns', 'n', 's', '']);
/** Longest body and longest ending, in characters. */
const MAX_BODY = Math.max(...BODIES.map((b) => b.length));
const MAX_ENDING = 3;

/** Definite-form suffix per body kind, so "Økonomiudvalgs" and "Økonomiudvalgets" both give "Økonomiudvalget". */
const DEFINITE_SUFFIX: ReadonlyArray<[RegExp, string]> = [
  [/udvalg$/iu, 'et'],
  [/byråd$/iu, 'et'],
  [/råd$/iu, 'et'],
  [/bestyrelse$/iu, 'n'],
  [/forvaltning$/iu, 'en'],
];

/** Runs of letters, the words a body name is made of. */
const WORD = /\p{L}+/gu;
/** What joins the first part of a compound name to the rest: "Børne- og ", "Teknik- & ". */
const COMPOUND_JOIN = /-\s+(?:og|&)\s+(?=\p{L})/iuy;

/**
 * The word up to the end of its body ("Økonomiudvalg" of "Økonomiudvalgets"), or null when the word
 * is not a body with one of its endings after at least one letter ("Udvalget" names no particular
 * one). The body that starts latest wins, as the greedy `\p{L}+` of the pattern this replaces chose.
 */
function bodyOfWord(word: string): string | null {
  const earliest = Math.max(1, word.length - MAX_BODY - MAX_ENDING);
  for (let start = word.length - 1; start >= earliest; start--) {
    for (const body of BODIES) {
      const end = start + body.length;
      if (word.slice(start, end).toLowerCase() === body && BODY_ENDINGS.has(word.slice(end).toLowerCase())) return word.slice(0, end);
    }
  }
  return null;
}

/**
 * The committee a title names, in its definite form, or null. Compounds count ("Sundheds- og
 * Omsorgsudvalget", "Børne- og Ungeudvalgets"). Read word by word, linear in the title: the regex it
 * replaces retried its `\p{L}+` from every letter of a long word, quadratic in it.
 */
export function committeeOf(text: string): string | null {
  const words = [...text.matchAll(WORD)];
  let base: string | null = null;
  for (let i = 0; i < words.length && base === null; i++) {
    const word = words[i]!;
    const end = word.index + word[0].length;
    COMPOUND_JOIN.lastIndex = end;
    // The word after the join ("og" is a word of its own, "&" is not).
    const next = COMPOUND_JOIN.test(text) ? words.slice(i + 1, i + 3).find((w) => w.index === COMPOUND_JOIN.lastIndex) : undefined;
    const compound = next ? bodyOfWord(next[0]) : null;
    base = compound !== null ? text.slice(word.index, next!.index) + compound : bodyOfWord(word[0]);
  }
  if (base === null) return null;
  // A lower-case single word ("udvalget", "rådet") names no particular body.
  if (!/\p{Lu}/u.test(base)) return null;
  const suffix = DEFINITE_SUFFIX.find(([re]) => re.test(base))?.[1] ?? '';
  return base + suffix;
}

/** The period a title names (the first period with a year grain, e.g. "valgperioden 2014-2017"), or null. */
export function periodOf(text: string): { start: string; end: string } | null {
  const periods = extractFacts(text).filter((f): f is PeriodFact => f.kind === 'period');
  const p = periods.find((f) => f.grain === 'year') ?? periods[0];
  return p ? { start: p.start, end: p.end } : null;
}
