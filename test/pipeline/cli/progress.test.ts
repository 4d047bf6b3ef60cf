import { describe, expect, it } from 'vitest';
import { formatRate, formatTimeLeft } from '../../../pipeline/cli/progress.js';

describe('the progress line', () => {
  it('shows the rate in files per second, with a decimal only for slow runs', () => {
    expect(formatRate(0, 0)).toBe('…');
    expect(formatRate(3, 2)).toBe('1.5');
    expect(formatRate(250, 2)).toBe('125');
  });

  it('shows the time left at the rate so far, once the total is known', () => {
    expect(formatTimeLeft(10, null, 5)).toBe('…');
    expect(formatTimeLeft(0, 100, 5)).toBe('…');
    // 10 files in 5 s: 90 more take 45 s.
    expect(formatTimeLeft(10, 100, 5)).toBe('45 s');
    expect(formatTimeLeft(10, 1000, 5)).toBe('8 min 15 s');
    expect(formatTimeLeft(1, 10_000, 1)).toBe('2 h 46 min');
    // More settled than counted (files added while the count ran) is no time left, not a negative one.
    expect(formatTimeLeft(12, 10, 5)).toBe('0 s');
  });
});
