import { z } from 'zod';
import { PreflagSchema } from '../preflags';
import { PublicIdSchema, TimestampSchema } from './common';
import { MAX_PASS_SAMPLES, ReviewPassFilterSchema, SampleRefSchema } from './review';

/** POST /api/preflags/run body: which samples (all when neither filter nor samples), only stale ones. */
export const RunPreflagsRequestSchema = z
  .strictObject({
    /** The same filter a review pass takes (source, diagnosis, label, path, status, pre-flag). */
    filter: ReviewPassFilterSchema.optional(),
    /** Samples by "source:id" or public id. */
    samples: z.array(SampleRefSchema).min(1).max(MAX_PASS_SAMPLES).optional(),
    /** Only samples never checked, changed since, or checked by another engine version. */
    onlyStale: z.boolean().default(false),
  })
  .refine((body) => !(body.filter && body.samples), {
    message: 'give a filter or a list of samples, not both',
    path: ['samples'],
  });
/** POST /api/preflags/run body. */
export type RunPreflagsRequest = z.infer<typeof RunPreflagsRequestSchema>;

/** What started a run. */
export const PreflagRunTriggerSchema = z.enum(['import', 'request']);

/** A run's state: running, done, failed, or stopped (the server stopped before it finished). */
export const PreflagRunStatusSchema = z.enum(['running', 'done', 'failed', 'stopped']);

/** One pre-flag run and its progress (GET /api/preflags/runs/:id). */
export const PreflagRunSchema = z.object({
  id: PublicIdSchema,
  status: PreflagRunStatusSchema,
  trigger: PreflagRunTriggerSchema,
  scope: z.object({
    filter: ReviewPassFilterSchema.optional(),
    /** How many samples were listed (the list itself is not echoed). */
    listed: z.int().min(0).optional(),
    onlyStale: z.boolean(),
  }),
  requestedBy: PublicIdSchema.nullable(),
  engineVersion: z.string(),
  /** Samples the run covers, and how many are checked so far. */
  total: z.int().min(0),
  done: z.int().min(0),
  /** Samples with at least one pre-flag, among those done. */
  flagged: z.int().min(0),
  /** Samples whose record could not be read (only the text rules ran on them). */
  failed: z.int().min(0),
  /** Worker threads the run uses. */
  workers: z.int().min(0),
  error: z.string().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
/** One pre-flag run. */
export type PreflagRun = z.infer<typeof PreflagRunSchema>;

/** GET /api/preflags/runs response: the latest runs, newest first. */
export const PreflagRunListSchema = z.object({ items: z.array(PreflagRunSchema) });

/** How a sample's last check went: the rules ran on its record, or only the text rules. */
export const PreflagCheckStatusSchema = z.enum(['checked', 'no-record', 'record-error']);

/** One stored pre-flag, as the review screen reads it. */
export const StoredPreflagSchema = PreflagSchema.extend({
  engineVersion: z.string(),
  createdAt: TimestampSchema,
});
/** One stored pre-flag. */
export type StoredPreflag = z.infer<typeof StoredPreflagSchema>;

/** GET /api/samples/:id/preflags response. */
export const SamplePreflagsResponseSchema = z.object({
  sampleId: PublicIdSchema,
  /** The sample's current version. */
  sampleVersion: z.int().min(1),
  /** The last check; null when the sample was never checked. */
  check: z
    .object({
      status: PreflagCheckStatusSchema,
      /** Why the record was not read, when it was not. */
      note: z.string().nullable(),
      engineVersion: z.string(),
      sampleVersion: z.int().min(1),
      checkedAt: TimestampSchema,
      /** True when the sample changed since, or the engine or rules did: run the pre-flags again. */
      stale: z.boolean(),
    })
    .nullable(),
  /** In the sample's order: step, then part, then question and option. */
  items: z.array(StoredPreflagSchema),
});
/** GET /api/samples/:id/preflags response. */
export type SamplePreflagsResponse = z.infer<typeof SamplePreflagsResponseSchema>;
