/**
 * Synthetic corpus for the benchmark: N reports made from the seed, each with its own title, amounts
 * and page breaks, so that every file has its own hash and exercises stitching differently.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const COMMITTEES = ['Økonomiudvalgets', 'Kulturudvalgets', 'Børne- og Skoleudvalgets', 'Teknik- og Miljøudvalgets', 'Social- og Sundhedsudvalgets'];

/** A small deterministic PRNG (mulberry32), so the same N gives the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` synthetic reports into `dir` (sub-folders of 1000) and returns the total bytes. */
export function generateCorpus(seedText: string, dir: string, n: number): number {
  const lines = seedText.split('\n');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const rnd = random(i + 1);
    const out: string[] = [];
    for (const line of lines) {
      if (line.trim() === '') {
        // Keep the page breaks that the seed's continuation rows depend on.
        out.push(line);
        continue;
      }
      let l = line
        .replace(/Økonomiudvalgets/g, COMMITTEES[i % COMMITTEES.length]!)
        .replace(/(\d+),(\d) mio\. kr\./g, () => `${1 + Math.floor(rnd() * 90)},${Math.floor(rnd() * 10)} mio. kr.`);
      if (line.startsWith('Status på')) l = `${l} (rapport ${i + 1})`;
      out.push(l);
      // Extra page breaks between whole rows, at places that differ per report.
      if (line.includes('\t') && rnd() < 0.08) out.push('', '', '');
    }
    const text = out.join('\n');
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `report-${String(i + 1).padStart(5, '0')}.txt`), text);
    total += Buffer.byteLength(text);
  }
  return total;
}

/** Reads the seed from the fixtures. */
export function readSeed(): string {
  return readFileSync('fixtures/oekonomiudvalget-2014-2017/input.txt', 'utf8');
}

/** Where the shared corpus of real documents is: `STATUS_INGEST_CORPUS`, else `../shared/corpus`. */
export function corpusDir(): string {
  return resolve(process.env.STATUS_INGEST_CORPUS ?? '../shared/corpus');
}

/** A real agenda item of the fixtures: its corpus document (read in place) and its meta. */
export interface AgendaItem {
  file: string;
  meta: Record<string, unknown>;
}

/**
 * The fixtures' corpus cases that are read as they are (not printed to PDF first), each with the
 * meta its `source.json` gives; none when the corpus is not on this machine.
 */
export function agendaItems(): AgendaItem[] {
  const corpus = corpusDir();
  if (!existsSync(corpus)) return [];
  return readdirSync('fixtures')
    .sort()
    .map((name) => join('fixtures', name, 'source.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { corpus: string; render?: string; meta?: Record<string, unknown> })
    .filter((source) => !source.render)
    .map((source) => ({ file: join(corpus, source.corpus), meta: source.meta ?? {} }));
}

/**
 * Writes a mixed corpus of `n` reports into `dir` (which must lie outside the project: the agenda
 * items are third-party documents, never copied into it): every other report seed-like, the others
 * the fixtures' real agenda items in turn, each variant made its own by a comment at its end (HTML
 * and PDF readers ignore it) and given its meta in a sidecar. Returns the total bytes.
 */
export function generateMixedCorpus(seedText: string, dir: string, n: number, items: readonly AgendaItem[]): number {
  const seedLike = items.length === 0 ? n : Math.ceil(n / 2);
  let total = generateCorpus(seedText, join(dir, 'seed-like'), seedLike);
  const agenda = join(dir, 'agenda');
  mkdirSync(agenda, { recursive: true });
  for (let i = 0; i < n - seedLike; i++) {
    const item = items[i % items.length]!;
    const bytes = readFileSync(item.file);
    const pdf = item.file.toLowerCase().endsWith('.pdf');
    const variant = Buffer.concat([bytes, Buffer.from(pdf ? `\n% bench variant ${i + 1}\n` : `\n<!-- bench variant ${i + 1} -->\n`)]);
    const name = `${String(i + 1).padStart(5, '0')}-${basename(item.file)}`;
    writeFileSync(join(agenda, name), variant);
    writeFileSync(join(agenda, `${name}.meta.json`), JSON.stringify(item.meta));
    total += variant.length;
  }
  return total;
}
