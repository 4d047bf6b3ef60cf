import type { Command } from 'commander';
import { hasFailures, parseValidatedReport, type ParseOptions } from '../index.js';
import { diagnose, formatDiagnostic } from '../diagnostics.js';
import { portablePath } from '../batch/paths.js';
import { describeFsError } from '../batch/read.js';
import { writeTextFileAtomic } from '../../output/files.js';
import { validatedReportJson } from '../../output/json.js';
import type { ColumnRole } from '../../schemas/report.js';
import { addMaxBytesOption, addMetaOptions, addSourceLimitsHelp, metaFromFlags, metaOfFile, parseColumns, parseFormat, printDiagnostics, readInput, readStdin, UNREADABLE_INPUT_EXIT, type MetaFlags } from './shared.js';

/**
 * `parse FILE|-`: one report as canonical JSON on stdout, or with `--out` in a file, written
 * atomically (a reader never sees half a report). `-` reads standard input (no sidecar meta: the
 * flags give what its body does not say); the report's source path is then `-`.
 */
export function registerParseCommand(program: Command): void {
  const command = program
    .command('parse')
    .description('parse one report and print it as canonical JSON ("-" reads standard input)')
    .argument('<file>', 'report file (.txt, .html or .pdf), or - for standard input')
    .option('--out <file>', 'write the JSON to a file (atomically) instead of standard output')
    .option('--format <format>', 'input format: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order, e.g. goal,initiatives,results', parseColumns)
    .option('--strict', 'treat warnings as failures (exit 1)', false);
  addMaxBytesOption(command);
  addSourceLimitsHelp(command);
  addMetaOptions(command, true).action(
    async (file: string, opts: MetaFlags & { out?: string; format: ParseOptions['format']; columns?: ColumnRole[]; strict: boolean; maxBytes: number }) => {
      const stdin = file === '-';
      const bytes = stdin ? readStdin(opts.maxBytes) : readInput(file, opts.maxBytes);
      if (!bytes) return void (process.exitCode = UNREADABLE_INPUT_EXIT);
      const meta = stdin ? metaFromFlags(opts) : await metaOfFile(file, opts);
      if (!meta) return void (process.exitCode = 1);
      // The parse's one validation gives the canonical JSON too.
      const { report, validated } = await parseValidatedReport({ path: stdin ? '-' : portablePath(file), bytes }, { format: opts.format, columns: opts.columns, meta });
      const json = validatedReportJson(validated);
      printDiagnostics(report, opts.strict);
      if (opts.out) {
        try {
          writeTextFileAtomic(opts.out, json);
        } catch (error) {
          process.stderr.write(`${formatDiagnostic(opts.out, diagnose('cannot-write', { target: opts.out, detail: describeFsError(error) }))}\n`);
          return void (process.exitCode = 1);
        }
      } else {
        process.stdout.write(json);
      }
      if (hasFailures(report.diagnostics, opts.strict)) process.exitCode = 1;
    },
  );
}
