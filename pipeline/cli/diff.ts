import { InvalidArgumentError, type Command } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import { portablePath } from '../batch/paths.js';
import { diffFails, diffReports, FAIL_ON, type FailOn } from '../../output/diff/diff.js';
import { renderReportDiff } from '../../output/diff/render.js';
import { loadReport } from '../../output/report-file.js';
import type { Report } from '../../schemas/report.js';
import { addMaxBytesOption, readInput, UNREADABLE_INPUT_EXIT } from './shared.js';

/** Reads one side of a diff; prints why not and returns null when it cannot. */
async function side(file: string, maxBytes: number): Promise<Report | null> {
  const bytes = readInput(file, maxBytes);
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

/** Parses `--fail-on any|structure|facts|text|diagnostics` (several joined by commas). */
function parseFailOn(value: string): FailOn[] {
  const names = value.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(FAIL_ON as readonly string[]).includes(n)) throw new InvalidArgumentError(`"${n}" is not one of ${FAIL_ON.join(', ')} (several may be joined by commas)`);
  }
  return names as FailOn[];
}

/**
 * `diff OLD NEW [--json] [--provenance] [--fail-on …] [--max-bytes N]`: the semantic diff of two
 * reports (report JSON files, or source reports, which are parsed first). Provenance alone (pages,
 * lines, offsets, ordinals, source identity, diagnostic positions) is no change unless
 * `--provenance`. Exit 0 when no change of a `--fail-on` category (default: any), 1 when there is
 * one, 2 on usage errors or input that cannot be read or is no report.
 */
export function registerDiffCommand(program: Command): void {
  const command = program
    .command('diff')
    .description('compare two reports (report JSON or source files): goals, fields word by word, facts, diagnostics')
    .argument('<old>', 'the old report (report JSON, or a source report to parse)')
    .argument('<new>', 'the new report')
    .option('--json', 'print the diff as JSON', false)
    .option('--provenance', 'also show changes of provenance alone: pages, lines, offsets, ordinals, source identity, diagnostic positions', false)
    .option('--fail-on <categories>', `what makes the exit status 1: ${FAIL_ON.join(', ')} (several joined by commas)`, parseFailOn, ['any']);
  addMaxBytesOption(command)
    .action(async (oldFile: string, newFile: string, opts: { json: boolean; provenance: boolean; failOn: FailOn[]; maxBytes: number }) => {
      const before = await side(oldFile, opts.maxBytes);
      const after = await side(newFile, opts.maxBytes);
      if (!before || !after) return void (process.exitCode = UNREADABLE_INPUT_EXIT);
      const diff = diffReports(before, after, { provenance: opts.provenance });
      if (opts.json) process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
      else process.stdout.write(renderReportDiff(diff, { beforeLabel: oldFile, afterLabel: newFile }));
      process.exitCode = diffFails(diff, opts.failOn) ? 1 : 0;
    });
}
