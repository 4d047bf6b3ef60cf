/**
 * `schemas/enum-values.ts`, the zod enums' value lists written out without zod: generated from the
 * schemas, committed, never stale, and what the database's CHECK constraints take.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENUM_VALUES } from '../../schemas/enum-values.js';
import { ENUM_VALUES_PATH, enumValuesModuleText, enumValuesOfSchemas } from '../../schemas/enum-values-text.js';
import { ColumnRole } from '../../schemas/report.js';
import { CHECKED_COLUMNS } from '../../output/sqlite/schema.js';

describe('enum values without zod', () => {
  it(`${ENUM_VALUES_PATH} is what the zod schemas generate (run "npm run schema" when this fails)`, () => {
    expect(readFileSync(ENUM_VALUES_PATH, 'utf8'), `${ENUM_VALUES_PATH} is stale: run "npm run schema" and commit it`).toBe(enumValuesModuleText());
    expect(ENUM_VALUES).toEqual(enumValuesOfSchemas());
  });

  it('reads every list off its schema, in order', () => {
    expect(ENUM_VALUES.columnRole).toEqual(ColumnRole.options);
    expect(ENUM_VALUES.factKind).toEqual(['money', 'percent', 'date', 'period', 'year', 'quantity']);
    expect(ENUM_VALUES.blockType).toContain('list');
  });

  it('gives the CHECK constraints their values', () => {
    const roles = CHECKED_COLUMNS.find(([t, c]) => t === 'report_columns' && c === 'role');
    expect(roles?.[2]).toEqual(ColumnRole.options);
    const blocks = CHECKED_COLUMNS.find(([t, c]) => t === 'cell_blocks' && c === 'type');
    expect(blocks?.[2]).toContain('list_item');
    expect(blocks?.[2]).not.toContain('list');
  });
});
