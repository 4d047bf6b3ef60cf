/**
 * The package's public API (`import … from 'status-ingest'`): everything a library user needs, and
 * only that; the modules behind it are private (the `exports` map of package.json names no others).
 *
 * - The types and their zod schemas: `Report`, `Goal`, `Fact` and each fact kind, `Diagnostic`, …
 *   (each name is both the schema and its type; `ReportSchema`, `GoalSchema`, `FactSchema` and
 *   `DiagnosticSchema` name the schemas plainly).
 * - Parsing: `parseReport` (async: a PDF is read by pdfjs, loaded on the first PDF only, so text and
 *   HTML users never load it), `extractDocumentFacts`, the extractors.
 * - Output: canonical JSON, the SQLite store, the semantic diff.
 * - Batch ingestion: `ingestSources`, `listSourceFiles`.
 *
 * Importing this module loads better-sqlite3's native module (the store is part of the API), but
 * never pdfjs-dist.
 */

// Types and schemas.
export * from './schemas/index.js';
export { Report as ReportSchema, Goal as GoalSchema } from './schemas/report.js';
export { Diagnostic as DiagnosticSchema } from './schemas/diagnostic.js';
export { Fact as FactSchema } from './schemas/fact.js';
export { reportJsonSchema } from './schemas/json-schema.js';

// Parsing.
export { parseReport, sha256Hex, sniffFormat, hasFailures, formatDiagnostic, PIPELINE_VERSION } from './pipeline/index.js';
export type { SourceInput, ParseOptions, InputFormat } from './pipeline/index.js';
export { extractDocumentFacts, type DocumentFactsOptions, type PagedFact } from './pipeline/document-facts.js';
export { extract, extractFacts, extractSeries, parseDanishNumber, type ExtractOptions, type Extraction } from './extractors/index.js';

// Output: canonical JSON, report files, SQLite, the semantic diff.
export { toCanonicalJson, writeReportJson } from './output/json.js';
export { reportJsonName } from './output/json-files.js';
export { parseReportJson, loadReport, type LoadedReport } from './output/report-file.js';
export { openReportDatabase, DatabaseError, DatabaseVersionError, DatabaseCorruptError } from './output/sqlite/open.js';
export type { ReportDatabase } from './output/sqlite/schema.js';
export { writeReport, type StoreChanges } from './output/sqlite/store.js';
export { searchGoals, type SearchHit, type SearchOptions } from './output/sqlite/search.js';
export { diffReports, type ReportDiff } from './output/diff/diff.js';
export { renderReportDiff, type RenderDiffOptions } from './output/diff/render.js';

// Batch ingestion.
export { ingestSources, type IngestOptions, type IngestSummary, type IngestTime, type FileEvent, type IngestedReport } from './pipeline/batch/ingest.js';
export { listSourceFiles, REPORT_EXTENSIONS, type SourceEntry, type ListOptions } from './pipeline/batch/sources.js';
export { portablePath } from './pipeline/batch/paths.js';
