/** The version of the pipeline, stored with every ingested report (a change re-ingests unchanged files). */
export const PIPELINE_VERSION = '0.1.0';
