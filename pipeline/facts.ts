/**
 * Facts on goals: the extractors run over each goal's title, subtitle, initiatives and results, and
 * every fact and series is tagged with the column its span indexes.
 */
import { extractFacts, extractSeries } from '../extractors/index.js';
import type { Fact, FactColumn, Series } from '../schemas/fact.js';
import type { Goal } from '../schemas/report.js';
import type { GoalWithoutFacts } from './goals.js';

/** Adds facts and time series to a goal, in column order (title, subtitle, initiatives, results). */
export function attachFacts(goal: GoalWithoutFacts): Goal {
  const texts: [FactColumn, string | null][] = [
    ['title', goal.title],
    ['subtitle', goal.subtitle],
    ['initiatives', goal.initiatives.text],
    ['results', goal.results.text],
  ];
  const facts: Fact[] = [];
  const series: Series[] = [];
  for (const [column, text] of texts) {
    if (!text) continue;
    for (const f of extractFacts(text)) facts.push({ ...f, column });
    for (const s of extractSeries(text)) series.push({ ...s, column });
  }
  const { provenance, ...rest } = goal;
  return { ...rest, facts, series, provenance };
}
