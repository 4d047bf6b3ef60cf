/**
 * Row width: every row gets exactly one cell per column, so later stages can index cells by column.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { RawRow, RawTable } from '../types.js';
import { MAX_JOINED_LABEL, MAX_TABLE_COLUMNS } from '../vocabulary/table-limits.js';

/**
 * A table no wider than `MAX_TABLE_COLUMNS`: the header labels and the cells from the last column on
 * are joined into that column (no cell's text is dropped; the joined label is cut to
 * `MAX_JOINED_LABEL`, as every cell carries it), with a `table-too-wide` warning. Every later stage
 * gives each row one cell per column, so a header of 20 000 tabs would cost 20 000 cells a row.
 */
export function limitTableWidth(table: RawTable): Staged<RawTable> {
  const widest = table.rows.reduce((w, r) => Math.max(w, r.cells.length), table.header?.length ?? 0);
  if (widest <= MAX_TABLE_COLUMNS) return staged(table);
  const fit = (cells: string[]) =>
    cells.length <= MAX_TABLE_COLUMNS ? cells : [...cells.slice(0, MAX_TABLE_COLUMNS - 1), cells.slice(MAX_TABLE_COLUMNS - 1).filter((c) => c.trim() !== '').join(' ')];
  // A PDF row's text runs are joined the same way, so they stay one list per cell.
  const fitRuns = <T>(runs: T[][]) => (runs.length <= MAX_TABLE_COLUMNS ? runs : [...runs.slice(0, MAX_TABLE_COLUMNS - 1), runs.slice(MAX_TABLE_COLUMNS - 1).flat()]);
  const fitHeader = (labels: string[]) => {
    const fitted = fit(labels);
    const last = fitted[fitted.length - 1]!;
    if (last.length > MAX_JOINED_LABEL) fitted[fitted.length - 1] = `${last.slice(0, MAX_JOINED_LABEL - 1)}…`;
    return fitted;
  };
  const position = { line: table.headerLine ?? table.rows[0]?.line, page: table.rows[0]?.page ?? 1 };
  return staged(
    { ...table, header: table.header && fitHeader(table.header), rows: table.rows.map((r) => ({ ...r, cells: fit(r.cells), ...(r.spanned ? { spanned: r.spanned.slice(0, MAX_TABLE_COLUMNS) } : {}), ...(r.runs ? { runs: fitRuns(r.runs) } : {}) })) },
    [diagnose('table-too-wide', { columns: widest, limit: MAX_TABLE_COLUMNS }, position)],
  );
}

/**
 * Pads short rows with empty cells; a row with more filled cells than columns has the surplus joined
 * to its last column (with a warning), since dropping text would lose content.
 */
export function normaliseRowWidths(rows: readonly RawRow[], width: number): Staged<RawRow[]> {
  const diagnostics: DiagnosticRecord[] = [];
  const out = rows.map((row) => {
    let cells = [...row.cells];
    while (cells.length > width && cells[cells.length - 1]!.trim() === '') cells.pop();
    let runs = row.runs?.slice(0, Math.max(cells.length, width));
    if (cells.length > width) {
      diagnostics.push(diagnose('extra-cells', { found: cells.length, expected: width }, { page: row.page, line: row.line }));
      cells = [...cells.slice(0, width - 1), cells.slice(width - 1).join(' ')];
      // A PDF row's text runs follow its cells, so each cell keeps the runs of its text.
      if (runs) runs = [...runs.slice(0, width - 1), runs.slice(width - 1).flat()];
    }
    while (cells.length < width) cells.push('');
    while (runs && runs.length < width) runs.push([]);
    return { ...row, cells, ...(runs ? { runs } : {}) };
  });
  return staged(out, diagnostics);
}
