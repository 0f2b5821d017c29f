import { z } from 'zod';
import { DATA_SOURCES, TARGET_DX } from '../benchmark-sample';
import { PublicIdSchema, QueryBooleanSchema } from './common';
import { PreflagFilterSchema, VerdictValueSchema } from './review';

/** GET /api/review-passes/:passId/queue query (snake_case like GET /api/samples). */
export const ReviewQueueQuerySchema = z.strictObject({
  data_source: z.enum(DATA_SOURCES).optional(),
  target_dx: z.enum(TARGET_DX).optional(),
  dx_label: QueryBooleanSchema.optional(),
  /** done: the reviewer gave a verdict; open: not yet. */
  status: z.enum(['done', 'open']).optional(),
  preflag: PreflagFilterSchema.optional(),
  /** Whose queue (curators and admins; a reviewer always gets their own). */
  reviewer: PublicIdSchema.optional(),
});
/** Queue query. */
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuerySchema>;

/** One item of a reviewer's queue: enough to draw its row and pass it in one call. */
export const QueueItemSchema = z.object({
  sampleId: PublicIdSchema,
  /** "source:id", e.g. "ptbxl:12". */
  ref: z.string(),
  targetDx: z.enum(TARGET_DX),
  dxLabel: z.boolean(),
  pathIdx: z.int(),
  /** Place in the pass (data source, then sample id), from 0. */
  position: z.int().min(0),
  preflagCount: z.int().min(0),
  verdict: VerdictValueSchema.nullable(),
  /** The If-Match for this reviewer's next verdict save (0: none yet). */
  verdictVersion: z.int().min(0),
});
/** One queue item. */
export type QueueItem = z.infer<typeof QueueItemSchema>;

/** One reviewer's progress in a pass. */
export const ReviewerProgressSchema = z.object({
  reviewerId: PublicIdSchema,
  username: z.string(),
  total: z.int().min(0),
  done: z.int().min(0),
  /** Flag verdicts; null where the reader may not see this reviewer's verdicts yet. */
  flagged: z.int().min(0).nullable(),
  /** Mean working time per item at the current pace (breaks left out); null before a pace. */
  msPerItem: z.number().nullable(),
  /** Time left at that pace; null before a pace. */
  timeLeftMs: z.number().nullable(),
});
/** One reviewer's progress. */
export type ReviewerProgress = z.infer<typeof ReviewerProgressSchema>;

/** GET /api/review-passes/:passId/progress response (also inside the queue response). */
export const PassProgressSchema = z.object({
  passId: PublicIdSchema,
  /** all: every reviewer; own: a reviewer in an open blind pass sees only their own counts. */
  scope: z.enum(['all', 'own']),
  /** The whole pass; null in scope own. timeLeftMs is the slowest reviewer's. */
  pass: z
    .object({
      total: z.int().min(0),
      done: z.int().min(0),
      timeLeftMs: z.number().nullable(),
    })
    .nullable(),
  reviewers: z.array(ReviewerProgressSchema),
});
/** Pass progress. */
export type PassProgress = z.infer<typeof PassProgressSchema>;

/** GET /api/review-passes/:passId/queue response: every matching item, in queue order. */
export const ReviewQueueResponseSchema = z.object({
  passId: PublicIdSchema,
  reviewerId: PublicIdSchema,
  items: z.array(QueueItemSchema),
  progress: PassProgressSchema,
});
/** Queue response. */
export type ReviewQueueResponse = z.infer<typeof ReviewQueueResponseSchema>;
