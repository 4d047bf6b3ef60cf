/**
 * What stands right above an HTML table: its caption line and the paragraph that introduces it.
 * Agenda items seldom use `<caption>`: the caption is a heading or a short line (often bold) just above
 * the table ("Tabel 1 - Anlægsprojekter … (1.000 kr.)", "Tabel 2.Serviceramme", "Initiativer og
 * overblik over status"), and the paragraph above that often names the unit ("beløb i 1.000 kr.").
 */
import type { Element } from 'hast';
import { opensWithCaptionLabel } from '../vocabulary/agenda.js';
import { oneLine, type Prose, type ProseLine } from './html-prose.js';

/** Longest line taken for a caption without a caption label. */
const MAX_CAPTION = 120;
/** Longest line opening with a caption label ("Tabel 6 - Resultatopgørelse. Forventede …") still taken for one. */
const MAX_LABELLED_CAPTION = 250;

/** The caption line and the introducing paragraph right above a table, each null when there is none. */
export interface ProseAbove {
  caption: ProseLine | null;
  context: ProseLine | null;
}

/**
 * The caption line and context paragraph right above `table` in `prose`. Only paragraphs count:
 * another table right above leaves both null. A paragraph above a heading caption belongs to the part
 * before that heading, so it is no context.
 */
export function proseAbove(prose: Prose, table: Element): ProseAbove {
  const at = prose.findIndex((p) => p.kind === 'table' && p.element === table);
  const lineAt = (i: number): ProseLine | null => {
    const p = at >= 0 ? prose[i] : undefined;
    return p?.kind === 'line' ? p : null;
  };
  const above = lineAt(at - 1);
  if (!above) return { caption: null, context: null };
  // A line too long for a caption (a sentence, even one set as a heading) introduces the table.
  if (!isCaptionLine(above)) return { caption: null, context: above };
  const before = above.heading ? null : lineAt(at - 2);
  return { caption: above, context: before && !readsAsHeading(before) ? before : null };
}

/** True when a paragraph reads as a caption: a labelled line ("Tabel 1 …"), or a short line that is no sentence. */
function isCaptionLine(line: ProseLine): boolean {
  const text = oneLine(line);
  if (opensWithCaptionLabel(text)) return text.length <= MAX_LABELLED_CAPTION;
  return text.length <= MAX_CAPTION && !/[.!?:;]$/u.test(text);
}

/** A heading that reads as one (a short line): not an agenda item's sentence set as a heading. */
function readsAsHeading(line: ProseLine): boolean {
  return line.heading && isCaptionLine(line);
}
