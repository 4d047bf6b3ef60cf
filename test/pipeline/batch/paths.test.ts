import { describe, expect, it } from 'vitest';
import { portablePath } from '../../../pipeline/batch/paths.js';

describe('portablePath', () => {
  it('makes a path relative to the given working directory, with "/" separators', () => {
    expect(portablePath('/data/reports/2017/a.txt', '/data')).toBe('reports/2017/a.txt');
    expect(portablePath('/data/a.txt', '/data/reports')).toBe('../a.txt');
    expect(portablePath('reports/a.txt', process.cwd())).toBe('reports/a.txt');
    expect(portablePath('/data', '/data')).toBe('.');
  });
});
