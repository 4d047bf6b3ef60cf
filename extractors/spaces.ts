/**
 * The white space a fact may contain. A fact never spans two lines or two cells: the pipeline extracts
 * from one cell at a time, but a cell's text has one line per paragraph or list item, and the `facts`
 * command reads whole documents, where a tab is a cell edge. So inside a fact only horizontal space is
 * allowed: spaces and the no-break spaces Word and PDFs put between a figure and its unit. `\s` would
 * also take line breaks and tabs; no rule uses it.
 */

/**
 * The horizontal space characters, as the inside of a regex class (to combine with others): space, no-break
 * space (U+00A0), the typographic spaces U+2000–U+200A (thin, figure, …), narrow no-break space (U+202F),
 * U+205F and the ideographic space. Never a tab, a line or paragraph break, a form feed or a vertical tab.
 */
export const HS_CHARS = String.raw` \u00a0\u2000-\u200a\u202f\u205f\u3000`;

/** The characters of {@link HS_CHARS}, listed (for code that checks a character rather than a regex). */
export const HS_LIST = ` \u00a0${Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)).join('')}\u202f\u205f\u3000`;

/** {@link HS_CHARS} as a class: one horizontal space. */
export const HS = `[${HS_CHARS}]`;

/**
 * One character that ends a line or a cell, as a regex class source: line feed, carriage return, tab,
 * vertical tab, form feed, next line (U+0085) and the Unicode line and paragraph separators.
 */
export const BREAK = String.raw`[\n\r\t\v\f\u0085\u2028\u2029]`;

/** Anything but a line or cell break, as a regex class source. */
export const NOT_BREAK = String.raw`[^\n\r\t\v\f\u0085\u2028\u2029]`;
