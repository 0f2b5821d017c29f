import { z } from 'zod';
import type { BenchmarkSampleV002 } from '../benchmark-sample';
import {
  BenchmarkSampleV002Schema,
  DATA_SOURCES,
  MetadataSchema,
  TARGET_DX,
} from '../benchmark-sample';
import { PreflagRuleSchema } from '../preflags';
import { SampleProvenanceSchema } from '../sample-provenance';
import type { Role } from './common';
import {
  PageQuerySchema,
  PublicIdSchema,
  QueryBooleanSchema,
  RuleProblemSchema,
  TimestampSchema,
} from './common';
import { PreflagFilterSchema } from './review';

/**
 * Who writes sample content (a fix in place, a new sample): cardiologists, who write and edit the
 * reasoning chains of the ECGs they read, and curators. Reviewers never do (they judge samples),
 * nor admins (they run the workspace). The server enforces it; screens offer editing by it.
 */
export const SAMPLE_WRITER_ROLES: readonly Role[] = ['cardiologist', 'curator'];

/** True when a role may write sample content. */
export const canWriteSamples = (role: Role | null | undefined): boolean =>
  role !== null && role !== undefined && SAMPLE_WRITER_ROLES.includes(role);

/** The sample list's filters, as query parameters (the worklist and its neighbours share them). */
export const SampleFiltersSchema = z.strictObject({
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
/** The sample list's filters. */
export type SampleFilters = z.infer<typeof SampleFiltersSchema>;

/** GET /api/samples query: filters, then cursor pagination (order: data_source, sample id). */
export const SampleListQuerySchema = PageQuerySchema.extend(SampleFiltersSchema.shape);
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

/** GET /api/samples/:id response: the sample in the list answer shape and where its ECG is. */
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

/**
 * GET /api/samples/:id/neighbours response: the samples before and after it in list order, among
 * those the query's filters (SampleFiltersSchema) keep.
 */
export const SampleNeighboursSchema = z.object({
  previous: PublicIdSchema.nullable(),
  next: PublicIdSchema.nullable(),
  /** 1-based place of this sample in the filtered list; null when the filters leave it out. */
  position: z.int().min(1).nullable(),
  total: z.int().min(0),
});
/** GET /api/samples/:id/neighbours response. */
export type SampleNeighbours = z.infer<typeof SampleNeighboursSchema>;

/**
 * PUT /api/samples/:id body: a fix in place (identity and ECG stay). The route parses the
 * envelope; the sample goes through checkSampleWrite, which names the rule of every problem (422).
 */
export const PutSampleRequestSchema = z.strictObject({ sample: z.unknown() });
/** PUT /api/samples/:id body as a client writes it. */
export type PutSampleRequest = { sample: BenchmarkSampleV002 };

/**
 * POST /api/samples body: a new sample. The server gives it the next free id of its data source
 * (any id sent is replaced) and, for MIMIC-IV-ECG, its ECG's subject_id when it has none; then
 * it goes through checkSampleWrite like every sample write.
 */
export const CreateSampleRequestSchema = z.strictObject({ sample: z.unknown() });
/** POST /api/samples body as a client writes it. */
export type CreateSampleRequest = { sample: BenchmarkSampleV002 };

/** POST /api/samples/:id/resample body: the replacement, built on another ECG (checked as a fix is). */
export const ResampleRequestSchema = z.strictObject({ sample: z.unknown() });
/** POST /api/samples/:id/resample body as a client writes it. */
export type ResampleRequest = { sample: BenchmarkSampleV002 };

/** PUT /api/samples/:id and POST .../resample response: the saved sample and its rules' warnings. */
export const SampleWriteResponseSchema = SampleResponseSchema.extend({
  warnings: z.array(RuleProblemSchema),
});
/** A sample write's response. */
export type SampleWriteResponse = z.infer<typeof SampleWriteResponseSchema>;

/**
 * How a sample revision came about (create: a new sample written in the app; regenerate: rebuilt
 * from its template on the same ECG).
 */
export const RevisionKindSchema = z.enum(['import', 'create', 'fix', 'resample', 'regenerate']);
/** How a sample revision came about. */
export type RevisionKind = z.infer<typeof RevisionKindSchema>;

/** One stored revision of a sample. */
export const SampleRevisionSchema = z.object({
  version: z.int().min(1),
  kind: RevisionKindSchema,
  authorId: PublicIdSchema.nullable(),
  createdAt: TimestampSchema,
  sample: BenchmarkSampleV002Schema,
  /** What a generated revision was built from; null for imports and hand edits. */
  provenance: SampleProvenanceSchema.nullable(),
});
/** One stored revision of a sample. */
export type SampleRevision = z.infer<typeof SampleRevisionSchema>;

/** GET /api/samples/:id/revisions response, oldest first. */
export const SampleRevisionsResponseSchema = z.object({ items: z.array(SampleRevisionSchema) });
/** GET /api/samples/:id/revisions response. */
export type SampleRevisionsResponse = z.infer<typeof SampleRevisionsResponseSchema>;
