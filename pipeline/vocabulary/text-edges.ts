/**
 * Reading the edges of a cell: how its text ends before a page break and how the next part starts.
 * These are the evidence for deciding that a row continues the one above it.
 */
import { WORDS_AFTER_COMPOUND_DASH_PATTERN } from './danish-words.js';
/** Danish words that cannot end a title or sentence: a text ending in one was cut off. */
const FUNCTION_WORDS = new Set([
  'og', 'eller', 'samt', 'af', 'for', 'til', 'i', 'på', 'med', 'om', 'fra', 'at', 'der', 'som', 'en', 'et',
  'den', 'det', 'de', 'ved', 'under', 'over', 'mod', 'efter', 'hos', 'mellem', 'uden', 'inden', 'blandt',
  'gennem', 'via', 'jf.', 'bl.a.', 'herunder', 'hvor', 'når', 'men', 'så', 'har', 'er', 'blev', 'skal', 'vil',
  'kan', 'the', 'and', 'of',
]);

/** Words after a break that show a line-end dash was a real compound dash ("Erhvervs- og …"). */
const CONJUNCTION_AFTER_DASH = new RegExp(String.raw`^(?:${WORDS_AFTER_COMPOUND_DASH_PATTERN})(?:\s|$)`, 'u');

/** True when text ends with a word cut by a hyphen ("styrelses-"), not a compound dash before a conjunction. */
export function endsWithWordHyphen(text: string): boolean {
  return /\p{L}-$/u.test(text);
}

/** True when the text ends with sentence or clause punctuation. */
export function endsFinished(text: string): boolean {
  return /[.!?:;…)\]"”»]$/u.test(text);
}

/** True when the last word is a function word (the text was cut mid-phrase). */
export function endsWithFunctionWord(text: string): boolean {
  const last = text.slice(text.lastIndexOf(' ') + 1).toLowerCase();
  return FUNCTION_WORDS.has(last);
}

/** True when text starts with a lower-case letter (it continues a sentence). */
export function startsLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

/** True when text starts with an upper-case letter. */
export function startsUpperCase(text: string): boolean {
  return /^\p{Lu}/u.test(text);
}

/** True when a line-end hyphen followed by `next` is a word split, not a compound dash ("Erhvervs- og"). */
export function isWordSplit(prevText: string, nextText: string): boolean {
  return endsWithWordHyphen(prevText) && startsLowerCase(nextText) && !CONJUNCTION_AFTER_DASH.test(nextText);
}
