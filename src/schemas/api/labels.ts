import { z } from 'zod';
import { DenseLabelSchema } from '../dense-label';
import { PublicIdSchema, TimestampSchema } from './common';
import { EcgSummarySchema } from './ecgs';

/** A label is a draft until its labeller submits it. */
export const LabelStatusSchema = z.enum(['draft', 'submitted']);
/** A label's status. */
export type LabelStatus = z.infer<typeof LabelStatusSchema>;

/** A draft may leave axes unset (autosave mid-edit); unknown keys are still refused. */
export const DraftLabelContentSchema = DenseLabelSchema.partial();

/** Stored label content: a complete label when submitted, a partial one while a draft. */
export const DenseLabelContentSchema = z.union([DenseLabelSchema, DraftLabelContentSchema]);

/** PUT /api/ecgs/:ecgId/label body (If-Match: the version it was based on, 0 for a new one). */
export const PutLabelRequestSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('draft'), content: DraftLabelContentSchema }),
  z.strictObject({ status: z.literal('submitted'), content: DenseLabelSchema }),
]);
/** PUT /api/ecgs/:ecgId/label body. */
export type PutLabelRequest = z.infer<typeof PutLabelRequestSchema>;

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

/** GET /api/ecgs/:ecgId/labels response: submitted labels of everyone plus the caller's own. */
export const LabelListResponseSchema = z.object({ items: z.array(DenseLabelRecordSchema) });
/** GET /api/ecgs/:ecgId/labels response. */
export type LabelListResponse = z.infer<typeof LabelListResponseSchema>;
