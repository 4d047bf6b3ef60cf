/**
 * PDF reading cost: `parseReport` on a PDF against pdf-parse's bare `getText()` on the same file, in
 * one warm process, medians of several runs. Usage: node dist/bench/pdf.js FILE.pdf [RUNS]
 *
 * pdf-parse is imported after the first parse: both then run on the one pdfjs the PDF format loads
 * (`pipeline/formats/pdf-engine.ts`), with the builtins its polyfills replace put back, which makes
 * `getText()` faster too. Imported first, it would load pdfjs with its polyfills in place, for both.
 */
import { readFileSync } from 'node:fs';
import { parseReport } from '../pipeline/index.js';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: pdf FILE.pdf [RUNS]\n');
  process.exit(2);
}
const runs = Number(runsArg ?? '9');
const bytes = readFileSync(file);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const parse = () => parseReport({ path: file, bytes: new Uint8Array(bytes) });

const coldParse = await time(parse);
const { PDFParse } = await import('pdf-parse');
const getText = async () => {
  // pdf-parse may take ownership of the buffer it is given: hand it a copy each time.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  await parser.getText();
  await parser.destroy();
};
await getText();
const parseMs: number[] = [];
const textMs: number[] = [];
for (let i = 0; i < runs; i++) {
  parseMs.push(await time(parse));
  textMs.push(await time(getText));
}
process.stdout.write(
  `${JSON.stringify({ file, runs, coldParseMs: Math.round(coldParse), parseMs: Math.round(median(parseMs)), getTextMs: Math.round(median(textMs)), ratio: Number((median(parseMs) / median(textMs)).toFixed(2)) })}\n`,
);
