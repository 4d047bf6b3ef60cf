/**
 * Golden files of corpus documents hold digests, not text. The corpus is third-party publications
 * that the project must not redistribute, and an `expected.json` holding every title, cell and
 * paragraph of one would be a rendering of it. So the prose a report copies from such a source is
 * replaced, in its golden file, by `⟨sha256:<12 hex> <n> chars⟩`: any change of that text still
 * changes the file at the place it happened (the semantic diff names the goal and the field), and the
 * figures a report reads — facts with their kind, value, unit and the few characters they were read
 * from — stay readable, because those are what a golden diff must be reviewed for. Ids keep their
 * title slugs (a lossy, shortened form) so that goals still match across versions.
 */
import { createHash } from 'node:crypto';
import { Report } from '../schemas/report.js';

/**
 * Keys whose string values are prose copied from the source document, wherever they occur in a
 * report (goal and section titles, cell text and blocks, column labels and captions, diagnostics
 * that quote a label). Everything else — ids, codes, roles, enums, normalized values, dates, fact
 * text — is kept as it is.
 */
const PROSE_KEYS = new Set([
  'title',
  'subtitle',
  'intro',
  'caption',
  'label',
  'section',
  'group',
  'text',
  'column',
  'message',
  'items',
]);

/** Fact kinds: a fact's `text` is the few characters it was read from, kept because it is what is reviewed. */
const FACT_KINDS = new Set(['money', 'percent', 'date', 'period', 'year', 'quantity']);

/** The digest that stands for a text in a golden file. */
export function textDigest(text: string): string {
  if (text === '') return '';
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `⟨sha256:${hex} ${[...text].length} chars⟩`;
}

/** A report with the prose it copies from its source replaced by digests (see the module comment). */
export function digestReportText(report: Report): Report {
  return Report.parse(digestValue(JSON.parse(JSON.stringify(report)) as unknown));
}

function digestValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => digestValue(item));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const isFact = typeof object.kind === 'string' && FACT_KINDS.has(object.kind);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const prose = PROSE_KEYS.has(key) && !(isFact && key === 'text');
    if (prose && typeof item === 'string') out[key] = textDigest(item);
    else if (prose && Array.isArray(item)) out[key] = item.map((entry) => (typeof entry === 'string' ? textDigest(entry) : digestValue(entry)));
    else out[key] = digestValue(item);
  }
  return out;
}
