import { describe, expect, it } from 'vitest';
import { diagnose, formatDiagnostic, hasFailures, renderMessage } from '../../pipeline/diagnostics.js';
import { Diagnostic, DiagnosticCode } from '../../schemas/diagnostic.js';

describe('the diagnostic catalogue', () => {
  it('keeps the code, its params and the position on the record, with the wording rendered from them', () => {
    const d = diagnose('too-large', { bytes: 60 * 1024 * 1024, limit: 50 * 1024 * 1024 }, { page: null, line: null });
    expect(d).toEqual({
      severity: 'error',
      code: 'too-large',
      params: { bytes: 62914560, limit: 52428800 },
      message: renderMessage('too-large', { bytes: 62914560, limit: 52428800 }),
      page: null,
      line: null,
      column: null,
    });
    expect(d.message).toContain('60.0 MB');
    // A code without params still gets an (empty) params record.
    expect(diagnose('empty-input').params).toEqual({});
  });

  it('gives every code a severity and wording, and each rendered record is a valid stored diagnostic', () => {
    const sample: Record<string, unknown> = { from: 1, to: 2, texts: 2, file: 'a.meta.json', reason: 'no-table-element', detail: 'x', format: 'docx', word: 'ord', label: 'Type', role: 'goal', index: 0, found: 4, expected: 3, images: true, bytes: 1, limit: 1, kind: 'fifo', target: '/etc', root: 'inbox', count: 1, depth: 300, markup: 'script', chars: 12, share: 0.1, sourceChars: 3000, typical: 2000, columns: 300, extensions: '.txt, .pdf', option: '--db', folder: 'out', key: '1-mål', host: 'worker-2', tags: 200_000, limitMb: 1024, objects: 9, error: 'x', pieces: 3, rules: 1, streams: 2 };
    for (const code of DiagnosticCode.options) {
      const d = diagnose(code as 'internal-error', sample as { detail: string });
      expect(Diagnostic.parse(d)).toMatchObject({ code });
      expect(d.message, code).not.toMatch(/undefined/);
    }
  });

  it('formats a record for a terminal in one place, and decides failures at the boundary', () => {
    const warning = diagnose('word-rejoined', { word: 'styrelsesvedtægt' }, { page: 2, line: 30 });
    expect(formatDiagnostic('a.txt', warning)).toBe(`a.txt:30:1: info word-rejoined: ${warning.message} (page 2)`);
    expect(formatDiagnostic('-', diagnose('cannot-read', { reason: 'permission denied' }))).toBe('-: error cannot-read: permission denied');
    const unknown = diagnose('unknown-column', { label: 'Type', role: 'goal', index: 0, reason: 'position' });
    expect(hasFailures([unknown])).toBe(false);
    expect(hasFailures([unknown], true)).toBe(true);
  });

  it('keeps a formatted diagnostic on one line, whatever the document or the file name holds', () => {
    // A document's text reaches messages (a rejoined word, a label): ESC, C1 controls, line breaks.
    const hostile = diagnose('word-rejoined', { word: 'a\u001b[2J\u009bb\nc\r\td\u2028e\u202ef' }, { page: 1, line: 2 });
    const line = formatDiagnostic('a.txt', hostile);
    expect(line).toMatch(/^a\.txt:2:1: info word-rejoined: .* \(page 1\)$/);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect(line).toContain('a\\u001b[2J\\u009bb\\nc\\r\\td\\u2028e\\u202ef');
    // A newline in a file name cannot forge a line: the name is quoted, JSON-style.
    const forged = 'x.txt: error fake: all good\nreal.txt';
    const named = formatDiagnostic(forged, diagnose('empty-input', undefined, { line: 1 }));
    expect(named.startsWith(`${JSON.stringify(forged)}:1:1: error empty-input: `)).toBe(true);
    expect(named).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    // An ordinary name (spaces, æøå, backslashes) is printed as it is.
    expect(formatDiagnostic('rapport med æøå\\x.txt', diagnose('empty-input'))).toMatch(/^rapport med æøå\\x\.txt: error/);
  });
});
