/** The zod schemas: the single source of truth for status-ingest's types and its JSON Schema. */
export * from './diagnostic.js';
export * from './fact.js';
export * from './report.js';
export * from './meta.js';
export * from './review.js';
