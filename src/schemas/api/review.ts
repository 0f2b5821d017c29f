import { z } from 'zod';
import { TEXT_LIMITS } from '../text-limits';
import { DATA_SOURCES, TARGET_DX } from '../benchmark-sample';
import { PublicIdSchema, TimestampSchema } from './common';

/** Why a reviewer flags a sample or a step (docs/product.md), in keyboard order: key 1-7. */
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

/** The reason a number key (1-7) stands for. */
export function flagReasonByNumber(key: number): FlagReason | undefined {
  return Number.isInteger(key) ? FLAG_REASONS[key - 1] : undefined;
}

/** A reason as a request may send it: its name or its key number 1-7. */
export const FlagReasonInputSchema = z.union([
  FlagReasonSchema,
  z
    .int()
    .min(1, 'a reason number is 1-7')
    .max(FLAG_REASONS.length, 'a reason number is 1-7')
    .transform((key) => FLAG_REASONS[key - 1]!),
]);

/** How many reviewers see each sample. */
export const REVIEW_MODES = ['single', 'blind_double'] as const;
/** single: one reviewer per sample; blind_double: two, neither seeing the other's work. */
export const ReviewModeSchema = z.enum(REVIEW_MODES);
/** A review mode. */
export type ReviewMode = z.infer<typeof ReviewModeSchema>;

/** Filter on the automatic pre-flags: samples with at least one, with none, or either. */
export const PreflagFilterSchema = z.enum(['flagged', 'clean', 'any']);
/** A pre-flag filter. */
export type PreflagFilter = z.infer<typeof PreflagFilterSchema>;

/** Which samples a review pass covers (absent fields: all). */
export const ReviewPassFilterSchema = z.strictObject({
  dataSource: z.enum(DATA_SOURCES).optional(),
  targetDx: z.enum(TARGET_DX).optional(),
  dxLabel: z.boolean().optional(),
  pathIdx: z.int().min(0).max(1000).optional(),
  /** The sample's stored status, e.g. "active". */
  status: z
    .string()
    .regex(/^[a-z_]{1,40}$/, 'must be a sample status such as "active"')
    .optional(),
  /** A sample without pre-flag results counts as clean. */
  preflag: PreflagFilterSchema.optional(),
});
/** A pass filter. */
export type ReviewPassFilter = z.infer<typeof ReviewPassFilterSchema>;

/** A sample named by "source:id" (e.g. "ptbxl:12") or by its public id. */
export const SampleRefSchema = z.union([
  PublicIdSchema,
  z
    .string()
    .regex(
      new RegExp(`^(${DATA_SOURCES.join('|')}):\\d{1,12}$`),
      'must be "ptbxl:<id>", "mimic_iv_ecg:<id>" or a sample\'s public id',
    ),
]);

/** The most samples one pass may cover (the benchmark has about 6,500). */
export const MAX_PASS_SAMPLES = 20_000;
/** The most reviewers one pass may have. */
export const MAX_PASS_REVIEWERS = 50;

const ReviewerIdsSchema = z
  .array(PublicIdSchema)
  .max(MAX_PASS_REVIEWERS)
  .refine((ids) => new Set(ids).size === ids.length, 'lists a reviewer twice');

/** POST /api/review-passes body: a filter or a list of samples, the mode and the reviewers. */
export const CreateReviewPassRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'is required').max(TEXT_LIMITS.name),
    description: z.string().max(TEXT_LIMITS.description).default(''),
    filter: ReviewPassFilterSchema.default({}),
    /** The samples to review instead of a filter (in this order). */
    samples: z.array(SampleRefSchema).min(1).max(MAX_PASS_SAMPLES).optional(),
    mode: ReviewModeSchema.default('single'),
    /**
     * Reviewers to hand the samples to. A single pass with none is open: every reviewer may
     * judge every sample. A blind double pass needs at least two.
     */
    reviewerIds: ReviewerIdsSchema.default([]),
  })
  .superRefine((value, ctx) => {
    if (value.samples && Object.keys(value.filter).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['samples'],
        message: 'give a filter or a list of samples, not both',
      });
    }
    if (value.mode === 'blind_double' && value.reviewerIds.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewerIds'],
        message: 'a blind double review needs at least two reviewers',
      });
    }
  });
/** POST /api/review-passes body (as parsed: defaults filled in). */
export type CreateReviewPassRequest = z.infer<typeof CreateReviewPassRequestSchema>;
/** POST /api/review-passes body as a client may send it (defaults may be left out). */
export type CreateReviewPassInput = z.input<typeof CreateReviewPassRequestSchema>;

/** PUT /api/review-passes/:passId/reviewers body (If-Match: the pass version). */
export const SetPassReviewersRequestSchema = z.strictObject({ reviewerIds: ReviewerIdsSchema });
/** PUT reviewers body. */
export type SetPassReviewersRequest = z.infer<typeof SetPassReviewersRequestSchema>;

/** A review pass with its size. */
export const ReviewPassSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  description: z.string(),
  /** How the samples were chosen: by `filter`, or from a list of ids. */
  selection: z.enum(['filter', 'ids']),
  filter: ReviewPassFilterSchema,
  mode: ReviewModeSchema,
  status: z.enum(['open', 'closed']),
  /** The assigned reviewers; empty for a single pass open to every reviewer. */
  reviewerIds: z.array(PublicIdSchema),
  version: z.int().min(1),
  createdBy: PublicIdSchema,
  createdAt: TimestampSchema,
  closedAt: TimestampSchema.nullable(),
  sampleCount: z.int().min(0),
  /** (sample, reviewer) items handed out; 0 for an open pass. */
  itemCount: z.int().min(0),
  /** Verdicts given; a reviewer in an open blind pass counts only their own. */
  verdictCount: z.int().min(0),
});
/** A review pass. */
export type ReviewPass = z.infer<typeof ReviewPassSchema>;

