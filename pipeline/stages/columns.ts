/**
 * Column roles from header wording (the synonym table in `vocabulary/headers.ts`); a wording it does
 * not know falls back to the column's position, with a warning.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { Column, ColumnRole } from '../../schemas/report.js';
import { roleOfHeader } from '../vocabulary/headers.js';

/** The order in which roles are given to columns whose wording is unknown. */
const POSITIONAL_ROLES: readonly ColumnRole[] = ['goal', 'initiatives', 'results'];

/**
 * Gives every column a role: from its header wording where known, else by position (the first
 * unassigned column is the goal, then initiatives, then results). `override` (from `--columns`)
 * replaces the header wording entirely.
 */
export function resolveColumns(
  header: readonly string[] | null,
  width: number,
  options: { override?: readonly ColumnRole[]; line?: number | null; page?: number | null } = {},
): Staged<Column[]> {
  const { override } = options;
  const at = { line: options.line ?? null, page: options.page ?? null };
  const diagnostics: DiagnosticRecord[] = [];
  const labels = Array.from({ length: width }, (_, i) => header?.[i]?.trim() ?? '');
  if (override) {
    if (override.length !== width) {
      diagnostics.push(
        diagnose('columns-override', { detail: `${override.length} roles given for ${width} columns` }, at),
      );
    }
    return staged(labels.map((label, i) => ({ role: override[i] ?? 'other', label })), diagnostics);
  }
  if (!header) diagnostics.push(diagnose('no-header-row', undefined, at));

  const roles: (ColumnRole | null)[] = labels.map((l) => roleOfHeader(l));
  // A role named twice keeps its first column; later ones are extra content columns.
  const seen = new Set<ColumnRole>();
  roles.forEach((r, i) => {
    if (r && r !== 'other') {
      if (seen.has(r)) roles[i] = 'other';
      seen.add(r);
    }
  });
  const free = POSITIONAL_ROLES.filter((r) => !seen.has(r));
  const columns = labels.map((label, i): Column => {
    let role = roles[i];
    if (!role) {
      role = free.shift() ?? 'other';
      if (header) diagnostics.push(diagnose('unknown-column', { label, role, index: i }, at));
    }
    return { role, label };
  });
  for (const role of POSITIONAL_ROLES) {
    if (role !== 'initiatives' && !columns.some((c) => c.role === role)) {
      diagnostics.push(diagnose('missing-column', { role }, at));
    }
  }
  return staged(columns, diagnostics);
}
