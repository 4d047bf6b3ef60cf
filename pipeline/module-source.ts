/**
 * The source of a package's module as installed, with its file: the PDF format's engine
 * (`formats/pdf-engine.ts`) reads pdfjs's worker code this way, to run it with four of its classes
 * given too. Kept out of the formats folder, whose modules do no I/O: this is the one file of a
 * package the library reads as text.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The file `specifier` resolves to (from this project, as `import` would resolve it) and its text. */
export async function readModuleSource(specifier: string): Promise<{ file: string; source: string }> {
  const file = createRequire(import.meta.url).resolve(specifier);
  return { file, source: await readFile(file, 'utf8') };
}
