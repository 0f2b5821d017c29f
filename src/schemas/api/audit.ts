import { z } from 'zod';
import { TimestampSchema } from './common';

/** One audit log entry: who changed what, from what to what, based on which version. */
export const AuditEntrySchema = z.object({
  seq: z.int(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  baseVersion: z.int().nullable(),
  at: TimestampSchema,
  /** Snapshots the reader may not see (another labeller's draft): null above, named here. */
  redacted: z.array(z.enum(['before', 'after'])).optional(),
});
/** One audit log entry. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** GET /api/audit query (newest first). */
export const AuditQuerySchema = z.strictObject({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/audit response. */
export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.int().nullable(),
});
