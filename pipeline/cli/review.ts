import type { Command } from 'commander';
import { hasFailures, type ParseOptions } from '../index.js';
import { formatDiagnostic, quoteForTerminal } from '../diagnostics.js';
import { portablePath } from '../batch/paths.js';
import { loadReport } from '../../output/report-file.js';
import { renderReviewHtml, writeReviewHtml } from '../../output/review/page.js';
import { removeStaleTempFiles, removeTempFilesOnSignals } from '../../output/files.js';
import { dirname } from 'node:path';
import { reviewSourceOf } from '../../output/review/source.js';
import type { ColumnRole, Report } from '../../schemas/report.js';
import { existsSync } from 'node:fs';
import { sha256Hex } from '../index.js';
import { readReportFileSync } from '../batch/read.js';
import { DEFAULT_MAX_BYTES } from '../batch/limits.js';
import { addMaxBytesOption, addMetaOptions, metaOfFile, parseColumns, parseFormat, printDiagnostics, readInput, UNREADABLE_INPUT_EXIT, type MetaFlags } from './shared.js';

/**
 * `review INPUT [--out FILE]`: a self-contained HTML page for checking a report by eye. INPUT is a
 * source report (parsed) or a report JSON (validated). The page is written even when the report has
 * errors (they are listed at its top); the exit code is then 1, as for `parse`.
 */
export function registerReviewCommand(program: Command): void {
  const command = program
    .command('review')
    .description('write a self-contained HTML page for checking a report (source file or report JSON) by eye')
    .argument('<input>', 'report file (.txt, .html, .pdf) or report JSON')
    .option('--out <file>', 'HTML file to write (default: standard output)')
    .option('--format <format>', 'input format of a source report: auto, text, html or pdf', parseFormat, 'auto')
    .option('--columns <roles>', 'column roles in table order (source reports)', parseColumns)
    .option('--no-source', 'leave the source (PDF page images, text lines) out of the page');
  addMaxBytesOption(command);
  addMetaOptions(command, true).action(
    async (input: string, opts: MetaFlags & { out?: string; format: ParseOptions['format']; columns?: ColumnRole[]; source: boolean; maxBytes: number }) => {
      const bytes = readInput(input, opts.maxBytes);
      if (!bytes) return void (process.exitCode = UNREADABLE_INPUT_EXIT);
      const meta = await metaOfFile(input, opts);
      if (!meta) return void (process.exitCode = 1);
      const loaded = await loadReport(portablePath(input), bytes, { format: opts.format, columns: opts.columns, meta });
      if (!loaded.ok) {
        process.stderr.write(`${formatDiagnostic(input, loaded.error)}\n`);
        return void (process.exitCode = 1);
      }
      const report = loaded.report;
      if (loaded.from === 'source') printDiagnostics(report, false, true);
      // The source beside the records: the file read, or for a report JSON the file it names, when
      // that still holds the bytes the report was read from.
      const sourceBytes = !opts.source ? null : loaded.from === 'source' ? bytes : sameSourceBytes(report);
      const source = sourceBytes ? await reviewSourceOf(report, sourceBytes) : {};
      if (opts.out) {
        // A kill leaves no temporary page behind: SIGINT and SIGTERM remove it, and a write removes
        // those that an earlier, SIGKILLed review left in the same folder.
        removeTempFilesOnSignals();
        removeStaleTempFiles(dirname(opts.out));
        writeReviewHtml(opts.out, report, source);
        const facts = report.goals.reduce((n, g) => n + g.facts.length, 0);
        process.stderr.write(`review of ${report.goals.length} goals and ${facts} facts → ${quoteForTerminal(opts.out)}\n`);
      } else {
        process.stdout.write(renderReviewHtml(report, source));
      }
      if (hasFailures(report.diagnostics, false)) process.exitCode = 1;
    },
  );
}

/** The bytes of the source a report JSON names, when the file is there and unchanged (same sha256); else null, quietly. */
function sameSourceBytes(report: Report): Uint8Array | null {
  if (!existsSync(report.source.path)) return null;
  const bytes = readReportFileSync(report.source.path, DEFAULT_MAX_BYTES);
  return 'bytes' in bytes && sha256Hex(bytes.bytes) === report.source.sha256 ? bytes.bytes : null;
}
