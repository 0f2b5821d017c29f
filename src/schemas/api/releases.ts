import { z } from 'zod';
import { FORMAT_VERSIONS } from '../benchmark-sample';
import { PublicIdSchema, TimestampSchema } from './common';

/** POST /api/releases body. */
export const CreateReleaseRequestSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/, 'must be 1-60 letters, digits, ".", "-" or "_"'),
  formatVersion: z.enum(FORMAT_VERSIONS).default('0.0.2'),
  notes: z.string().max(20000).default(''),
});
/** POST /api/releases body. */
export type CreateReleaseRequest = z.infer<typeof CreateReleaseRequestSchema>;

/** A release. */
export const ReleaseSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  formatVersion: z.enum(FORMAT_VERSIONS),
  notes: z.string(),
  sampleCount: z.int().min(0),
  createdBy: PublicIdSchema,
  createdAt: TimestampSchema,
});
/** A release. */
export type Release = z.infer<typeof ReleaseSchema>;

/** GET /api/releases response. */
export const ReleaseListResponseSchema = z.object({ items: z.array(ReleaseSchema) });
