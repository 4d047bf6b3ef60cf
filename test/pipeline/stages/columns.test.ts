import { describe, expect, it } from 'vitest';
import { resolveColumns } from '../../../pipeline/stages/columns.js';
import { roleOfHeader } from '../../../pipeline/vocabulary/headers.js';

describe('column roles', () => {
  it('knows the wordings of the synonym table', () => {
    expect(roleOfHeader('STRATEGISK MÅLSÆTNING')).toBe('goal');
    expect(roleOfHeader('IVÆRKSATTE TILTAG/ KONKRETE INDSATSER')).toBe('initiatives');
    expect(roleOfHeader('RESULTATER')).toBe('results');
    expect(roleOfHeader('Resultatmål')).toBe('goal');
    expect(roleOfHeader('Status')).toBe('results');
    expect(roleOfHeader('Beskrivelse')).toBe('initiatives');
    expect(roleOfHeader('Nr.')).toBe('other');
    expect(roleOfHeader('Initiativ (nr.)')).toBe('goal');
    expect(roleOfHeader('Vejrudsigt')).toBeNull();
  });

  it('falls back to position for unknown wording, with a warning per column', () => {
    const r = resolveColumns(['Emne', 'Hvad vi gjorde', 'Hvordan det gik'], 3, { line: 4 });
    expect(r.value.map((c) => c.role)).toEqual(['goal', 'initiatives', 'results']);
    expect(r.diagnostics.filter((d) => d.code === 'unknown-column')).toHaveLength(2);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', line: 4 });
  });

  it('fills a two-column table as goal and results', () => {
    const r = resolveColumns(['Resultatmål', 'Status'], 2);
    expect(r.value.map((c) => c.role)).toEqual(['goal', 'results']);
    expect(r.diagnostics).toEqual([]);
  });

  it('lets --columns override the header', () => {
    const r = resolveColumns(['A', 'B', 'C'], 3, { override: ['other', 'goal', 'results'] });
    expect(r.value.map((c) => c.role)).toEqual(['other', 'goal', 'results']);
    expect(resolveColumns(['A', 'B'], 2, { override: ['goal'] }).diagnostics[0]!.code).toBe('columns-override');
  });
});
