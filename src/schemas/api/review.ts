import { z } from 'zod';
import { TEXT_LIMITS } from '../text-limits';
import { DATA_SOURCES, TARGET_DX } from '../benchmark-sample';
import { PublicIdSchema, TimestampSchema } from './common';

/** Why a reviewer flags a sample or a step (docs/product.md), in keyboard order 1-7. */
export const FLAG_REASONS = [
  'wrong_answer',
  'ambiguous_distractor',
  'grounding_window_misses_beat',
  'measurement_outside_range',
  'wording',
  'signal_quality',
  'other',
] as const;

/** A flag reason. */
export const FlagReasonSchema = z.enum(FLAG_REASONS);
/** A flag reason. */
export type FlagReason = z.infer<typeof FlagReasonSchema>;

/** Which samples a review pass covers (absent fields: all). */
export const ReviewPassFilterSchema = z.strictObject({
  dataSource: z.enum(DATA_SOURCES).optional(),
  targetDx: z.enum(TARGET_DX).optional(),
  dxLabel: z.boolean().optional(),
});

/** POST /api/review-passes body. */
export const CreateReviewPassRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(TEXT_LIMITS.name),
  description: z.string().max(TEXT_LIMITS.description).default(''),
  filter: ReviewPassFilterSchema.default({}),
});
/** POST /api/review-passes body. */
export type CreateReviewPassRequest = z.infer<typeof CreateReviewPassRequestSchema>;

/** A review pass with its progress. */
export const ReviewPassSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  description: z.string(),
  filter: ReviewPassFilterSchema,
  status: z.enum(['open', 'closed']),
  version: z.int().min(1),
  createdBy: PublicIdSchema,
  createdAt: TimestampSchema,
  sampleCount: z.int().min(0),
  verdictCount: z.int().min(0),
});
/** A review pass. */
export type ReviewPass = z.infer<typeof ReviewPassSchema>;

/** GET /api/review-passes response. */
export const ReviewPassListResponseSchema = z.object({ items: z.array(ReviewPassSchema) });

/** pass, or flag with a reason. */
export const VerdictValueSchema = z.enum(['pass', 'flag']);

const verdictFields = {
  verdict: VerdictValueSchema,
  reason: FlagReasonSchema.nullable().default(null),
  comment: z.string().max(TEXT_LIMITS.comment).default(''),
};

function reasonWhenFlagged(
  value: { verdict: string; reason: string | null },
  ctx: z.RefinementCtx,
) {
  if (value.verdict === 'flag' && value.reason === null) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a flag needs a reason' });
  }
  if (value.verdict === 'pass' && value.reason !== null) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a pass has no reason' });
  }
}

/** A verdict on one reasoning step. */
export const StepVerdictSchema = z
  .strictObject({ stepIdx: z.int().min(0).max(20), ...verdictFields })
  .superRefine(reasonWhenFlagged);

/** PUT /api/review-passes/:passId/samples/:sampleId/verdict body (If-Match, 0 for new). */
export const PutVerdictRequestSchema = z
  .strictObject({ ...verdictFields, steps: z.array(StepVerdictSchema).max(20).default([]) })
  .superRefine(reasonWhenFlagged);
/** PUT verdict body. */
export type PutVerdictRequest = z.infer<typeof PutVerdictRequestSchema>;

/** One reviewer's verdict on one sample in one pass. */
export const VerdictSchema = z.object({
  id: PublicIdSchema,
  passId: PublicIdSchema,
  sampleId: PublicIdSchema,
  reviewerId: PublicIdSchema,
  verdict: VerdictValueSchema,
  reason: FlagReasonSchema.nullable(),
  comment: z.string(),
  steps: z.array(
    z.object({
      stepIdx: z.int(),
      verdict: VerdictValueSchema,
      reason: FlagReasonSchema.nullable(),
      comment: z.string(),
    }),
  ),
  version: z.int().min(1),
  updatedAt: TimestampSchema,
});
/** One verdict. */
export type Verdict = z.infer<typeof VerdictSchema>;

/** GET verdict response (null before the reviewer's first save). */
export const VerdictResponseSchema = z.object({ verdict: VerdictSchema.nullable() });

/** GET /api/review-passes/:passId/verdicts response. */
export const VerdictListResponseSchema = z.object({ items: z.array(VerdictSchema) });

/** How a curator closes a flag. */
export const FlagResolutionSchema = z.enum(['fixed', 'resampled', 'dismissed']);

/** A flag on a sample (raised by a flag verdict). */
export const FlagSchema = z.object({
  id: PublicIdSchema,
  sampleId: PublicIdSchema,
  passId: PublicIdSchema.nullable(),
  raisedBy: PublicIdSchema,
  stepIdx: z.int().nullable(),
  reason: FlagReasonSchema,
  comment: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: FlagResolutionSchema.nullable(),
  version: z.int().min(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A flag. */
export type Flag = z.infer<typeof FlagSchema>;

/** GET /api/flags query. */
export const FlagListQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  reason: FlagReasonSchema.optional(),
  sample: PublicIdSchema.optional(),
});

/** GET /api/flags response. */
export const FlagListResponseSchema = z.object({ items: z.array(FlagSchema) });

/** PUT /api/flags/:id body (curator, If-Match). */
export const ResolveFlagRequestSchema = z.strictObject({ resolution: FlagResolutionSchema });
