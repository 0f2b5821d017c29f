import { z } from 'zod';
import { PublicIdSchema, TimestampSchema } from './common';

/**
 * GET /api/samples/:id/preflags as the review screen reads it: the automatic pre-flags stored for
 * a sample (table sample_preflags). Fields the pre-flag engine may add later are let through.
 */

/** Where in the sample a pre-flag points (0-based); null parts: the sample as a whole. */
export const PreflagAtSchema = z.object({
  step: z.int().min(0).nullable(),
  /** The part of the step (criterion_selection, finding_identification, ecg_grounding, ...). */
  part: z.string().nullable(),
  /** Index in the step's ecg_grounding. */
  question: z.int().min(0).nullable(),
  option: z.int().min(0).nullable(),
});
/** Where a pre-flag points. */
export type PreflagAt = z.infer<typeof PreflagAtSchema>;

const WindowSchema = z.object({ startS: z.number(), endS: z.number() });

/** One lead's measured evidence behind a per-lead pre-flag. */
export const PreflagLeadNumbersSchema = z.looseObject({
  lead: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  threshold: z.number().nullable().optional(),
  /** Whether the sample's answer names this lead. */
  answered: z.boolean(),
  verdict: z.string(),
});

/** The numbers behind a pre-flag: each rule fills its own fields, all optional. */
export const PreflagNumbersSchema = z.looseObject({
  /** The engine's value. */
  value: z.number().nullable().optional(),
  unit: z.string().optional(),
  /** The sample's answer as written. */
  answer: z.string().optional(),
  /** The option (bin) whose range holds the engine's value; null in a gap or beyond the ends. */
  valueOption: z.string().nullable().optional(),
  /** Options the rule accepts (the answer's bin and its neighbours). */
  accepted: z.array(z.string()).optional(),
  /** Where the stated finding holds: lo < value < hi. */
  holdsWhen: z.object({ lo: z.number().nullable(), hi: z.number().nullable() }).optional(),
  margin: z.number().optional(),
  minLeads: z.number().optional(),
  lead: z.string().nullable().optional(),
  leads: z.array(PreflagLeadNumbersSchema).optional(),
  beatIndex: z.number().nullable().optional(),
  /** The option's window, in seconds. */
  window: WindowSchema.optional(),
  /** The wave the engine found on that beat, in seconds. */
  waveWindow: WindowSchema.nullable().optional(),
  /** The text at fault and what it should have been. */
  text: z.string().optional(),
  expected: z.string().optional(),
  extra: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
});
/** The numbers behind a pre-flag. */
export type PreflagNumbers = z.infer<typeof PreflagNumbersSchema>;

/** One stored pre-flag: the rule, its sentence with the values, where, and the numbers. */
export const SamplePreflagSchema = z.object({
  rule: z.string(),
  /** error: the sample's own text is wrong; warning: the engine's measurement disagrees. */
  severity: z.string(),
  message: z.string(),
  at: PreflagAtSchema,
  numbers: PreflagNumbersSchema,
  engineVersion: z.string(),
  createdAt: TimestampSchema,
});
/** One stored pre-flag. */
export type SamplePreflag = z.infer<typeof SamplePreflagSchema>;

/** GET /api/samples/:id/preflags response (the sample's pre-flags in the sample's order). */
export const SamplePreflagListSchema = z.object({
  sampleId: PublicIdSchema,
  items: z.array(SamplePreflagSchema),
});
/** GET /api/samples/:id/preflags response. */
export type SamplePreflagList = z.infer<typeof SamplePreflagListSchema>;
