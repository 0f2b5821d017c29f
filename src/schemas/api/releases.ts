import { z } from 'zod';
import {
  ANSWER_SHAPES,
  AnswerShapeNameSchema,
  DATA_SOURCES,
  DEFAULT_ANSWER_SHAPE,
} from '../benchmark-sample';
import { SampleSetDiffSchema } from '../sample-diff';
import { PublicIdSchema, TimestampSchema } from './common';

/** A release name: also its name on the command line (`notes <from> <to>`). */
export const ReleaseNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,60}$/, 'must be 1-60 letters, digits, ".", "-" or "_"');

/** POST /api/releases body: the name; the notes are generated (edit them before publishing). */
export const CreateReleaseRequestSchema = z
  .strictObject({
    name: ReleaseNameSchema,
    /** The answer shape its exports are written in when none is asked for (0.0.2, 0.0.1 accepted). */
    answerShape: AnswerShapeNameSchema.optional(),
    /** The old name of answerShape, kept as an alias. */
    formatVersion: AnswerShapeNameSchema.optional(),
  })
  .transform(({ name, answerShape, formatVersion }) => ({
    name,
    answerShape: answerShape ?? formatVersion ?? DEFAULT_ANSWER_SHAPE,
  }));
/** POST /api/releases body, as parsed (the shape resolved). */
export type CreateReleaseRequest = z.output<typeof CreateReleaseRequestSchema>;

/** PUT /api/releases/:id/notes body (If-Match: the release's version). */
export const UpdateReleaseNotesRequestSchema = z.strictObject({
  notes: z.string().max(500_000, 'must be at most 500,000 characters'),
});
/** PUT /api/releases/:id/notes body. */
export type UpdateReleaseNotesRequest = z.infer<typeof UpdateReleaseNotesRequestSchema>;

/** draft: notes editable; published: notes frozen. The snapshot is frozen from the cut on. */
export const RELEASE_STATUSES = ['draft', 'published'] as const;

/** One frozen export file of a release. */
export const ReleaseFileSchema = z.object({
  shape: z.enum(ANSWER_SHAPES),
  file: z.string(),
  dataSource: z.enum(DATA_SOURCES),
  samples: z.int().min(0),
  bytes: z.int().min(0),
  /** Lowercase hex SHA-256 of the file's bytes: every later export of it has these bytes. */
  sha256: z.string(),
});
/** One frozen export file of a release. */
export type ReleaseFile = z.infer<typeof ReleaseFileSchema>;

/** A release's name and id, as other releases refer to it. */
export const ReleaseRefSchema = z.object({ id: PublicIdSchema, name: z.string() });

/** A release. */
export const ReleaseSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  answerShape: z.enum(ANSWER_SHAPES),
  status: z.enum(RELEASE_STATUSES),
  /** For If-Match on the notes and on publishing. */
  version: z.int().min(1),
  notes: z.string(),
  sampleCount: z.int().min(0),
  /** False for releases cut before snapshots existed: they cannot be exported or diffed. */
  snapshot: z.boolean(),
  /** The release the notes compare with (the one cut before it), if any. */
  previousRelease: ReleaseRefSchema.nullable(),
  /** The frozen export files, both answer shapes (empty without a snapshot). */
  files: z.array(ReleaseFileSchema),
  createdBy: PublicIdSchema,
  createdByName: z.string().nullable(),
  createdAt: TimestampSchema,
  publishedBy: PublicIdSchema.nullable(),
  publishedAt: TimestampSchema.nullable(),
});
/** A release. */
export type Release = z.infer<typeof ReleaseSchema>;

/** GET /api/releases response: newest first, and whether the caller may cut and edit. */
export const ReleaseListResponseSchema = z.object({
  items: z.array(ReleaseSchema),
  canManage: z.boolean(),
});
/** GET /api/releases response. */
export type ReleaseListResponse = z.infer<typeof ReleaseListResponseSchema>;

/** GET /api/releases/:a/diff/:b response: from a to b, every changed sample with its fields. */
export const ReleaseDiffResponseSchema = SampleSetDiffSchema.extend({
  from: ReleaseRefSchema,
  to: ReleaseRefSchema,
});
/** GET /api/releases/:a/diff/:b response. */
export type ReleaseDiffResponse = z.infer<typeof ReleaseDiffResponseSchema>;

/** GET /api/releases/:id/export/:file query: the answer shape (the release's own by default). */
export const ReleaseExportQuerySchema = z.strictObject({
  shape: z.enum(ANSWER_SHAPES, { message: 'must be list or scalar' }).optional(),
});
