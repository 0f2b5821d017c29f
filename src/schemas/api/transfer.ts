import { z } from 'zod';
import {
  ANSWER_SHAPES,
  AnswerShapeNameSchema,
  DATA_SOURCES,
  DEFAULT_ANSWER_SHAPE,
} from '../benchmark-sample';
import { TEXT_LIMITS } from '../text-limits';
import { PublicIdSchema, TimestampSchema } from './common';

/** POST /api/imports body: announce an upload (the file follows with PUT /api/imports/:id/file). */
export const StartImportRequestSchema = z.strictObject({
  /** The file's name as the user chose it (shown in the report and the audit log). */
  fileName: z
    .string()
    .min(1, 'is required')
    .max(TEXT_LIMITS.name)
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
  /** 1-based line in the JSONL file; null for a one-sample file or the file as a whole. */
  lineNumber: z.int().nullable(),
  sampleId: z.int().nullable(),
  /** JSON path inside the sample, e.g. data.reasoning[0].answer_idx ('' for the whole line). */
  path: z.string(),
  message: z.string(),
  /** The one line people read: "ptbxl.jsonl:17: error: sample 16: data.metadata.id: ... [rule]". */
  text: z.string(),
});
/** One problem of an import report. */
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** How many samples an import reads, creates, replaces, keeps; how many problems it found. */
export const ImportCountsSchema = z.object({
  entries: z.int(),
  samples: z.int(),
  /** New samples (revision 1). */
  created: z.int(),
  /** Existing samples given a new revision (replace). */
  replaced: z.int(),
  /** Existing samples whose content was already the same (replace). */
  unchanged: z.int(),
  errors: z.int(),
  warnings: z.int(),
});
/** The counts of an import report. */
export type ImportCounts = z.infer<typeof ImportCountsSchema>;

/** The ECGs an import's samples name. */
export const ImportEcgsSchema = z.object({
  /** Distinct ECGs the samples name. */
  named: z.int(),
  /** Of those, newly registered by this import. */
  registered: z.int(),
  /** Of those, with WFDB files found under RECORDS_DIR (or the demo folder). */
  withRecord: z.int(),
  /** With PTB-XL metadata from ptbxl_database.csv. */
  withMetadata: z.int(),
});
/** The ECG counts of an import report. */
export type ImportEcgs = z.infer<typeof ImportEcgsSchema>;

/** What an import did, or why it refused (nothing written). */
export const ImportReportSchema = z.object({
  /** imported: landed whole; refused: nothing written; checked: a dry run that would land. */
  outcome: z.enum(['imported', 'refused', 'checked']),
  file: z.string(),
  /** How the file writes wave/measurement answers (null when no sample shows it). */
  answerShape: z.enum(ANSWER_SHAPES).nullable(),
  counts: ImportCountsSchema,
  ecgs: ImportEcgsSchema,
  /** ECGs whose records were not found, as "source/ecg_id", sorted. */
  missingRecords: z.array(z.string()),
  problems: z.array(ImportProblemSchema),
});
/** An import report. */
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Where an import is: reading and checking the file, looking up records, writing, done. */
export const ImportPhaseSchema = z.enum(['reading', 'records', 'writing', 'done']);
/** Where an import is. */
export type ImportPhase = z.infer<typeof ImportPhaseSchema>;

/** How far an import has come. */
export const ImportProgressSchema = z.object({
  phase: ImportPhaseSchema,
  /** Documents (lines or sample files) read so far. */
  entriesRead: z.int(),
  errors: z.int(),
  warnings: z.int(),
});
/** How far an import has come. */
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

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
  phase: ImportPhaseSchema.nullable(),
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

/**
 * GET /api/export/* query: the answer shape to write, `?shape=list` (the default) or
 * `?shape=scalar`; the old `?version=0.0.2` / `?version=0.0.1` still works.
 */
export const ExportQuerySchema = z
  .strictObject({
    shape: AnswerShapeNameSchema.optional(),
    /** Old spelling of shape. */
    version: AnswerShapeNameSchema.optional(),
  })
  .transform((query, ctx) => {
    if (query.shape !== undefined && query.version !== undefined && query.shape !== query.version) {
      ctx.addIssue({
        code: 'custom',
        path: ['version'],
        message: `names the ${query.version} shape but shape is ${query.shape}; give one`,
      });
      return z.NEVER;
    }
    return { shape: query.shape ?? query.version ?? DEFAULT_ANSWER_SHAPE };
  });
/** GET /api/export/* query, as read. */
export type ExportQuery = z.output<typeof ExportQuerySchema>;

/**
 * GET /api/export/manifest.json response (also manifest.json of the CLI export): what an export
 * holds. No timestamps, so unchanged data gives identical bytes; keys written in this order.
 */
export const ExportManifestSchema = z.object({
  /** How the files write wave/measurement answers. */
  answerShape: z.enum(ANSWER_SHAPES),
  totalSamples: z.int(),
  /** One entry per data source that has samples, in DATA_SOURCES order. */
  files: z.array(
    z.object({
      file: z.string(),
      dataSource: z.enum(DATA_SOURCES),
      samples: z.int(),
      bytes: z.int(),
      /** Lowercase hex SHA-256 of the file's bytes. */
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
