import { z } from 'zod';
import { DATA_SOURCES, TARGET_DX } from './benchmark-sample';

/** A sample named across files and releases: "<data_source>:<id>", e.g. "ptbxl:12". */
export const SampleKeySchema = z
  .string()
  .regex(/^(ptbxl|mimic_iv_ecg):\d+$/, 'must be "<data_source>:<id>", e.g. "ptbxl:12"');
/** "<data_source>:<id>". */
export type SampleKey = z.infer<typeof SampleKeySchema>;

/**
 * How one sample differs between two sets: re-sampled (its ecg_id changed), edited (content
 * changed on the same ECG), added (only in the newer set), removed (only in the older one).
 */
export const SAMPLE_CHANGE_KINDS = ['resampled', 'edited', 'added', 'removed'] as const;
/** One of SAMPLE_CHANGE_KINDS. */
export type SampleChangeKind = (typeof SAMPLE_CHANGE_KINDS)[number];

/** One changed sample. */
export const SampleChangeSchema = z.object({
  key: SampleKeySchema,
  dataSource: z.enum(DATA_SOURCES),
  id: z.int().min(0),
  /** The newer set's diagnosis (the older one's for a removed sample). */
  targetDx: z.enum(TARGET_DX),
  change: z.enum(SAMPLE_CHANGE_KINDS),
  ecgIdBefore: z.string().nullable(),
  ecgIdAfter: z.string().nullable(),
  /**
   * The JSON paths whose values differ (re-sampled and edited; empty for added and removed),
   * e.g. "data.reasoning[0].criterion_selection.options". A list of texts or numbers counts as
   * one field; a step or question present on one side only is named as a whole.
   */
  paths: z.array(z.string()),
});
/** One changed sample. */
export type SampleChange = z.infer<typeof SampleChangeSchema>;

/** What changed in one diagnosis of one source. */
export const DiagnosisChangeSchema = z.object({
  dataSource: z.enum(DATA_SOURCES),
  targetDx: z.enum(TARGET_DX),
  samplesBefore: z.int().min(0),
  samplesAfter: z.int().min(0),
  unchanged: z.int().min(0),
  resampled: z.int().min(0),
  edited: z.int().min(0),
  added: z.int().min(0),
  removed: z.int().min(0),
  /**
   * Changed wholesale: both sets hold at least one sample of this diagnosis and source, and
   * every sample both hold was re-sampled or edited (none is unchanged).
   */
  wholesale: z.boolean(),
});
/** What changed in one diagnosis of one source. */
export type DiagnosisChange = z.infer<typeof DiagnosisChangeSchema>;

/** Totals of a comparison. */
export const SampleDiffCountsSchema = z.object({
  before: z.int().min(0),
  after: z.int().min(0),
  unchanged: z.int().min(0),
  resampled: z.int().min(0),
  edited: z.int().min(0),
  added: z.int().min(0),
  removed: z.int().min(0),
});

/** Two sets of samples compared by (data_source, id). */
export const SampleSetDiffSchema = z.object({
  counts: SampleDiffCountsSchema,
  /** Every changed sample, ordered by data source then id. */
  changes: z.array(SampleChangeSchema),
  /** Every diagnosis x source either set holds, in the format's order. */
  byDiagnosis: z.array(DiagnosisChangeSchema),
});
/** Two sets of samples compared by (data_source, id). */
export type SampleSetDiff = z.infer<typeof SampleSetDiffSchema>;

/** One diagnosis x source in `diff --json`: counts and the ids of each kind of change. */
export const DiffReportGroupSchema = z.object({
  samplesBefore: z.int().min(0),
  samplesAfter: z.int().min(0),
  unchanged: z.int().min(0),
  wholesale: z.boolean(),
  resampled: z.array(SampleKeySchema),
  edited: z.array(SampleKeySchema),
  added: z.array(SampleKeySchema),
  removed: z.array(SampleKeySchema),
});

/** The one object `diff --json` prints. Ids are always "<data_source>:<id>". */
export const DiffReportSchema = z.object({
  resampled: z.array(SampleKeySchema),
  edited: z.array(SampleKeySchema),
  added: z.array(SampleKeySchema),
  removed: z.array(SampleKeySchema),
  /** target_dx -> data_source -> the group (only groups either file holds). */
  byDiagnosis: z.record(z.string(), z.record(z.string(), DiffReportGroupSchema)),
  /** The changed JSON paths of every re-sampled and edited id. */
  paths: z.record(z.string(), z.array(z.string())),
  /** What each file held and in which answer shape it was read. */
  files: z.object({
    a: z.object({ path: z.string(), samples: z.int().min(0), shape: z.string() }),
    b: z.object({ path: z.string(), samples: z.int().min(0), shape: z.string() }),
  }),
});
/** The one object `diff --json` prints. */
export type DiffReport = z.infer<typeof DiffReportSchema>;
