import { describe, expect, it } from 'vitest';
import { isLabelOnly, isTotalLabel } from '../../../pipeline/vocabulary/totals.js';

describe('totals rows', () => {
  it.each([
    'I alt', 'I alt 2023-2034', 'Sum', 'Total', 'Udmøntet sum', 'Udmøntes sum', 'Ordinær drift i alt',
    'Det skattefinansierede område i alt', 'Anlæg total', 'Sum i alt', 'Hovedtotal',
  ])('"%s" adds up the rows above', (label) => {
    expect(isTotalLabel(label)).toBe(true);
  });

  it.each(['Skolevej', 'Summerhouse', 'Totalrenovering af taget', 'Summen af tiltag', 'Altan', 'Forbrug i alt er steget med 3 mio. kr.'])(
    '"%s" is an item',
    (label) => {
      expect(isTotalLabel(label)).toBe(false);
    },
  );

  it('reads a short label ending in a colon as a label row', () => {
    expect(isLabelOnly('Udmøntes:')).toBe(true);
    expect(isLabelOnly('Skolevej')).toBe(false);
  });
});
