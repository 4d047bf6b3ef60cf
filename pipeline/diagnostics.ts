import type { Diagnostic, DiagnosticCode, DiagnosticParams, DiagnosticRecord, Severity } from '../schemas/diagnostic.js';

/** Why a document has no table to read, per format. */
const NO_TABLE_REASONS = {
  'no-tab-separated-line': 'no line has tab-separated cells',
  'key-value-lines': 'every tab-separated line is a "name:<tab>value" pair (a settings or status listing), not a table row',
  'no-columns-on-any-page': 'no page has text laid out in two or more columns',
  'no-table-element': 'the document has no <table>',
  'no-table-with-two-columns': 'no <table> has two or more columns',
  'no-item-table': 'every <table> only lays out the page (none has two or more rows of two or more cells)',
} as const;

/** The reason parameter of `no-table`. */
export type NoTableReason = keyof typeof NO_TABLE_REASONS;

/** Why the columns stage gave a column its role when its header wording did not (the `reason` of `unknown-column`). */
const COLUMN_GUESS_REASONS = {
  numbers: 'its cells are mostly figures',
  'row-numbers': 'its cells count the rows (1, 2, 3 …)',
  dates: 'its cells are mostly dates',
  percentages: 'its cells are mostly percentages',
  spanned: 'its cells span several rows',
  'repeated-values': 'its cells repeat a few values in runs',
  'first-text-column': 'it is the first column of text and no header names the goal',
  'first-column': 'it is the first column and no header names the goal',
  position: 'its position',
  duplicate: 'an earlier column already has that role',
} as const;

/** The reason parameter of `unknown-column`. */
export type ColumnGuessReason = keyof typeof COLUMN_GUESS_REASONS;

/** What a special file is, and why it is not read (the `kind` of `not-a-file`). */
const SPECIAL_FILE_KINDS = {
  directory: 'a folder',
  fifo: 'a named pipe (FIFO), which may wait for a writer forever',
  socket: 'a socket',
  'character-device': 'a character device (like /dev/zero), which may never end',
  'block-device': 'a block device (a disk)',
  other: 'not a regular file',
} as const;

/** The kind parameter of `not-a-file`. */
export type SpecialFileKind = keyof typeof SPECIAL_FILE_KINDS;

/**
 * The catalogue of diagnostic codes: default severity and wording, kept apart from the code
 * (as zod keys its issues by `code`). Stages only name a code and its parameters.
 */
