/**
 * Totals rows: the labels that say a row adds up the rows above it ("I alt", "Sum", "Udmøntet sum",
 * "Total", "Samlet"), so its figures are not one more item's.
 */

/** A totals label at the start of a row's item name; "I alt" and kin may be followed by what is summed. */
const TOTAL_LABEL = /^(?:i\s*alt|sum|total|totalt|samlet|samlet\s+sum|udmøntet\s+sum|hovedtotal|subtotal|sum\s+i\s+alt)(?=$|[\s:,.(-])/iu;

/** A totals label at the end of a row's item name: "Ordinær drift i alt", "Udmøntes sum", "Anlæg total". */
// The space after a note belongs to it: two `\s*` side by side share a long run of spaces every way.
const TOTAL_ENDING = /(?:^|\s)(?:i\s+alt|sum|total|totalt)\s*(?:\([^)]*\)\s*)?:?$/iu;

/** True when a row's item name (or first filled cell) marks it as a totals row. */
export function isTotalLabel(text: string): boolean {
  const t = text.trim();
  return TOTAL_LABEL.test(t) || TOTAL_ENDING.test(t);
}

/** A label-only row ends in a colon and introduces the rows under it ("Udmøntes:"). */
export function isLabelOnly(text: string): boolean {
  return /:\s*$/u.test(text) && text.trim().length <= 80;
}
