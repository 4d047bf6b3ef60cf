/**
 * The wording of municipal agenda items around their tables: the headings of an item's parts
 * ("Beslutning", "Sagsfremstilling", "Økonomiske konsekvenser"), decision sentences ("Godkendt.",
 * "Orienteringen blev taget til efterretning") and table caption labels ("Tabel 1"). None of these
 * names a report, so a format never takes one for the document's title.
 */
import { normaliseWhitespace } from '../cells/blocks.js';
import { withoutTrailing } from '../cells/characters.js';

/**
 * Headings of the parts of an agenda item, compared in lower case without trailing punctuation.
 * They head a part of the item; they do not name what the item is about.
 */
export const AGENDA_PART_HEADINGS: ReadonlySet<string> = new Set([
  // the decision and the proposal
  'beslutning', 'beslutninger', 'beslutningstema', 'forslag til beslutning', 'indstilling', 'indstillinger',
  'administrationens indstilling', 'indstilling og beslutning',
  // the account of the case
  'fremstilling', 'sagsfremstilling', 'supplerende sagsfremstilling', 'sagsbeskrivelse', 'sagsprocedure',
  'sagen', 'sagens baggrund', 'sagens forløb', 'sagsforløb', 'tidligere sagsforløb', 'resume', 'resumé',
  'baggrund', 'indledning', 'vurdering', 'administrationens vurdering', 'lovgrundlag', 'retsgrundlag',
  'kompetence', 'beslutningskompetence', 'kompetencefordeling',
  // consequences and the way forward
  'økonomi', 'økonomiske konsekvenser', 'øvrige konsekvenser', 'konsekvenser', 'øvrige forhold',
  'bevillingsmæssige konsekvenser', 'personalemæssige konsekvenser', 'miljømæssige konsekvenser',
  'klimamæssige konsekvenser', 'tidsplan', 'videre proces', 'det videre forløb', 'proces',
  'høring', 'høringssvar', 'kommunikation', 'borgerinddragelse', 'bilag', 'bilagsliste',
  // the minutes around the item
  'fraværende', 'afbud', 'protokol', 'protokoltilførsel',
]);

/** Lower case, single spaces, no trailing colon or full stop: the form part headings are compared in. */
function headingKey(text: string): string {
  return withoutTrailing(normaliseWhitespace(text).toLowerCase(), /[\s:.;,]/u);
}

/** True when a text is the heading of a part of an agenda item ("Beslutning", "Økonomiske konsekvenser:"). */
export function isAgendaPartHeading(text: string): boolean {
  return AGENDA_PART_HEADINGS.has(headingKey(text));
}

/**
 * What a committee's decision says: approved, recommended, noted, postponed. The verb comes first and
 * stands alone or opens the decision's clause ("Godkendt.", "Anbefales godkendt", "Tiltrådt med …"),
 * or the sentence reports or proposes the decision ("Orienteringen blev taget til efterretning",
 * "Økonomiudvalget anbefaler over for Byrådet, at …"). "Vedtaget." is a decision; "Vedtaget budget 2025"
 * names a document.
 */
const DECISION_OPENING = new RegExp(
  String.raw`^(?:godkendt|godkendes|godkender|tiltrådt|tiltrædes|anbefales|anbefalet|anbefaler|udsat|udsættes|oversendt|oversendes|vedtaget|forkastet|taget til efterretning|tages til efterretning)` +
    String.raw`(?:\s*[.,;:!]|\s*$|\s+(?:med|af|som|under|uden|idet|således|over for|overfor|godkendt|tiltrådt|vedtaget|anbefalet|at)(?![\p{L}]))`,
  'iu',
);
const DECISION_REPORT = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:blev|er|bliver)\s+(?:godkendt|tiltrådt|anbefalet|vedtaget|udsat|oversendt|taget til efterretning)(?![\p{L}])`,
    String.raw`(?<![\p{L}])til efterretning(?![\p{L}])`,
    // "Økonomiudvalget anbefaler over for Byrådet, at …", "Administrationen indstiller, at …"
    String.raw`(?<![\p{L}])(?:anbefaler|indstiller|godkender|beslutter|besluttede|godkendte)\s*,?\s+(?:over\s?for|at)(?![\p{L}])`,
  ].join('|'),
  'iu',
);

/** True when a text reads as the decision of an agenda item ("Godkendt.", "Orienteringen blev taget til efterretning."). */
export function isDecisionText(text: string): boolean {
  const t = normaliseWhitespace(text);
  return DECISION_OPENING.test(t) || DECISION_REPORT.test(t);
}

/** A caption label: "Tabel 1", "Tabel 2.", "Tabel 3 -", "Tabel 4:", "Table 5", "Figur 1". */
const CAPTION_LABEL = /^(?:tabel|table|figur|figure)\s*\d+[a-z]?(?:[.:\-–—)]|\s|$)/iu;

/** True when a line opens with a table caption label ("Tabel 1 - Anlægsprojekter …", "Tabel 2.Serviceramme"). */
export function opensWithCaptionLabel(text: string): boolean {
  return CAPTION_LABEL.test(normaliseWhitespace(text));
}