const catalogue = {
  'empty-input': { severity: 'error', text: () => 'the file is empty' },
  'blank-input': { severity: 'error', text: () => 'the file holds only white space' },
  'binary-input': {
    severity: 'error',
    text: (p: { reason: string }) => `the file is not a text report (${p.reason})`,
  },
  'decoded-windows-1252': {
    severity: 'warning',
    text: () => 'the file is not valid UTF-8; decoded as Windows-1252',
  },
  'invalid-utf8': {
    severity: 'warning',
    text: (p: { count: number }) =>
      `${p.count} byte(s) are not valid UTF-8 (the first one here); each is read as the replacement character "\uFFFD"`,
  },
  'byte-order-mark': { severity: 'info', text: () => 'a UTF-8 byte order mark was removed' },
  'unsupported-format': {
    severity: 'error',
    text: (p: { format: string }) => `the ${p.format} format is not supported yet`,
  },
  'pdf-encrypted': {
    severity: 'error',
    text: () => 'the PDF is encrypted with a password; status-ingest cannot read its text',
  },
  'pdf-unreadable': {
    severity: 'error',
    text: (p: { detail: string }) => `the PDF cannot be read (damaged or not a PDF): ${p.detail}`,
  },
  'pdf-no-text': {
    severity: 'error',
    text: (p: { images: boolean }) =>
      p.images
        ? 'the PDF has no text layer, only images (a scan?); run it through OCR first'
        : 'the PDF has no text on any page',
  },
  'pdf-page-unreadable': {
    severity: 'warning',
    text: (p: { detail: string }) => `a page of the PDF cannot be read and is skipped: ${p.detail}`,
  },
  'pdf-page-sparse': {
    severity: 'warning',
    text: (p: { chars: number; typical: number }) =>
      `the page holds only ${p.chars} characters of text where a typical page of the PDF holds ${p.typical}; is it damaged?`,
  },
  'pdf-too-large-unpacked': {
    severity: 'error',
    text: (p: { limit: number }) =>
      `the PDF's compressed streams unpack to more than ${formatMb(p.limit)} (a decompression bomb?); it is not read`,
  },
  'pdf-page-damaged': {
    severity: 'warning',
    text: (p: { error: string | null }) =>
      `the page cannot be read without skipping errors (${p.error ?? 'its text reads differently when errors stop the reading'}); ` +
      'part of its text may be missing, so the report may be incomplete',
  },
  'pdf-page-garbled': {
    severity: 'warning',
    text: (p: { chars: number }) =>
      `the page holds ${p.chars} characters that are no text (control characters, or letters of scripts no report here uses): ` +
      'its content or a font is damaged, part of its text may be garbled or missing, so the report may be incomplete',
  },
  'pdf-page-misplaced': {
    severity: 'warning',
    text: (p: { pieces: number; rules: number }) =>
      `${p.pieces} text runs and ${p.rules} ruling lines of the page are placed at no number or far off the page ` +
      '(a damaged content stream or font); they are left out or cut back to the page, so the report may be incomplete',
  },
  'pdf-streams-damaged': {
    severity: 'warning',
    text: (p: { streams: number }) =>
      `${p.streams} compressed ${p.streams === 1 ? 'stream' : 'streams'} of the PDF (page content, fonts) ${p.streams === 1 ? 'fails its' : 'fail their'} checksum: ` +
      'the file is damaged, and part of its text may be missing or misplaced, so the report may be incomplete',
  },
  'pdf-pages-missing': {
    severity: 'warning',
    text: (p: { found: number; objects: number }) =>
      `the PDF holds ${p.objects} page objects but its page tree leads to only ${p.found} (a damaged page tree); ` +
      'the pages it lost are not read, so the report is incomplete',
  },
  'no-table': {
    severity: 'error',
    text: (p: { reason: NoTableReason }) => `no table of goals was found: ${NO_TABLE_REASONS[p.reason]}`,
  },
  'no-title': {
    severity: 'info',
    text: () => 'the document names no title (an agenda item body?); give one with --title or a <file>.meta.json',
  },
  'no-header-row': {
    severity: 'warning',
    text: () => 'the table has no header row; columns are assigned by their cells and position',
  },
  'unknown-column': {
    severity: 'warning',
    text: (p: { index: number; label: string; role: string; reason: ColumnGuessReason }) =>
      `column ${p.index + 1} ${p.label === '' ? '(no header)' : `"${p.label}"`} is taken as "${p.role}" because ${COLUMN_GUESS_REASONS[p.reason] ?? p.reason}`,
  },
  'missing-column': {
    severity: 'warning',
    text: (p: { role: string }) => `the table has no "${p.role}" column`,
  },
  'columns-override': {
    severity: 'error',
    text: (p: { detail: string }) => `--columns does not fit the table: ${p.detail}`,
  },
  'amount-unit-unknown': {
    severity: 'warning',
    text: (p: { index: number; label: string }) =>
      `the figures in column ${p.index + 1}${p.label === '' ? '' : ` ("${p.label}")`} have no money unit in the header, the caption or the text above; they are not read as money`,
  },
  'extra-cells': {
    severity: 'warning',
    text: (p: { found: number; expected: number }) =>
      `the row has ${p.found} cells where the header has ${p.expected}; the extra cells are joined to the last column`,
  },
  'table-too-wide': {
    severity: 'warning',
    text: (p: { columns: number; limit: number }) =>
      `the table has ${p.columns} columns; it is read with ${p.limit}, the last holding the cells of every column from there on`,
  },
  'orphan-continuation': {
    severity: 'warning',
    text: () => 'a row without a goal title has no goal above it to continue; it is kept as a goal with an empty title',
  },
  'row-continued': {
    severity: 'info',
    text: (p: { reason: string }) => `the row continues the goal above it after a page break (${p.reason})`,
  },
  'word-rejoined': {
    severity: 'info',
    text: (p: { word: string }) => `a word hyphenated across the page break was rejoined: "${p.word}"`,
  },
  'no-goals': { severity: 'error', text: () => 'the table has no goal rows' },
  'title-from-column': {
    severity: 'warning',
    text: (p: { index: number; label: string }) =>
      `the row's item-name cell is empty; its title is taken from column ${p.index + 1}${p.label ? ` ("${p.label}")` : ''}`,
  },
  'untitled-row': { severity: 'warning', text: () => "the row names no item: its item-name cell and its other text cells are empty; its title is empty" },
  'too-many-facts': {
    severity: 'warning',
    // `texts`: per goal, the texts that hit the extractors' cap; `dropped` and `limit`: the report's cap.
    text: (p: { texts: number } | { dropped: number; limit: number }) =>
      'dropped' in p
        ? `the report holds more than ${p.limit} facts; the ${p.dropped} after those are left out`
        : `${p.texts} cell text(s) hold more figures than status-ingest reads from one text; the rest are left out`,
  },
  'markup-too-deep': {
    severity: 'warning',
    text: (p: { depth: number; limit: number }) =>
      `the markup nests ${p.depth} elements deep; the tags past depth ${p.limit} (from here on) are ignored and their text is kept`,
  },
  'markup-dropped': {
    severity: 'info',
    text: (p: { markup: string; chars: number }) =>
      `the cell's ${p.markup} held ${p.chars} character(s) of text that a browser does not show; left out`,
  },
  'html-too-many-tags': {
    severity: 'error',
    text: (p: { tags: number; limit: number }) =>
      `the page holds ${p.tags} tags, more than the ${p.limit} status-ingest reads (the limit is passed here); it is not read`,
  },
  'invalid-report': {
    severity: 'error',
    // `read`: a report JSON read from a file (not a report at all), else a report this parse produced (a bug).
    text: (p: { detail: string; read?: boolean }) =>
      p.read ? `not a status-ingest report: ${p.detail}` : `the parsed report failed validation: ${p.detail}`,
  },
  'internal-error': {
    severity: 'error',
    text: (p: { detail: string }) => `status-ingest failed on this file: ${p.detail}`,
  },
  'report-much-smaller': {
    severity: 'warning',
    text: (p: { share: number; sourceChars: number }) =>
      `the report holds only ${Math.round(p.share * 100)}% of the ${p.sourceChars} characters of text in the file; ` +
      'the rest was not read into the title, intro or goals (a damaged file, or not a report?)',
  },
  'too-large': {
    severity: 'error',
    // `atLeast`: the size was found by reading, which stops just past the limit (a device, a pipe,
    // a file that grows or whose `stat` says 0), so only a lower bound is known.
    text: (p: { bytes: number; limit: number; atLeast?: boolean }) =>
      p.atLeast
        ? `the input is over the --max-bytes limit of ${formatMb(p.limit)}; reading stopped there`
        : `the file is ${formatMb(p.bytes)}, over the --max-bytes limit of ${formatMb(p.limit)}`,
  },
  'cannot-read': { severity: 'error', text: (p: { reason: string }) => p.reason },
  // A queue worker (`status-ingest worker`) reads each job's file by the path enqueue saw: a path
  // missing on the worker's machine is shared storage not mounted there (or not at the same path).
  'not-on-worker': {
    severity: 'error',
    text: (p: { reason: string; host: string }) =>
      `cannot be read on worker ${p.host} (${p.reason}); workers read files by path, so the shared storage must be mounted at the same path on every machine`,
  },
  'not-a-file': {
    severity: 'error',
    text: (p: { kind: SpecialFileKind }) => `not read: ${SPECIAL_FILE_KINDS[p.kind] ?? 'not a regular file'}; only regular files are read`,
  },
  'out-of-memory': {
    severity: 'error',
    text: (p: { limitMb: number }) => `parsing the file needs more than the ${p.limitMb} MB of memory a parse may take; it is not read`,
  },
  'link-outside-root': {
    severity: 'error',
    text: (p: { target: string; root: string }) =>
      `a symbolic link to ${p.target}, outside ${p.root}; not followed (--follow-symlinks follows links out of the folders given)`,
  },
  // `target`: the database or JSON file the report could not be written to (the store's failure,
  // not the file's: never quarantined, retried by the next run).
  'write-failed': {
    severity: 'error',
    text: (p: { target: string; detail: string }) => `could not be written to ${p.target}: ${p.detail}; the next run tries again`,
  },
  'invalid-json': { severity: 'error', text: (p: { detail: string }) => `not JSON (${p.detail})` },
  'invalid-meta': {
    severity: 'error',
    text: (p: { file: string; detail: string }) => `the report's meta file ${p.file} cannot be used: ${p.detail}`,
  },
  'invalid-review': {
    severity: 'error',
    text: (p: { detail: string }) => `not a review file (${p.detail})`,
  },
  'review-goal-unknown': {
    severity: 'warning',
    text: (p: { key: string }) => `the report in the database has no goal ${p.key}: its decision is stored, and is used when such a goal appears`,
  },
  'review-goal-changed': {
    severity: 'warning',
    text: (p: { key: string }) => `goal ${p.key} changed since it was decided on: its decision is stored, but holds for the goal's old content only`,
  },
  'schema-upgraded': {
    severity: 'info',
    text: (p: { from: number; to: number }) => `a report JSON of schema version ${p.from}, upgraded to version ${p.to} to be compared`,
  },
  'schema-mismatch': {
    severity: 'warning',
    text: (p: { detail: string }) => `does not match the current report schema (${p.detail}); compared as it is`,
  },
  // `kind`: a glob pattern that matched no file, or a folder holding no file with a report's
  // extension; `extensions`: those extensions (`REPORT_EXTENSIONS`), as a list for people.
  'no-match': {
    severity: 'error',
    text: (p: { kind: 'glob' | 'folder'; extensions: string }) =>
      `${p.kind === 'glob' ? 'the pattern matches' : 'the folder holds'} no report file (${p.extensions}); nothing to ingest from it`,
  },
  // `option`: the option that named a file in a folder that is not there (`--db`); nothing is created.
  'missing-folder': {
    severity: 'error',
    text: (p: { option: string; folder: string }) => `the folder ${p.folder} of ${p.option} does not exist; create it first (status-ingest does not create it)`,
  },
  // `target`: a file the command was asked to write (`parse --out`); nothing is left half-written.
  'cannot-write': {
    severity: 'error',
    text: (p: { target: string; detail: string }) => `cannot be written (${p.detail}); nothing was written to ${p.target}`,
  },
} satisfies Record<DiagnosticCode, { severity: Severity; text: (params: never) => string }>;

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type { DiagnosticCode } from '../schemas/diagnostic.js';

