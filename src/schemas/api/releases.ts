import { z } from 'zod';
import { ANSWER_SHAPES, AnswerShapeNameSchema, DEFAULT_ANSWER_SHAPE } from '../benchmark-sample';
import { TEXT_LIMITS } from '../text-limits';
import { PublicIdSchema, TimestampSchema } from './common';

/** POST /api/releases body. */
export const CreateReleaseRequestSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'must be 1-60 letters, digits, ".", "-" or "_"'),
  /** How the release's files write wave/measurement answers (old names 0.0.2, 0.0.1 accepted). */
  answerShape: AnswerShapeNameSchema.default(DEFAULT_ANSWER_SHAPE),
  notes: z.string().max(TEXT_LIMITS.notes).default(''),
});
/** POST /api/releases body. */
export type CreateReleaseRequest = z.infer<typeof CreateReleaseRequestSchema>;

/** A release. */
export const ReleaseSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  answerShape: z.enum(ANSWER_SHAPES),
  notes: z.string(),
  sampleCount: z.int().min(0),
  createdBy: PublicIdSchema,
  createdAt: TimestampSchema,
});
/** A release. */
export type Release = z.infer<typeof ReleaseSchema>;

/** GET /api/releases response. */
export const ReleaseListResponseSchema = z.object({ items: z.array(ReleaseSchema) });
