/**
 * Facts on goals: the extractors run over each goal's title, subtitle, initiatives and results, and
 * every fact and series is tagged with the column its span indexes.
 */
import { extract } from '../../extractors/index.js';
import type { Fact, FactColumn, Series } from '../../schemas/fact.js';
import type { Goal } from '../../schemas/report.js';
import type { GoalWithoutFacts } from './goals.js';

/** The columns facts are read from, in the order their facts are listed. */
const FACT_COLUMNS: readonly FactColumn[] = ['title', 'subtitle', 'initiatives', 'results'];

/** The text a fact column of a goal stands for, which a fact's span indexes (null: no such text). */
export function factColumnText(goal: GoalWithoutFacts, column: FactColumn | null | undefined): string | null {
  switch (column) {
    case 'title':
      return goal.title;
    case 'subtitle':
      return goal.subtitle;
    case 'initiatives':
      return goal.initiatives.text;
    case 'results':
      return goal.results.text;
    default:
      return null;
  }
}

/** Adds facts and time series to a goal, in column order (title, subtitle, initiatives, results). */
export function attachFacts(goal: GoalWithoutFacts): Goal {
  const facts: Fact[] = [];
  const series: Series[] = [];
  for (const column of FACT_COLUMNS) {
    const text = factColumnText(goal, column);
    if (!text) continue;
    const found = extract(text);
    for (const f of found.facts) facts.push({ ...f, column });
    for (const s of found.series) series.push({ ...s, column });
  }
  const { provenance, ...rest } = goal;
  return { ...rest, facts, series, provenance };
}
