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

/** Every value list of the generated module, by its name there: its values, read off the zod schemas, and where they come from (its TSDoc there). */
function enumLists(): Record<string, { values: readonly string[]; origin: string }> {
  return {
    sourceFormat: { values: Source.shape.format.options, origin: '`Source.format`' },
    columnRole: { values: ColumnRole.options, origin: '`ColumnRole`' },
    roleSource: { values: RoleSource.options, origin: '`RoleSource`' },
    amountScaleFrom: { values: AmountScale.shape.from.options, origin: '`AmountScale.from`' },
    blockType: { values: Block.options.map(({ shape }) => shape.type.value), origin: 'The `type` of each member of the `Block` union' },
    factKind: { values: Fact.options.map(({ shape }) => shape.kind.value), origin: 'The `kind` of each member of the `Fact` union' },
    factField: { values: FactField.options, origin: '`FactField`' },
    dateYearFrom: { values: DateFact.shape.yearFrom.unwrap().options, origin: '`DateFact.yearFrom`' },
    seriesUnit: { values: Series.shape.unit.options, origin: '`Series.unit`' },
    severity: { values: Severity.options, origin: '`Severity`' },
    reviewDecision: { values: ReviewDecision.options, origin: '`ReviewDecision`' },
  };
}

/** Every value list of the generated module, by its name there, read off the zod schemas. */
export function enumValuesOfSchemas(): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(enumLists()).map(([name, { values }]) => [name, values]));
}

/** The generated module's text (what `npm run schema` writes to `ENUM_VALUES_PATH`). */
export function enumValuesModuleText(): string {
  const lists = Object.entries(enumLists()).map(
    ([name, { values, origin }]) => `  /** ${origin}. */\n  ${name}: [${values.map((v) => `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`).join(', ')}],`,
  );
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
