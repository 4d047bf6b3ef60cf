import type { Command } from 'commander';
import { blocksToText, cellToBlocks } from '../cells/blocks.js';
import { extractFacts } from '../../extractors/index.js';
import { readInput, readStdin } from './shared.js';

/** `facts FILE|-`: the facts of any text or HTML document, as a JSON array. */
export function registerFactsCommand(program: Command): void {
  program
    .command('facts')
    .description('extract facts from any text or HTML document ("-" reads standard input) and print them as JSON')
    .argument('<file>', 'text or HTML file, or - for standard input')
    .action((file: string) => {
      const bytes = file === '-' ? readStdin() : readInput(file);
      if (!bytes) return void (process.exitCode = 1);
      const raw = new TextDecoder().decode(bytes);
      // HTML is reduced to its visible text with the same block parser as report cells.
      const text = /<[a-z!/][^>]*>/i.test(raw) ? blocksToText(cellToBlocks(raw)) : raw;
      process.stdout.write(`${JSON.stringify(extractFacts(text), null, 2)}\n`);
    });
}
