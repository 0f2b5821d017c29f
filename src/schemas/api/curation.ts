/**
 * The curator's workbench over the API: the flag board (open flags grouped, samples per cell),
 * candidate ECGs for a re-sample, a re-sample from the template (or its preview), and
 * regenerating every sample of a diagnosis (preview, then apply).
 */
import { z } from 'zod';
import { BenchmarkSampleV002Schema, DATA_SOURCES, TARGET_DX } from '../benchmark-sample';
import { SampleProvenanceSchema } from '../sample-provenance';
import { PublicIdSchema } from './common';
import { FlagReasonSchema, FlagSchema } from './review';
import { SampleResponseSchema, SampleWriteResponseSchema } from './samples';

/** How many samples share one (source, diagnosis, label, path): the distribution no action changes. */
export const SampleCellSchema = z.object({
  dataSource: z.enum(DATA_SOURCES),
  targetDx: z.string(),
  dxLabel: z.boolean(),
  pathIdx: z.int().min(0),
  count: z.int().min(0),
});
/** Samples of one cell. */
export type SampleCell = z.infer<typeof SampleCellSchema>;

/** The sample a flag is about, as the board shows it. */
export const FlaggedSampleSchema = z.object({
  id: PublicIdSchema,
  /** "ptbxl:2232" */
  key: z.string(),
  dataSource: z.enum(DATA_SOURCES),
  sampleId: z.int(),
  targetDx: z.string(),
  dxLabel: z.boolean(),
  pathIdx: z.int().min(0),
  ecgId: z.string(),
  /** active, or review while a generated sample waits for a reviewer. */
  status: z.string(),
  version: z.int().min(1),
});
/** The sample of a flag. */
export type FlaggedSample = z.infer<typeof FlaggedSampleSchema>;

/** An open flag with its sample. */
export const BoardFlagSchema = FlagSchema.extend({ sample: FlaggedSampleSchema });
/** An open flag with its sample. */
export type BoardFlag = z.infer<typeof BoardFlagSchema>;

/** Open flags of one diagnosis, source and (first) reason. */
export const FlagGroupSchema = z.object({
  targetDx: z.string(),
  dataSource: z.enum(DATA_SOURCES),
  reason: FlagReasonSchema,
  count: z.int().min(1),
});
/** One group of open flags. */
export type FlagGroup = z.infer<typeof FlagGroupSchema>;

/** The most open flags the board lists one by one (the groups count them all). */
export const BOARD_FLAG_LIMIT = 2000;
/** The most samples awaiting review the board names. */
export const BOARD_REVIEW_LIMIT = 200;

/** GET /api/curation/board response. */
export const FlagBoardSchema = z.object({
  /** Every open flag the reader may read. */
  openFlags: z.int().min(0),
  /** Oldest first, at most BOARD_FLAG_LIMIT. */
  flags: z.array(BoardFlagSchema),
  groups: z.array(FlagGroupSchema),
  cells: z.array(SampleCellSchema),
  /** Generated samples (re-sampled, regenerated) waiting for a reviewer's pass. */
  awaitingReview: z.object({
    count: z.int().min(0),
    samples: z.array(
      FlaggedSampleSchema.pick({ id: true, key: true, targetDx: true, ecgId: true }),
    ),
  }),
});
/** The flag board. */
export type FlagBoard = z.infer<typeof FlagBoardSchema>;

/** A lead a finding read on a candidate, and whether it agrees with the path (null: read with others). */
export const BasisLeadSchema = z.object({ lead: z.string(), agrees: z.boolean().nullable() });

/** What a finding rests on in a candidate's record (see domain resample/finding-basis). */
export const FindingBasisSchema = z.object({
  leads: z.array(BasisLeadSchema),
  windows: z.array(z.object({ label: z.string(), startS: z.number(), endS: z.number() })),
  beats: z.boolean(),
});
/** What a finding rests on. */
export type FindingBasisResponse = z.infer<typeof FindingBasisSchema>;

/** One finding of the path judged on a candidate. */
export const CandidateFindingSchema = z.object({
  step: z.int().min(0),
  question: z.string(),
  answer: z.string(),
  /** What the engine checked; null when it cannot judge this finding. */
  rule: z.string().nullable(),
  /** In bin steps, larger agreeing more with the path's answer; null when not judged. */
  margin: z.number().nullable(),
  agrees: z.boolean().nullable(),
  basis: FindingBasisSchema,
});
/** One finding judged on a candidate. */
export type CandidateFinding = z.infer<typeof CandidateFindingSchema>;

/** A candidate ECG that fits, ranked by its smallest margin. */
export const RankedCandidateSchema = z.object({
  rank: z.int().min(1),
  ecgId: z.string(),
  subjectId: z.string().nullable(),
  labelFrom: z.enum(['dense label', 'PTB-XL statements']),
  margin: z.number(),
  findings: z.array(CandidateFindingSchema),
  /** Where its record is: enough for the plot to load it. */
  record: z.object({
    source: z.enum(DATA_SOURCES),
    ecgId: z.string(),
    recordAvailable: z.boolean(),
  }),
});
/** A ranked candidate. */
export type RankedCandidateResponse = z.infer<typeof RankedCandidateSchema>;

