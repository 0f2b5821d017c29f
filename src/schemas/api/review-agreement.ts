import { z } from 'zod';
import { PublicIdSchema, TimestampSchema } from './common';
import { FlagReasonSchema, ReviewModeSchema, VerdictValueSchema } from './review';

/** A 2x2 table: first reviewer's verdict, then the second's. */
export const AgreementTableSchema = z.object({
  passPass: z.int().min(0),
  passFlag: z.int().min(0),
  flagPass: z.int().min(0),
  flagFlag: z.int().min(0),
});

/** Cohen's kappa with the counts behind it; kappa null with the reason when undefined. */
export const KappaResultSchema = z.object({
  n: z.int().min(0),
  table: AgreementTableSchema,
  observedAgreement: z.number().nullable(),
  expectedAgreement: z.number().nullable(),
  kappa: z.number().nullable(),
  undefinedReason: z.string().nullable(),
});
/** Kappa with counts. */
export type KappaResultResponse = z.infer<typeof KappaResultSchema>;

const GroupSchema = KappaResultSchema.extend({ key: z.string() });

/** GET /api/review-passes/:passId/agreement response. */
export const AgreementResponseSchema = z.object({
  passId: PublicIdSchema,
  mode: ReviewModeSchema,
  status: z.enum(['open', 'closed']),
  samplesSeenByTwo: z.int().min(0),
  overall: KappaResultSchema,
  /** Per pair of reviewers (key "first|second", the lower id first, as in the tables). */
  byPair: z.array(
    GroupSchema.extend({
      reviewers: z.tuple([
        z.object({ id: PublicIdSchema, username: z.string() }),
        z.object({ id: PublicIdSchema, username: z.string() }),
      ]),
    }),
  ),
  /** Per target_dx. */
  byDiagnosis: z.array(GroupSchema),
  /** Per step type (grounding kinds of the step); steps of a flagged sample not judged one by one are unrated. */
  byStepType: z.array(GroupSchema.extend({ unratedSteps: z.int().min(0) })),
});
/** Agreement response. */
export type AgreementResponse = z.infer<typeof AgreementResponseSchema>;

/** GET agreement query: JSON (default) or CSV (one row per group). */
export const AgreementQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
});

/** One line of a pass's results export (JSONL): one verdict on a sample or on one of its steps. */
export const ReviewExportLineSchema = z.object({
  passId: PublicIdSchema,
  /** "source:id", e.g. "ptbxl:12". */
  sample: z.string(),
  sampleId: PublicIdSchema,
  reviewerId: PublicIdSchema,
  /** null: the verdict on the whole sample; n: on reasoning step n (from 0). */
  step: z.int().min(0).nullable(),
  verdict: VerdictValueSchema,
  reasons: z.array(FlagReasonSchema),
  comment: z.string(),
  updatedAt: TimestampSchema,
});
/** One export line. */
export type ReviewExportLine = z.infer<typeof ReviewExportLineSchema>;
