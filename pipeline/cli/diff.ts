import type { Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { portablePath } from '../batch/paths.js';
import { diffReports } from '../../output/diff/diff.js';
import { renderReportDiff } from '../../output/diff/render.js';
import { loadReport } from '../../output/report-file.js';
import type { Report } from '../../schemas/report.js';
import { readInput } from './shared.js';

/** Reads one side of a diff; prints why not and returns null when it cannot. */
async function side(file: string): Promise<Report | null> {
  const bytes = readInput(file);
  if (!bytes) return null;
  // Lenient: a report JSON from another schema version is still compared (with a warning).
  const loaded = await loadReport(portablePath(file), bytes, {}, true);
  if (loaded.ok) {
    for (const notice of [loaded.upgraded, loaded.warning]) if (notice) process.stderr.write(`${formatDiagnostic(file, notice)}\n`);
    // A source that could not be read as a report (binary, empty, no table) is refused, not compared:
    // a diff of two empty reports would say nothing true.
    const errors = loaded.from === 'source' ? loaded.report.diagnostics.filter((d) => d.severity === 'error') : [];
    if (errors.length > 0) {
      for (const d of errors) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
      return null;
    }
    return loaded.report;
  }
  process.stderr.write(`${formatDiagnostic(file, loaded.error)}\n`);
  return null;
}

/**
 * `diff OLD NEW [--json]`: the semantic diff of two reports (report JSON files, or source reports,
 * which are parsed first). Exit 0 when equal, 1 when different, 2 on usage errors or unreadable input.
 */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('compare two reports (report JSON or source files): goals, fields word by word, facts, diagnostics')
    .argument('<old>', 'the old report (report JSON, or a source report to parse)')
    .argument('<new>', 'the new report')
    .option('--json', 'print the diff as JSON', false)
    .action(async (oldFile: string, newFile: string, opts: { json: boolean }) => {
      const before = await side(oldFile);
      const after = await side(newFile);
      if (!before || !after) return void (process.exitCode = 2);
      const diff = diffReports(before, after);
      if (opts.json) process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
      else process.stdout.write(renderReportDiff(diff, { beforeLabel: oldFile, afterLabel: newFile }));
      process.exitCode = diff.equal ? 0 : 1;
    });
}
