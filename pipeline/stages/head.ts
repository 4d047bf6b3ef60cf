/**
 * The document head: title, intro, and the committee and period the title names
 * ("Status på Økonomiudvalgets … i valgperioden 2014-2017" → "Økonomiudvalget", 2014–2017).
 */
import { extractFacts } from '../../extractors/index.js';
import type { PeriodFact } from '../../schemas/fact.js';

/**
 * Political bodies, in their definite form, with the genitive or indefinite endings a title may use.
 * Compounds count ("Sundheds- og Omsorgsudvalget", "Børne- og Ungeudvalgets").
 */
const COMMITTEE = new RegExp(
  // \p{L}+ before the body: a bare "Udvalget" or "Rådet" (as in "Til: Udvalget") names no particular one.
  String.raw`((?:\p{L}+-\s+(?:og|&)\s+)?\p{L}+(?:udvalg|bestyrelse|råd|forvaltning))(ets|et|ens|en|ns|n|s)?(?![\p{L}])`,
  'iu',
);

/** Definite-form suffix per body kind, so "Økonomiudvalgs" and "Økonomiudvalgets" both give "Økonomiudvalget". */
const DEFINITE_SUFFIX: ReadonlyArray<[RegExp, string]> = [
  [/udvalg$/iu, 'et'],
  [/byråd$/iu, 'et'],
  [/råd$/iu, 'et'],
  [/bestyrelse$/iu, 'n'],
  [/forvaltning$/iu, 'en'],
];

/** The committee a title names, in its definite form, or null. */
export function committeeOf(text: string): string | null {
  const m = COMMITTEE.exec(text);
  if (!m || !m[1]) return null;
  const base = m[1];
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
