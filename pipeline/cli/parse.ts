import type { Command } from 'commander';
import { hasFailures, parseReport, type ParseOptions } from '../index.js';
import { portablePath } from '../batch/paths.js';
import { toCanonicalJson } from '../../output/json.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMaxBytesOption, addMetaOptions, metaOfFile, parseColumns, parseFormat, printDiagnostics, readInput, type MetaFlags } from './shared.js';

/** `parse FILE`: one report as canonical JSON on stdout. */
export function registerParseCommand(program: Command): void {
  const command = program
    .command('parse')
    .description('parse one report and print it as canonical JSON')
    .argument('<file>', 'report file (.txt, .html or .pdf)')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order, e.g. goal,initiatives,results', parseColumns)
    .option('--strict', 'treat warnings as failures (exit 1)', false);
  addMaxBytesOption(command);
  addMetaOptions(command, true).action(
    async (file: string, opts: MetaFlags & { format: ParseOptions['format']; columns?: ColumnRole[]; strict: boolean; maxBytes: number }) => {
      const bytes = readInput(file, opts.maxBytes);
      if (!bytes) return void (process.exitCode = 1);
      const meta = await metaOfFile(file, opts);
      if (!meta) return void (process.exitCode = 1);
      const report = await parseReport({ path: portablePath(file), bytes }, { format: opts.format, columns: opts.columns, meta });
      printDiagnostics(report, opts.strict);
      process.stdout.write(toCanonicalJson(report));
      if (hasFailures(report.diagnostics, opts.strict)) process.exitCode = 1;
    },
  );
}
