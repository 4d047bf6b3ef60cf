import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../pipeline/formats/sniff.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffFormat', () => {
  it('reads a table in markup as HTML unless three or more lines hold tabs (a text report with HTML cells)', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `Mål ${i}\t<p>Status</p>`).join('\n');
    expect(sniffFormat(bytes(`<table>\n${rows(2)}`))).toBe('html');
    expect(sniffFormat(bytes(`<table>\n${rows(3)}`))).toBe('text');
    // A line counts once however many tabs it holds, and a carriage return does not end it.
    expect(sniffFormat(bytes('<table>\na\tb\tc\td\re\tf\n'))).toBe('html');
    expect(sniffFormat(bytes('<p>x</p>\n\t\n\t\n\t'))).toBe('text');
  });

  it('tells PDF by its signature and plain text otherwise', () => {
    expect(sniffFormat(bytes('  %PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(bytes('Titel\nMål\tStatus\n'))).toBe('text');
  });
});