/** The most rejected ECGs named one by one (those whose records were read; all are counted). */
export const REJECTED_LIST_LIMIT = 200;

/** GET /api/samples/:id/resample-candidates response. */
export const ResampleCandidatesSchema = z.object({
  sample: SampleResponseSchema,
  status: z.string(),
  template: SampleProvenanceSchema.shape.template,
  /** Best first. */
  ranked: z.array(RankedCandidateSchema),
  rejected: z.object({
    total: z.int().min(0),
    /** Each reason and how many ECGs it left out (an ECG may have several), most first. */
    byReason: z.array(z.object({ reason: z.string(), count: z.int().min(1) })),
    /** ECGs with a record that were left out, with every reason (at most REJECTED_LIST_LIMIT). */
    withRecord: z.array(z.object({ ecgId: z.string(), reasons: z.array(z.string()) })),
    withRecordTotal: z.int().min(0),
  }),
  /** The sample's open flags: a re-sample closes them. */
  openFlags: z.array(FlagSchema),
});
/** Candidate ECGs for a re-sample. */
export type ResampleCandidates = z.infer<typeof ResampleCandidatesSchema>;

/** A SHA-256 in hex. */
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');

/**
 * POST /api/samples/:id/resample-from-template body (If-Match: the sample's version): the ECG
 * (else the best candidate) and the seed of the draws (else the sample id). `dryRun` generates
 * without writing; `expectSha256` (a preview's) refuses the write if the sample generated now
 * differs from the one previewed.
 */
export const ResampleFromTemplateRequestSchema = z.strictObject({
  ecgId: z
    .string()
    .regex(/^\d{1,12}$/, 'must be an ECG id of digits')
    .optional(),
  seed: z.int().min(0).max(0xffffffff).optional(),
  dryRun: z.boolean().default(false),
  expectSha256: Sha256Schema.optional(),
});
/** POST resample-from-template body as a client writes it. */
export type ResampleFromTemplateInput = z.input<typeof ResampleFromTemplateRequestSchema>;

/** One field that differs between two versions of a sample, with both values. */
export const ChangedFieldSchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
/** One changed field. */
export type ChangedFieldResponse = z.infer<typeof ChangedFieldSchema>;

const generatedFields = {
  provenance: SampleProvenanceSchema,
  /** What generation had to settle (a lead set the engine sees nowhere, a value outside the bins). */
  notes: z.array(z.string()),
  candidate: z.object({ ecgId: z.string(), margin: z.number() }),
};

/** POST resample-from-template response. */
export const ResampleFromTemplateResponseSchema = z.discriminatedUnion('dryRun', [
  z.object({
    dryRun: z.literal(true),
    /** The sample as it would be stored. */
    generated: BenchmarkSampleV002Schema,
    /** SHA-256 of the generated sample's JSON: send it back as expectSha256 to commit it. */
    sha256: Sha256Schema,
    /** Its fields that differ from the stored sample. */
    changes: z.array(ChangedFieldSchema),
    /** The stored version it was generated from. */
    baseVersion: z.int().min(1),
    ...generatedFields,
  }),
  z.object({
    dryRun: z.literal(false),
    sample: SampleWriteResponseSchema,
    /** review: it waits for a reviewer's clean pass. */
    status: z.string(),
    closedFlags: z.int().min(0),
    ...generatedFields,
  }),
]);
/** POST resample-from-template response. */
export type ResampleFromTemplateResponse = z.infer<typeof ResampleFromTemplateResponseSchema>;

/** A diagnosis named in a path. */
export const TargetDxParamSchema = z.enum(TARGET_DX, {
  error: (issue) => `"${String(issue.input)}" is not a target diagnosis`,
});

/** One sample of a regeneration preview. */
export const RegenerationItemSchema = z.object({
  id: PublicIdSchema,
  key: z.string(),
  ecgId: z.string(),
  version: z.int().min(1),
  /** changed: a new revision would be written; skipped: it cannot be generated (problems say why). */
  outcome: z.enum(['changed', 'unchanged', 'skipped']),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  fields: z.array(ChangedFieldSchema),
});
/** One sample of a regeneration preview. */
export type RegenerationItemResponse = z.infer<typeof RegenerationItemSchema>;

/** GET /api/regenerations/:targetDx response. */
export const RegenerationPreviewSchema = z.object({
  targetDx: z.enum(TARGET_DX),
  /** Names this preview: apply it with this token; anything changed since makes it stale. */
  token: Sha256Schema,
  counts: z.object({
    samples: z.int().min(0),
    changed: z.int().min(0),
    unchanged: z.int().min(0),
    skipped: z.int().min(0),
  }),
  items: z.array(RegenerationItemSchema),
});
/** A regeneration preview. */
export type RegenerationPreview = z.infer<typeof RegenerationPreviewSchema>;

/** POST /api/regenerations/:targetDx body: the preview's token. */
export const ApplyRegenerationRequestSchema = z.strictObject({ token: Sha256Schema });

/** POST /api/regenerations/:targetDx response. */
export const RegenerationAppliedSchema = z.object({
  written: z.int().min(0),
  unchanged: z.int().min(0),
  skipped: z.int().min(0),
  closedFlags: z.int().min(0),
});
/** What an applied regeneration did. */
export type RegenerationApplied = z.infer<typeof RegenerationAppliedSchema>;
