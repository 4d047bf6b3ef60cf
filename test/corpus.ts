/**
 * The shared corpus of real municipal documents (`../shared/corpus`, see its README), read in place.
 * The project must not redistribute third-party documents, so a fixture of one holds no copy: its
 * `source.json` names the corpus document, and the tests that need it skip when the corpus is absent.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { toText } from 'hast-util-to-text';
import { portablePath } from '../pipeline/batch/paths.js';
import { ReportMeta } from '../schemas/meta.js';

/** The project root: this file is in `test/`. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the corpus is: `STATUS_INGEST_CORPUS` when set, else `shared/corpus` beside the project
 * (CI clones the repository into another folder with `shared/` next to it, as on a developer's machine).
 */
export const CORPUS_DIR = process.env.STATUS_INGEST_CORPUS
  ? resolve(process.env.STATUS_INGEST_CORPUS)
  : resolve(PROJECT_ROOT, '../shared/corpus');

/** The Chromium that prints corpus HTML to PDF: Debian's package, whose prints the fixtures describe. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the prints go: under `out/`, which git ignores. */
export const RENDER_DIR = join(PROJECT_ROOT, 'out/corpus-renders');

/** Whether the corpus is on this machine. */
export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** The path of a corpus document, by its file name (or its path under the corpus, e.g. `greve/….html`). */
export function corpusFile(name: string): string {
  return join(CORPUS_DIR, name);
}

/**
 * The plain text of a corpus HTML document, whitespace runs made one space: what the extractor tests
 * address sentences in by offset (see `CORPUS_GOLDEN`), read with libraries of their own rather than
 * the pipeline, so that a change in the pipeline's HTML reading does not move them.
 */
export function corpusPlainText(name: string): string {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(readFileSync(corpusFile(name), 'utf8'));
  return toText(tree).replace(/\s+/g, ' ');
}

/** What a fixture's `source.json` says: which corpus document is its input, and how it is made from it. */
export const FixtureSource = z.strictObject({
  corpus: z.string().min(1),
  /** `chromium-pdf`: the input is the document printed to PDF by `renderCorpusPdf`. */
  render: z.literal('chromium-pdf').optional(),
  /**
   * What the agenda system knows of the document (for the Greve items: `greve/INDEX.json`), passed as
   * `ParseOptions.meta`, as a sidecar `.meta.json` would be.
   */
  meta: ReportMeta.optional(),
});
/** A parsed `source.json`. */
export type FixtureSource = z.infer<typeof FixtureSource>;

/** The `source.json` of a fixture folder, or null when it has none (its input is in the folder). */
export function readFixtureSource(fixtureDir: string): FixtureSource | null {
  const file = join(fixtureDir, 'source.json');
  return existsSync(file) ? FixtureSource.parse(JSON.parse(readFileSync(file, 'utf8'))) : null;
}

/**
 * A file as `parseReport` takes it, its path made relative to the project root (so the report records
 * e.g. `../shared/corpus/….html`, the same on every machine with the usual layout).
 */
export function reportInput(path: string): { path: string; bytes: Buffer } {
  return { path: portablePath(resolve(path), PROJECT_ROOT), bytes: readFileSync(path) };
}

/** Why a test of corpus documents cannot run here, or null when it can. */
export function corpusSkipReason(): string | null {
  return corpusAvailable() ? null : `corpus not found at ${CORPUS_DIR}`;
}

/** What a test's name says of a skip reason: ` (skipped: …)`, or nothing when it runs. */
export function skippedBecause(reason: string | null): string {
  return reason ? ` (skipped: ${reason})` : '';
}

/**
 * The page Chromium prints: the agenda item's body HTML (which has no `<html>` of its own) in a page
 * with Arial 10 pt and padded cells, so that an unbordered table keeps white space between columns.
 */
function printPage(body: string, title: string): string {
  return (
    '<!doctype html><html lang="da"><head><meta charset="utf-8">' +
    `<title>${title}</title>` +
    '<style>body{font-family:Arial,sans-serif;font-size:10pt} td{padding:2px 8px}</style>' +
    `</head><body>\n${body}\n</body></html>\n`
  );
}

/**
 * Prints a corpus HTML document to PDF with Chromium (the `chromium-pdf` render of `source.json`) and
 * gives the PDF's path, `<outDir>/<name>.pdf`. A print already there is reused while the page it was
 * printed from is unchanged (its SHA-256 is kept beside it), since a print takes about a second and
 * differs from the last one only in its dates. Tests in parallel may print the same document at once:
 * each prints to a file of its own and renames it into place, so none reads half a file. Without
 * Chromium it fails, as the review page's browser test does: `.ci/run` installs it.
 */
export function renderCorpusPdf(name: string, outDir: string = RENDER_DIR): string {
  const stem = basename(name, extname(name));
  const page = printPage(readFileSync(corpusFile(name), 'utf8'), stem);
  const sha256 = createHash('sha256').update(page).digest('hex');
  const pdf = join(outDir, `${stem}.pdf`);
  const shaFile = `${pdf}.input-sha256`;
  if (existsSync(pdf) && existsSync(shaFile) && readFileSync(shaFile, 'utf8').trim() === sha256) return pdf;

  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, `${stem}.${process.pid}.html`);
  const tmpPdf = join(outDir, `${stem}.${process.pid}.pdf`);
  writeFileSync(html, page);
  try {
    execFileSync(
      CHROMIUM,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--no-pdf-header-footer', `--print-to-pdf=${tmpPdf}`, pathToFileURL(html).href,
      ],
      // Chromium logs D-Bus noise on stderr even when it succeeds: shown only when it fails.
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );
    if (!existsSync(tmpPdf)) throw new Error(`${CHROMIUM} printed no PDF for ${name}`);
    renameSync(tmpPdf, pdf);
    writeFileSync(shaFile, `${sha256}\n`);
  } finally {
    rmSync(html, { force: true });
    rmSync(tmpPdf, { force: true });
  }
  return pdf;
}