type ParamsOf<C extends DiagnosticCode> = Parameters<(typeof catalogue)[C]['text']>[0];

/** A position in the source; every part is optional because not every format has pages or lines. */
export interface SourcePosition {
  page?: number | null;
  line?: number | null;
  column?: number | null;
}

/**
 * Builds a diagnostic from its code, parameters and position; wording and default severity come
 * from the catalogue.
 */
export function diagnose<C extends DiagnosticCode>(
  code: C,
  ...[params, position]: ParamsOf<C> extends undefined ? [undefined?, SourcePosition?] : [ParamsOf<C>, SourcePosition?]
): DiagnosticRecord {
  return {
    severity: catalogue[code].severity,
    code,
    message: renderMessage(code, params),
    params: (params ?? {}) as DiagnosticParams,
    page: position?.page ?? null,
    line: position?.line ?? null,
    column: position?.column ?? null,
  };
}

/** The wording of a code with its parameters: the one place a diagnostic's message is made. */
export function renderMessage<C extends DiagnosticCode>(code: C, params: ParamsOf<C>): string {
  return (catalogue[code].text as (p: unknown) => string)(params);
}

/** A stage's result: its value plus the diagnostics it raised (stages never throw on bad input). */
export interface Staged<T> {
  value: T;
  diagnostics: DiagnosticRecord[];
}

