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
    const sample: Record<string, unknown> = { from: 1, to: 2, texts: 2, file: 'a.meta.json', reason: 'no-table-element', detail: 'x', format: 'docx', word: 'ord', label: 'Type', role: 'goal', index: 0, found: 4, expected: 3, images: true, bytes: 1, limit: 1 };
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
});
