import { z } from 'zod';
import { DATA_SOURCES } from '../benchmark-sample';
import { PageQuerySchema, PublicIdSchema } from './common';

/** An ECG record as lists and detail views show it. */
export const EcgSummarySchema = z.object({
  id: PublicIdSchema,
  source: z.enum(DATA_SOURCES),
  ecgId: z.string(),
  subjectId: z.string().nullable(),
  /** True when the WFDB files were found under RECORDS_DIR. */
  recordAvailable: z.boolean(),
});
/** An ECG record summary. */
export type EcgSummary = z.infer<typeof EcgSummarySchema>;

/** GET /api/ecgs query. */
export const EcgListQuerySchema = PageQuerySchema.extend({
  source: z.enum(DATA_SOURCES).optional(),
});

/** GET /api/ecgs response, ordered by source then ecgId. */
export const EcgListResponseSchema = z.object({
  items: z.array(EcgSummarySchema),
  nextCursor: z.string().nullable(),
});
/** GET /api/ecgs response. */
export type EcgListResponse = z.infer<typeof EcgListResponseSchema>;