/** Wraps a value with diagnostics, for stages that return a `Staged` result. */
export function staged<T>(value: T, diagnostics: DiagnosticRecord[] = []): Staged<T> {
  return { value, diagnostics };
}

/** True when any diagnostic is an error (or, with `strict`, a warning). */
export function hasFailures(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

/**
 * Characters a terminal must not be sent raw from a document or a file name: C0 and C1 controls and
 * DEL (escape sequences, cursor moves, line breaks), the Unicode line and paragraph separators, and
 * the bidirectional controls (which reorder what is shown).
 */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text made safe to print: every control character shown as a visible escape (`\n`, `\u001b`). */
export function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A file name for a terminal line: as it is, or quoted JSON-style when it holds a control character,
 * so that a newline in a name cannot forge a line of its own.
 */
export function quoteForTerminal(name: string): string {
  if (escapeForTerminal(name) === name) return name;
  return `"${escapeForTerminal(name.replace(/["\\]/g, '\\$&'))}"`;
}

/**
 * Formats a diagnostic for a terminal: `file:line:column: severity code: message (page N)`, one line
 * whatever the file's name or the document holds (see `escapeForTerminal`, `quoteForTerminal`).
 */
export function formatDiagnostic(path: string, d: Diagnostic): string {
  const place = [quoteForTerminal(path), d.line ?? undefined, d.line !== null ? (d.column ?? 1) : undefined]
    .filter((x) => x !== undefined)
    .join(':');
  const page = d.page !== null ? ` (page ${d.page})` : '';
  return `${place}: ${d.severity} ${d.code}: ${escapeForTerminal(d.message)}${page}`;
}
