// Generated from the zod schemas by `npm run schema` (schemas/enum-values-text.ts): do not edit.
/**
 * The value lists of the zod enums, without zod: what the database DDL and the command line
 * check values against, on a thread that never loads the schemas (see `enum-values-text.ts`).
 */

/** Each list as the zod schema names its values, in its order. */
export const ENUM_VALUES = {
  /** `Source.format`. */
  sourceFormat: ['text', 'html', 'pdf'],
  /** `ColumnRole`. */
  columnRole: ['goal', 'number', 'group', 'initiatives', 'results', 'date', 'amount', 'responsible', 'other'],
  /** `RoleSource`. */
  roleSource: ['header', 'content', 'position', 'override'],
  /** `AmountScale.from`. */
  amountScaleFrom: ['header', 'caption', 'context'],
  /** The `type` of each member of the `Block` union. */
  blockType: ['paragraph', 'list', 'heading'],
  /** The `kind` of each member of the `Fact` union. */
  factKind: ['money', 'percent', 'date', 'period', 'year', 'quantity'],
  /** `FactField`. */
  factField: ['title', 'subtitle', 'text'],
  /** `DateFact.yearFrom`. */
  dateYearFrom: ['text', 'report'],
  /** `Series.unit`. */
  seriesUnit: ['percent', 'DKK', 'count'],
  /** `Severity`. */
  severity: ['error', 'warning', 'info'],
  /** `ReviewDecision`. */
  reviewDecision: ['accepted', 'flagged'],
} as const;
