/**
 * What every format tells beside the raw document: how much text its source holds, so that the
 * pipeline can say when a report accounts for far less of it than the source suggests (a damaged
 * PDF read as three goals of forty, a file that is no report).
 */
import type { RawDocument } from '../types.js';

/** A raw document with the number of characters of text (no white space, no markup) in its source. */
export type SizedDocument = RawDocument & { sourceChars: number };
