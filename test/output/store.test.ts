/** Choosing and naming a store: which targets are PostgreSQL, and URLs shown without their password. */
import { describe, expect, it } from 'vitest';
import { isPostgresTarget, redactUrl } from '../../output/store.js';
import { defaultDbTarget } from '../../pipeline/cli/shared.js';

describe('store targets', () => {
  it('takes postgres:// and postgresql:// URLs as PostgreSQL, anything else as a SQLite file', () => {
    expect(['postgres://h/db', 'POSTGRESQL://u@h:5433/db'].map(isPostgresTarget)).toEqual([true, true]);
    expect(['out/reports.sqlite', 'postgres.sqlite', 'mysql://h/db', './postgres://x'].map(isPostgresTarget)).toEqual([false, false, false, false]);
  });

  it('replaces a password with *** and leaves a URL without one as it is', () => {
    expect(redactUrl('postgres://etl:s3cr%40t@db.example:5432/reports?sslmode=require')).toBe('postgres://etl:***@db.example:5432/reports?sslmode=require');
    expect(redactUrl('postgres://etl@db.example/reports')).toBe('postgres://etl@db.example/reports');
    expect(redactUrl('out/reports.sqlite')).toBe('out/reports.sqlite');
  });

  it('defaults --db to DATABASE_URL only when it names PostgreSQL', () => {
    expect(defaultDbTarget({ DATABASE_URL: 'postgres://h/db' })).toBe('postgres://h/db');
    expect(defaultDbTarget({ DATABASE_URL: 'mysql://h/db' })).toBe('out/reports.sqlite');
    expect(defaultDbTarget({})).toBe('out/reports.sqlite');
  });
});