/** GET /api/review-passes response. */
export const ReviewPassListResponseSchema = z.object({ items: z.array(ReviewPassSchema) });

/** A reviewer account a curator can assign. */
export const ReviewerSchema = z.object({ id: PublicIdSchema, username: z.string() });
/** A reviewer account. */
export type Reviewer = z.infer<typeof ReviewerSchema>;
/** GET /api/reviewers response. */
export const ReviewerListResponseSchema = z.object({ items: z.array(ReviewerSchema) });

/** pass, or flag with reasons. */
export const VerdictValueSchema = z.enum(['pass', 'flag']);
/** pass or flag. */
export type VerdictValue = z.infer<typeof VerdictValueSchema>;

const verdictInputFields = {
  verdict: VerdictValueSchema,
  /** Reasons by name or key number 1-7; a flag needs at least one, a pass none. */
  reasons: z.array(FlagReasonInputSchema).max(FLAG_REASONS.length).default([]),
  /** One reason, as clients before reason lists sent it; merged into `reasons`. */
  reason: FlagReasonInputSchema.nullable().optional(),
  comment: z.string().max(TEXT_LIMITS.comment).default(''),
};

function normaliseReasons<T extends { reasons: FlagReason[]; reason?: FlagReason | null }>(
  value: T,
) {
  const { reason, reasons, ...rest } = value;
  const all = reason ? [...reasons, reason] : reasons;
  return { ...rest, reasons: FLAG_REASONS.filter((name) => all.includes(name)) };
}

function reasonsFitVerdict(value: { verdict: string; reasons: string[] }, ctx: z.RefinementCtx) {
  if (value.verdict === 'flag' && value.reasons.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'a flag needs a reason' });
  }
  if (value.verdict === 'pass' && value.reasons.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'a pass has no reason' });
  }
}

/** A verdict on one reasoning step. */
export const StepVerdictSchema = z
  .strictObject({ stepIdx: z.int().min(0).max(20), ...verdictInputFields })
  .transform(normaliseReasons)
  .superRefine(reasonsFitVerdict);

/**
 * PUT /api/review-passes/:passId/samples/:sampleId/verdict body (If-Match: the verdict's
 * version, 0 for the first). `{"verdict":"pass"}` passes a sample in one call.
 */
export const PutVerdictRequestSchema = z
  .strictObject({
    ...verdictInputFields,
    steps: z
      .array(StepVerdictSchema)
      .max(20)
      .default([])
      .refine(
        (steps) => new Set(steps.map((step) => step.stepIdx)).size === steps.length,
        'judges a step twice',
      ),
  })
  .transform(normaliseReasons)
  .superRefine(reasonsFitVerdict);
/** PUT verdict body (as parsed: reasons merged, in key order). */
export type PutVerdictRequest = z.infer<typeof PutVerdictRequestSchema>;
/** PUT verdict body as a client may send it (reasons by name or key 1-7, defaults left out). */
export type PutVerdictInput = z.input<typeof PutVerdictRequestSchema>;

/** A verdict on one step as stored and returned. */
export const StepVerdictResultSchema = z.object({
  stepIdx: z.int(),
  verdict: VerdictValueSchema,
  reasons: z.array(FlagReasonSchema),
  comment: z.string(),
});
/** A step verdict. */
export type StepVerdict = z.infer<typeof StepVerdictResultSchema>;

/** One reviewer's verdict on one sample in one pass. */
export const VerdictSchema = z.object({
  id: PublicIdSchema,
  passId: PublicIdSchema,
  sampleId: PublicIdSchema,
  reviewerId: PublicIdSchema,
  verdict: VerdictValueSchema,
  reasons: z.array(FlagReasonSchema),
  comment: z.string(),
  steps: z.array(StepVerdictResultSchema),
  version: z.int().min(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** One verdict. */
export type Verdict = z.infer<typeof VerdictSchema>;

/** GET verdict response (null before the reviewer's first save). */
export const VerdictResponseSchema = z.object({ verdict: VerdictSchema.nullable() });

/** PUT verdict response: the verdict as saved. */
export const SavedVerdictResponseSchema = z.object({ verdict: VerdictSchema });

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
  /** The first of `reasons` (for grouping). */
  reason: FlagReasonSchema,
  reasons: z.array(FlagReasonSchema),
  comment: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: FlagResolutionSchema.nullable(),
  /** Why a curator dismissed it; null otherwise. */
  resolutionNote: z.string().nullable(),
  version: z.int().min(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A flag. */
export type Flag = z.infer<typeof FlagSchema>;

/** GET /api/flags query. */
export const FlagListQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).optional(),
  /** Flags with this among their reasons. */
  reason: FlagReasonSchema.optional(),
  sample: PublicIdSchema.optional(),
  pass: PublicIdSchema.optional(),
});

/** GET /api/flags response. */
export const FlagListResponseSchema = z.object({ items: z.array(FlagSchema) });

/**
 * PUT /api/flags/:id body (curator, If-Match): the action taken; a dismissal says why in `note`
 * (the flag was not a problem, say), which only a dismissal carries.
 */
export const ResolveFlagRequestSchema = z
  .strictObject({
    resolution: FlagResolutionSchema,
    note: z.string().trim().max(TEXT_LIMITS.comment).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.resolution === 'dismissed' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'a dismissal needs a reason' });
    }
    if (value.resolution !== 'dismissed' && value.note !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'only a dismissal carries a note (a fix or re-sample is its own record)',
      });
    }
  });
/** PUT /api/flags/:id body. */
export type ResolveFlagRequest = z.infer<typeof ResolveFlagRequestSchema>;
