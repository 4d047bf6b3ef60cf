/**
 * Limits on what a source may make the parsers build, so that a small hostile file cannot take
 * gigabytes or minutes (issue 11). Each is refused with a diagnostic naming the limit; the CLI's help
 * shows them (`parse --help`, `ingest --help`).
 */

/**
 * Most bytes a PDF's Flate-compressed streams may unpack to, all streams together. pdfjs holds a
 * stream unpacked whole while it reads it: a 1 MB file whose streams unpack to 1 GB took 2.2 GB. A
 * report's PDF unpacks to a few times its size (the seed: 150 KB to 0.7 MB); this leaves room for
 * hundreds of pages and large images, and keeps a refused parse near 0.1 s, a parse just under it
 * near 450 MB.
 */
export const MAX_PDF_UNPACKED_BYTES = 128 * 1024 * 1024;

/**
 * Most tags (start and end tags, comments, doctypes) an HTML page may hold. The page is parsed as a
 * browser parses it (parse5), which costs about 10 µs and 1.5 KB per tag: a 7 MB cell of a million
 * tiny `<p>` (two million tags) once took 40 s and 2.2 GB. The largest agenda item of the corpus
 * holds under 2 000 tags; a page at the limit parses in under 2 s and 200 MB.
 */
export const MAX_HTML_TAGS = 100_000;
