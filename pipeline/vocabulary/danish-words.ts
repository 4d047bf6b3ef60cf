/**
 * Danish word lists that more than one reader uses. One home each, so that a word added for one reader
 * is added for all of them.
 */

/**
 * Words that, right after a dash, show the dash belongs to a compound or a phrase ("Erhvervs- og
 * Beskæftigelsesudvalget", "bolig- som erhvervsområder", "- i alt") rather than cutting a word at a line
 * end or opening a "- " list item.
 */
export const WORDS_AFTER_COMPOUND_DASH: readonly string[] = ['og', 'eller', 'samt', 'el.', '&', 'til', 'som', 'i'];

/** `WORDS_AFTER_COMPOUND_DASH` as a regular-expression alternation (for lookaheads). */
export const WORDS_AFTER_COMPOUND_DASH_PATTERN = WORDS_AFTER_COMPOUND_DASH.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
