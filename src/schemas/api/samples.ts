import { z } from 'zod';
import {
  BenchmarkSampleV002Schema,
  DATA_SOURCES,
  MetadataSchema,
  TARGET_DX,
} from '../benchmark-sample';
import { PreflagRuleSchema } from '../preflags';
import { PageQuerySchema, PublicIdSchema, QueryBooleanSchema, TimestampSchema } from './common';
import { PreflagFilterSchema } from './review';

/** GET /api/samples query: filters, then cursor pagination (order: data_source, sample id). */
export const SampleListQuerySchema = PageQuerySchema.extend({
  data_source: z.enum(DATA_SOURCES).optional(),
  target_dx: z.enum(TARGET_DX).optional(),
  dx_label: QueryBooleanSchema.optional(),
  /** Only samples about this ECG (public id of the ECG record). */
  ecg: PublicIdSchema.optional(),
  /** Samples with at least one automatic pre-flag, or none (a sample never checked counts as clean). */
  preflag: PreflagFilterSchema.optional(),
  /** Samples with a pre-flag of this rule. */
  preflag_rule: PreflagRuleSchema.optional(),
});
/** GET /api/samples query. */
export type SampleListQuery = z.infer<typeof SampleListQuerySchema>;

/** One row of the sample list. */
export const SampleListItemSchema = z.object({
  id: PublicIdSchema,
  version: z.int().min(1),
  metadata: MetadataSchema,
});

/** GET /api/samples response. */
export const SampleListResponseSchema = z.object({
  items: z.array(SampleListItemSchema),
  nextCursor: z.string().nullable(),
});
/** GET /api/samples response. */
export type SampleListResponse = z.infer<typeof SampleListResponseSchema>;

/** GET /api/samples/:id response: the sample in format 0.0.2 and where its ECG is. */
export const SampleResponseSchema = z.object({
  id: PublicIdSchema,
  version: z.int().min(1),
  updatedAt: TimestampSchema,
  sample: BenchmarkSampleV002Schema,
  ecg: z.object({
    /** Public id of the registered ECG record, null until the records scan finds it. */
    id: PublicIdSchema.nullable(),
    source: z.enum(DATA_SOURCES),
    ecgId: z.string(),
    recordAvailable: z.boolean(),
  }),
});
/** GET /api/samples/:id response. */
export type SampleResponse = z.infer<typeof SampleResponseSchema>;

/** GET /api/samples/:id/neighbours response: the samples before and after it in list order. */
export const SampleNeighboursSchema = z.object({
  previous: PublicIdSchema.nullable(),
  next: PublicIdSchema.nullable(),
  /** 1-based place of this sample in the list. */
  position: z.int().min(1),
  total: z.int().min(1),
});
/** GET /api/samples/:id/neighbours response. */
export type SampleNeighbours = z.infer<typeof SampleNeighboursSchema>;

/** PUT /api/samples/:id body: a fix in place (metadata must stay the same). */
export const PutSampleRequestSchema = z.strictObject({ sample: BenchmarkSampleV002Schema });
/** PUT /api/samples/:id body. */
export type PutSampleRequest = z.infer<typeof PutSampleRequestSchema>;

/** POST /api/samples/:id/resample body: the replacement, built on another ECG. */
export const ResampleRequestSchema = z.strictObject({ sample: BenchmarkSampleV002Schema });
/** POST /api/samples/:id/resample body. */
export type ResampleRequest = z.infer<typeof ResampleRequestSchema>;

/** How a sample revision came about. */
export const RevisionKindSchema = z.enum(['import', 'fix', 'resample']);

/** One stored revision of a sample. */
export const SampleRevisionSchema = z.object({
  version: z.int().min(1),
  kind: RevisionKindSchema,
  authorId: PublicIdSchema.nullable(),
  createdAt: TimestampSchema,
  sample: BenchmarkSampleV002Schema,
});
/** One stored revision of a sample. */
export type SampleRevision = z.infer<typeof SampleRevisionSchema>;

/** GET /api/samples/:id/revisions response, oldest first. */
export const SampleRevisionsResponseSchema = z.object({ items: z.array(SampleRevisionSchema) });
/** GET /api/samples/:id/revisions response. */
export type SampleRevisionsResponse = z.infer<typeof SampleRevisionsResponseSchema>;
