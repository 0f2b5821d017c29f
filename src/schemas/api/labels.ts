import { z } from 'zod';
import type { DenseLabel, DraftLabel } from '../dense-label';
import { DenseLabelSchema, DraftLabelSchema } from '../dense-label';
import { PublicIdSchema, RuleProblemSchema, TimestampSchema } from './common';
import { EcgSummarySchema } from './ecgs';

/** A label is a draft until its labeller submits it. */
export const LabelStatusSchema = z.enum(['draft', 'submitted']);
/** A label's status. */
export type LabelStatus = z.infer<typeof LabelStatusSchema>;

/** Stored label content: a complete label when submitted, a partial one while a draft. */
export const DenseLabelContentSchema = z.union([DenseLabelSchema, DraftLabelSchema]);

/**
 * PUT /api/ecgs/:ecgId/label body (If-Match: the version it was based on, 0 for a new one). The
 * route parses the envelope; the content goes through checkLabelWrite, which names the rule of
 * every problem (422).
 */
export const PutLabelRequestSchema = z.strictObject({
  status: LabelStatusSchema,
  content: z.unknown(),
});
/** PUT /api/ecgs/:ecgId/label body as a client writes it. */
export type PutLabelRequest =
  { status: 'draft'; content: DraftLabel } | { status: 'submitted'; content: DenseLabel };

/** One labeller's label of one ECG. */
export const DenseLabelRecordSchema = z.object({
  id: PublicIdSchema,
  ecgId: PublicIdSchema,
  labellerId: PublicIdSchema,
  labeller: z.string(),
  status: LabelStatusSchema,
  version: z.int().min(1),
  content: DenseLabelContentSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** One labeller's label of one ECG. */
export type DenseLabelRecord = z.infer<typeof DenseLabelRecordSchema>;

/** GET/PUT /api/ecgs/:ecgId/label response: the caller's own label (null before the first save). */
export const OwnLabelResponseSchema = z.object({
  ecg: EcgSummarySchema,
  label: DenseLabelRecordSchema.nullable(),
});
/** GET/PUT /api/ecgs/:ecgId/label response. */
export type OwnLabelResponse = z.infer<typeof OwnLabelResponseSchema>;

/** PUT /api/ecgs/:ecgId/label response: the saved label and the warnings its rules raised. */
export const SaveLabelResponseSchema = OwnLabelResponseSchema.extend({
  warnings: z.array(RuleProblemSchema),
});
/** PUT /api/ecgs/:ecgId/label response. */
export type SaveLabelResponse = z.infer<typeof SaveLabelResponseSchema>;

/** GET /api/ecgs/:ecgId/labels response: submitted labels of everyone plus the caller's own. */
export const LabelListResponseSchema = z.object({ items: z.array(DenseLabelRecordSchema) });
/** GET /api/ecgs/:ecgId/labels response. */
export type LabelListResponse = z.infer<typeof LabelListResponseSchema>;
