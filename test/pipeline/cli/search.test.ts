import { describe, expect, it } from 'vitest';
import { formatHit } from '../../../pipeline/cli/search.js';
import type { SearchHit } from '../../../output/sqlite/search.js';

describe('formatHit', () => {
  it('shows control characters from the documents escaped, and quotes a report path holding one', () => {
    const hit: SearchHit = {
      goalId: 'abc-1-x',
      reportId: 'abc',
      reportTitle: 'Status\u001b]0;owned\u0007',
      reportPath: 'in/evil\nname.txt',
      table: 1,
      section: 'LEDELSE\u009b31m',
      group: null,
      ordinal: 1,
      title: 'Sygefravær\u001b[2J',
      pages: [1, 2],
      snippet: 'før [sygefravær]\u2028efter\r',
      score: -1,
    };
    const text = formatHit(hit, 1);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(text).toContain('Sygefravær\\u001b[2J');
    expect(text).toContain('[LEDELSE\\u009b31m]');
    expect(text).toContain('of "in/evil\\nname.txt" (Status\\u001b]0;owned\\u0007)');
    expect(text).toContain('før [sygefravær]\\u2028efter\\r');
  });
});
