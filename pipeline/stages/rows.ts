/**
 * Row width: every row gets exactly one cell per column, so later stages can index cells by column.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { RawRow } from '../types.js';

/**
 * Pads short rows with empty cells; a row with more filled cells than columns has the surplus joined
 * to its last column (with a warning), since dropping text would lose content.
 */
export function normaliseRowWidths(rows: readonly RawRow[], width: number): Staged<RawRow[]> {
  const diagnostics: DiagnosticRecord[] = [];
  const out = rows.map((row) => {
    let cells = [...row.cells];
    while (cells.length > width && cells[cells.length - 1]!.trim() === '') cells.pop();
    if (cells.length > width) {
      diagnostics.push(diagnose('extra-cells', { found: cells.length, expected: width }, { page: row.page, line: row.line }));
      cells = [...cells.slice(0, width - 1), cells.slice(width - 1).join(' ')];
    }
    while (cells.length < width) cells.push('');
    return { ...row, cells };
  });
  return staged(out, diagnostics);
}
