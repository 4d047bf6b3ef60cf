/**
 * The floor the benchmark compares ingest against: read the same files, tokenize every cell's HTML
 * with htmlparser2, and insert the same number of rows with better-sqlite3, one transaction per
 * report. Anything ingest does beyond this is the cost of parsing, stitching and extracting facts.
 *
 * Usage: node dist/bench/floor.js DIR ROWS_PER_REPORT DB
 */
import { opendirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Parser } from 'htmlparser2';

function* files(dir: string): Generator<string> {
  const names: string[] = [];
  const d = opendirSync(dir);
  for (let e = d.readSync(); e; e = d.readSync()) names.push(e.name);
  d.closeSync();
  for (const name of names.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const [dir, rowsArg, dbPath] = process.argv.slice(2);
if (!dir || !rowsArg || !dbPath) {
  process.stderr.write('usage: floor DIR ROWS_PER_REPORT DB\n');
  process.exit(2);
}
const rowsPerReport = Number(rowsArg);
const started = performance.now();
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS rows (report TEXT, n INTEGER, text TEXT)');
const insert = db.prepare('INSERT INTO rows (report, n, text) VALUES (?, ?, ?)');
let reports = 0;
let tokens = 0;
for (const file of files(dir)) {
  const text = readFileSync(file, 'utf8');
  const cells = text.split('\n').flatMap((line) => line.split('\t'));
  const texts: string[] = [];
  const parser = new Parser({ ontext: (t) => void texts.push(t), onopentag: () => void tokens++ });
  for (const cell of cells) {
    parser.write(cell);
    parser.reset();
  }
  const write = db.transaction(() => {
    for (let i = 0; i < rowsPerReport; i++) insert.run(file, i, texts[i % Math.max(1, texts.length)] ?? '');
  });
  write.immediate();
  reports++;
}
db.close();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ reports, tokens, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
