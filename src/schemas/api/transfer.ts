import { z } from 'zod';
import { DATA_SOURCES, FORMAT_VERSIONS } from '../benchmark-sample';
import { PublicIdSchema, TimestampSchema } from './common';

/** POST /api/imports body: announce an upload (the file follows with PUT /api/imports/:id/file). */
export const StartImportRequestSchema = z.strictObject({
  /** The file's name as the user chose it (shown in the report and the audit log). */
  fileName: z
    .string()
    .min(1, 'is required')
    .max(200)
    .regex(/^[^/\\\0]+$/, 'must be a file name without folders'),
  /** Size in bytes, for progress (optional: Content-Length of the upload is used otherwise). */
  sizeBytes: z.int().min(0).optional(),
  /** Store samples whose (data_source, id) exist as new revisions instead of refusing them. */
  replace: z.boolean().default(false),
  /** Check everything, write nothing. */
  dryRun: z.boolean().default(false),
});
/** POST /api/imports body. */
export type StartImportRequest = z.infer<typeof StartImportRequestSchema>;

/** One problem of an import report, located by file, line and JSON path. */
export const ImportProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  file: z.string(),
  lineNumber: z.int().nullable(),
  sampleId: z.int().nullable(),
  path: z.string(),
  message: z.string(),
  text: z.string(),
});

/** What an import did, or why it refused (nothing written). */
export const ImportReportSchema = z.object({
  outcome: z.enum(['imported', 'refused', 'checked']),
  file: z.string(),
  version: z.enum(FORMAT_VERSIONS).nullable(),
  counts: z.object({
    entries: z.int(),
    samples: z.int(),
    created: z.int(),
    replaced: z.int(),
    unchanged: z.int(),
    errors: z.int(),
    warnings: z.int(),
  }),
  ecgs: z.object({
    named: z.int(),
    registered: z.int(),
    withRecord: z.int(),
    withMetadata: z.int(),
  }),
  missingRecords: z.array(z.string()),
  problems: z.array(ImportProblemSchema),
});
/** An import report. */
export type ImportReportBody = z.infer<typeof ImportReportSchema>;

/** Where an import job is. */
export const ImportJobStatusSchema = z.enum([
  'waiting',
  'running',
  'imported',
  'checked',
  'refused',
  'failed',
]);

/** GET /api/imports/:id (and the POST/PUT responses): an import's progress and, when done, its report. */
export const ImportJobSchema = z.object({
  id: PublicIdSchema,
  fileName: z.string(),
  replace: z.boolean(),
  dryRun: z.boolean(),
  status: ImportJobStatusSchema,
  /** reading, records, writing, done (null before the upload starts). */
  phase: z.enum(['reading', 'records', 'writing', 'done']).nullable(),
  bytesReceived: z.int(),
  /** From sizeBytes or Content-Length; null when unknown. */
  totalBytes: z.int().nullable(),
  entriesRead: z.int(),
  errors: z.int(),
  warnings: z.int(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  /** Set when the import finished (imported, checked or refused). */
  report: ImportReportSchema.nullable(),
  /** Why a failed job failed. */
  error: z.string().nullable(),
});
/** An import job. */
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** GET /api/export/* query: the format version to write (0.0.2 by default). */
export const ExportQuerySchema = z.strictObject({
  version: z.enum(FORMAT_VERSIONS, { message: 'must be 0.0.2 or 0.0.1' }).default('0.0.2'),
});

/** GET /api/export/manifest.json response (also manifest.json of the CLI export). */
export const ExportManifestSchema = z.object({
  formatVersion: z.enum(FORMAT_VERSIONS),
  totalSamples: z.int(),
  files: z.array(
    z.object({
      file: z.string(),
      dataSource: z.enum(DATA_SOURCES),
      samples: z.int(),
      bytes: z.int(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
/** An export manifest. */
export type ExportManifestBody = z.infer<typeof ExportManifestSchema>;

/** POST /api/records/scan response: what a scan of RECORDS_DIR found. */
export const RecordsScanSchema = z.object({
  ecgs: z.int(),
  found: z.int(),
  missing: z.array(z.string()),
  updated: z.int(),
});

/** GET /api/ecgs/:source/:ecgId/wfdb response: the header text and the files it names. */
export const WfdbRecordFilesSchema = z.object({
  recordName: z.string(),
  header: z.string(),
  files: z.array(z.string()),
});
/** GET /api/ecgs/:source/:ecgId/wfdb response. */
export type WfdbRecordFilesBody = z.infer<typeof WfdbRecordFilesSchema>;
