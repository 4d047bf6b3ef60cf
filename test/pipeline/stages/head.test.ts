import { describe, expect, it } from 'vitest';
import { committeeOf, periodOf } from '../../../pipeline/stages/head.js';

describe('document head', () => {
  it.each([
    ['Status på Økonomiudvalgets strategiske indsatser', 'Økonomiudvalget'],
    ['Beskæftigelses- og Erhvervsudvalgets møde', 'Beskæftigelses- og Erhvervsudvalget'],
    ['Sundheds- og Omsorgsudvalget 3. juni 2024', 'Sundheds- og Omsorgsudvalget'],
    ['Kommunalbestyrelsens vision', 'Kommunalbestyrelsen'],
    ['Byrådets beslutning', 'Byrådet'],
    ['Til: Udvalget', null],
    ['Rådet mødes', null],
    ['Ingen politisk enhed her', null],
  ])('committee of "%s" is %s', (title, committee) => {
    expect(committeeOf(title)).toBe(committee);
  });

  it('reads the period a title names', () => {
    expect(periodOf('Status i valgperioden 2014-2017')).toEqual({ start: '2014', end: '2017' });
    expect(periodOf('Handleplan 2018-21')).toEqual({ start: '2018', end: '2021' });
    expect(periodOf('Status uden år')).toBeNull();
  });
});
