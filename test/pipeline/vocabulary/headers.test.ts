/** Header rules shared by the formats and the columns stage. */
import { describe, expect, it } from 'vitest';
import { headerNumbersGoals, isNumberHeader, repeatsHeader, roleOfHeader } from '../../../pipeline/vocabulary/headers.js';

describe('column wordings', () => {
  it('drops a sub-header that renames a column under a section, not a row of content', () => {
    const header = ['Sag', 'Afd.', 'Til politisk behandling'];
    expect(repeatsHeader(['Sag', 'Afd.', 'Vedtaget'], header)).toBe(true);
    expect(repeatsHeader(['Sag', 'Afd.', 'Forventet fremsendt'], header)).toBe(true);
    expect(repeatsHeader(['Serviceniveau for 2026', 'Borgervelfærd', 'November'], header)).toBe(false);
    expect(repeatsHeader(['Sag om noget', 'Afd.', 'Til politisk behandling'], header)).toBe(false);
  });

  it('knows number columns and numbered goal headers', () => {
    expect(isNumberHeader('Nr.')).toBe(true);
    expect(isNumberHeader('Løbenummer')).toBe(true);
    expect(isNumberHeader('Status')).toBe(false);
    expect(headerNumbersGoals('Initiativ (nr.)')).toBe(true);
    expect(headerNumbersGoals('Initiativ')).toBe(false);
    expect(roleOfHeader('Initiativ (nr.)')).toBe('goal');
    expect(roleOfHeader('Forventet fremsendt')).toBe('results');
  });
});
