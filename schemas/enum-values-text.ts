/**
 * The text of `schemas/enum-values.ts`: the value lists of the zod enums that the database's CHECK
 * constraints and the command line's option checks need, written out as plain constants. The zod
 * schemas stay the single source of truth; `npm run schema` rewrites the file from them, and a test
 * fails when it is stale.
 *
 * Why a generated copy: loading zod (95 modules) and building the schemas took about a fifth of an
 * unchanged re-run of batch ingestion (some 60 ms of 300), whose main thread validates nothing; the
 * DDL it runs on every open only needs these lists.
 */
import { Severity } from './diagnostic.js';
import { AmountScale, DateFact, Fact, FactField, Series } from './fact.js';
import { Block, ColumnRole, RoleSource, Source } from './report.js';
import { ReviewDecision } from './review.js';

/** The path of the generated module, relative to the package root. */
export const ENUM_VALUES_PATH = 'schemas/enum-values.ts';

/** Every value list of the generated module, by its name there, read off the zod schemas. */
export function enumValuesOfSchemas(): Record<string, readonly string[]> {
  return {
    sourceFormat: Source.shape.format.options,
    columnRole: ColumnRole.options,
    roleSource: RoleSource.options,
    amountScaleFrom: AmountScale.shape.from.options,
    blockType: Block.options.map(({ shape }) => shape.type.value),
    factKind: Fact.options.map(({ shape }) => shape.kind.value),
    factField: FactField.options,
    dateYearFrom: DateFact.shape.yearFrom.unwrap().options,
    seriesUnit: Series.shape.unit.options,
    severity: Severity.options,
    reviewDecision: ReviewDecision.options,
  };
}

/** Where each list comes from (the generated module's TSDoc of it). */
const ORIGINS: Record<string, string> = {
  sourceFormat: '`Source.format`',
  columnRole: '`ColumnRole`',
  roleSource: '`RoleSource`',
  amountScaleFrom: '`AmountScale.from`',
  blockType: 'The `type` of each member of the `Block` union',
  factKind: 'The `kind` of each member of the `Fact` union',
  factField: '`FactField`',
  dateYearFrom: '`DateFact.yearFrom`',
  seriesUnit: '`Series.unit`',
  severity: '`Severity`',
  reviewDecision: '`ReviewDecision`',
};

/** The generated module's text (what `npm run schema` writes to `ENUM_VALUES_PATH`). */
export function enumValuesModuleText(): string {
  const lists = Object.entries(enumValuesOfSchemas()).map(([name, values]) => {
    const origin = ORIGINS[name];
    if (!origin) throw new Error(`enum-values: no origin written for ${name}`);
    return `  /** ${origin}. */\n  ${name}: [${values.map((v) => `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(', ')}],`;
  });
  return [
    '// Generated from the zod schemas by `npm run schema` (schemas/enum-values-text.ts): do not edit.',
    '/**',
    ' * The value lists of the zod enums, without zod: what the database DDL and the command line',
    ' * check values against, on a thread that never loads the schemas (see `enum-values-text.ts`).',
    ' */',
    '',
    '/** Each list as the zod schema names its values, in its order. */',
    'export const ENUM_VALUES = {',
    ...lists,
    '} as const;',
    '',
  ].join('\n');
}
