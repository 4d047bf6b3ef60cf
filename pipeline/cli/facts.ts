import type { Command } from 'commander';
import { formatDiagnostic, hasFailures, type ParseOptions } from '../index.js';
import { extractDocumentFacts } from '../document-facts.js';
import { portablePath } from '../batch/paths.js';
import { parseFormat, readInput, readStdin, UNREADABLE_INPUT_EXIT } from './shared.js';

/**
 * `facts FILE|-`: the facts of any document (text, HTML or PDF, sniffed as `parse` does), as a JSON
 * array, each fact with its page. Bad input (empty, binary, an encrypted PDF) is an error diagnostic
 * on stderr and exit 1, with nothing on stdout.
 */
export function registerFactsCommand(program: Command): void {
  program
    .command('facts')
    .description('extract facts from any text, HTML or PDF document ("-" reads standard input) and print them as JSON')
    .argument('<file>', 'text, HTML or PDF file, or - for standard input')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .action(async (file: string, opts: { format: ParseOptions['format'] }) => {
      const bytes = file === '-' ? readStdin() : readInput(file);
      if (!bytes) return void (process.exitCode = UNREADABLE_INPUT_EXIT);
      const { value: facts, diagnostics } = await extractDocumentFacts(bytes, { format: opts.format });
      // Named as `parse` names it (relative to the working directory), so the two say the same.
      const name = file === '-' ? '-' : portablePath(file);
      for (const d of diagnostics) {
        if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(name, d)}\n`);
      }
      if (facts) process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
      if (!facts || hasFailures(diagnostics)) process.exitCode = 1;
    });
}
