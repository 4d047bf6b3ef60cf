/**
 * Characters of text: what counts as white space, and how many characters of text a string holds
 * (to compare a report with its source, see `stages/coverage.ts`).
 */

/** True for the code of a white-space character (what `\s` matches). */
export function isWhiteSpaceCode(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True for the code of a character of text: not white space, a soft hyphen or a zero-width space. */
export function isTextCode(c: number): boolean {
  // Printable ASCII and the C1 range, the common case, first: none of them is white space.
  if (c > 0x20 && c < 0xa0) return true;
  return !isWhiteSpaceCode(c) && c !== 0xad && c !== 0x200b;
}

/** How many characters of text a string holds (see `isTextCode`). */
export function textCharCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isTextCode(text.charCodeAt(i))) count++;
  return count;
}

/**
 * The text without the characters at its end that `char` (a one-character pattern) matches. A scan
 * from the end: `/[.:;,]+$/` retries a long run of them from each of its characters.
 */
export function withoutTrailing(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}
