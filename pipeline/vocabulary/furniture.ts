/**
 * Page furniture: running headers and footers that PDF extraction leaves between table rows
 * ("Side 2 af 4", a bare page number). They carry no content and are dropped.
 */

// Written so that no two quantifiers can share a run of spaces ("\s*-?\s*" retries every split of
// a long run between its two halves).
const RUNNING_LINE_PATTERNS: readonly RegExp[] = [
  /^\s*(?:side|page|s\.)\s*\d+(?:\s*(?:af|of|\/)\s*\d+)?\s*$/iu,
  /^\s*(?:-\s*)?\d{1,4}\s*(?:-\s*)?$/u,
  /^\s*\d+\s*\/\s*\d+\s*$/u,
];

/** True when a line is only a page number or "Side N af M" style furniture. */
export function isRunningHeaderOrFooter(text: string): boolean {
  return RUNNING_LINE_PATTERNS.some((p) => p.test(text));
}
