/**
 * Joining a PDF cell's lines: what a hyphen at a line end becomes (line-wrap hyphen, compound dash,
 * name hyphen, soft hyphen, or the marker of a glued "- " list item).
 */
import { describe, expect, it } from 'vitest';
import { joinLines } from '../../../pipeline/formats/pdf-lines.js';

describe('joinLines: a hyphen at a line end', () => {
  it('keeps the hyphen of a compound before a capital or a digit, with no space', () => {
    expect(joinLines(['Lyngby-', 'Tårnbæk kommune'])).toBe('Lyngby-Tårnbæk kommune');
    expect(joinLines(['strategi 2014-', '2019'])).toBe('strategi 2014-2019');
  });

  it('keeps the compound dash before a conjunction, with a space', () => {
    expect(joinLines(['Erhvervs-', 'og Beskæftigelsesudvalget'])).toBe('Erhvervs- og Beskæftigelsesudvalget');
  });

  it('rejoins a word split by the line wrap only when the document uses it unsplit', () => {
    expect(joinLines(['de admini-', 'strative opgaver'], new Set(['administrative']))).toBe('de administrative opgaver');
    expect(joinLines(['tilbagebetaling af kontant-', 'hjælp'], new Set())).toBe('tilbagebetaling af kontant-hjælp');
    expect(joinLines(['kontant-', 'hjælp'], new Set(['kontanthjælp', 'kontant-hjælp']))).toBe('kontant-hjælp');
  });

  it('always drops a soft hyphen', () => {
    expect(joinLines(['styrelses\u00ad', 'vedtægt'])).toBe('styrelsesvedtægt');
  });

  it('in a list of glued "- " items, reads a line-end hyphen as the next marker unless it makes a compound', () => {
    expect(joinLines(['- Mere monitor (har vundet 2 år i træk)-', 'Skaterparker og legepladser- Disk golf-', 'Tingstedet i Måløv'])).toBe(
      '- Mere monitor (har vundet 2 år i træk)- Skaterparker og legepladser- Disk golf- Tingstedet i Måløv',
    );
    expect(joinLines(['- To Politikadet Junior forløb- Mentor-', 'Coach uddannelse'])).toBe('- To Politikadet Junior forløb- Mentor-Coach uddannelse');
    expect(joinLines(['- Børne- og ungeområdet- Erhvervsområdet-', 'Det mellemfolkelige'])).toBe('- Børne- og ungeområdet- Erhvervsområdet- Det mellemfolkelige');
    expect(joinLines(['- at styrke den sociale kapital i kommunen-', 'herunder at fokusere'])).toBe('- at styrke den sociale kapital i kommunen- herunder at fokusere');
  });

  it('joins ordinary lines with a space', () => {
    expect(joinLines(['en politisk', 'drøftelse'])).toBe('en politisk drøftelse');
  });
});
