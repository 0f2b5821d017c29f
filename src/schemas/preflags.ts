import { z } from 'zod';

/** Every automatic pre-flag rule; README "Pre-flags" says what each checks and with which margin. */
export const PREFLAG_RULE_IDS = [
  'measurement-outside-bins',
  'wave-answer-misses',
  'wave-distractor-holds',
  'lead-answer-not-shown',
  'lead-answer-missing',
  'lead-answer-outside-group',
  'finding-contradicts-measurement',
  'answer-bin-against-finding',
  'measurement-against-window',
  'duplicate-option',
  'misspelled-ordinal',
  'decision-disagrees-label',
] as const;
/** One pre-flag rule id. */
export const PreflagRuleSchema = z.enum(PREFLAG_RULE_IDS);
/** One pre-flag rule id. */
export type PreflagRule = z.infer<typeof PreflagRuleSchema>;

/** error: the sample's own text is wrong; warning: the engine's measurement disagrees with it. */
export const PreflagSeveritySchema = z.enum(['error', 'warning']);
/** A pre-flag's severity. */
export type PreflagSeverity = z.infer<typeof PreflagSeveritySchema>;

/** The parts of a sample a pre-flag can point at. */
export const SAMPLE_PARTS = [
  'initial_diagnostic_question',
  'criterion_selection',
  'finding_identification',
  'ecg_grounding',
  'diagnostic_decision',
] as const;
/** One part of a sample. */
export type SamplePart = (typeof SAMPLE_PARTS)[number];

/** Where in the sample a pre-flag points: step, part, grounding question and option (0-based). */
export const PreflagLocationSchema = z.object({
  /** Reasoning step; null for the initial question or the sample as a whole. */
  step: z.int().min(0).nullable(),
  /** Null: the sample as a whole. */
  part: z.enum(SAMPLE_PARTS).nullable(),
  /** Index in the step's ecg_grounding; null for other parts. */
  question: z.int().min(0).nullable(),
  /** The option concerned (a distractor, a lead, a repeated option); null for the question. */
  option: z.int().min(0).nullable(),
});
/** Where a pre-flag points. */
export type PreflagLocation = z.infer<typeof PreflagLocationSchema>;

const SecondsWindowSchema = z.object({ startS: z.number(), endS: z.number() });

/** Where a finding holds: lo < value < hi (null: open on that side). */
export const HoldsWhenSchema = z.object({ lo: z.number().nullable(), hi: z.number().nullable() });
/** Where a finding holds. */
export type HoldsWhen = z.infer<typeof HoldsWhenSchema>;

/** One lead's measured evidence for a per-lead finding, and what the rule read from it. */
export const PreflagLeadEvidenceSchema = z.object({
  lead: z.string(),
  /** The number the verdict rests on (ST at J, T amplitude, Q duration, R minus S ...). */
  value: z.number().nullable(),
  unit: z.string(),
  /** The lead's threshold for this finding, when the finding states one. */
  threshold: z.number().nullable(),
  /** Whether the sample's answer names this lead (or counts it, for a finding question). */
  answered: z.boolean(),
  /** shows / absent beyond the rule's margin; unclear inside it or not measured. */
  verdict: z.enum(['shows', 'absent', 'unclear']),
  /** Every number read, by name (qMs, qMv, rMv, sMv, stJMv, tMv). */
  parts: z.record(z.string(), z.number().nullable()),
});
/** One lead's evidence. */
export type PreflagLeadEvidence = z.infer<typeof PreflagLeadEvidenceSchema>;

/** The numbers behind a pre-flag, for the reviewer (every field optional: each rule fills its own). */
export const PreflagNumbersSchema = z.object({
  /** The engine's value, rounded as the reviewer reads it. */
  value: z.number().nullable().optional(),
  unit: z.string().optional(),
  /** The sample's answer as written (an option, or the answered leads joined). */
  answer: z.string().optional(),
  /** The option whose range holds the value; null in a gap or beyond the ends. */
  valueOption: z.string().nullable().optional(),
  /** Options the rule accepts: the answer and its neighbouring bins. */
  accepted: z.array(z.string()).optional(),
  /** Where the stated finding holds (e.g. PR > 200 ms: {lo: 200, hi: null}). */
  holdsWhen: HoldsWhenSchema.optional(),
  /** How far past a threshold or a bin the value must lie before the rule flags. */
  margin: z.number().optional(),
  /** At least this many leads of the group must show a per-lead finding. */
  minLeads: z.int().min(1).optional(),
  lead: z.string().nullable().optional(),
  leads: z.array(PreflagLeadEvidenceSchema).optional(),
  /** 0-based index into the engine's detected beats. */
  beatIndex: z.int().nullable().optional(),
  /** The option's window (or a beat range resolved to seconds). */
  window: SecondsWindowSchema.optional(),
  /** The wave the engine delineated on that beat, in seconds. */
  waveWindow: SecondsWindowSchema.nullable().optional(),
  basis: z.enum(['beat', 'median-beat', 'record']).nullable().optional(),
  /** The text at fault (a repeated option, a misspelled ordinal, a decision). */
  text: z.string().optional(),
  /** What the text should have been. */
  expected: z.string().optional(),
  /** Further numbers by name (rrMs, prematurity, ...). */
  extra: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
});
/** The numbers behind a pre-flag. */
export type PreflagNumbers = z.infer<typeof PreflagNumbersSchema>;

/** One automatic pre-flag on a sample: the rule, why in words, where, and the numbers behind it. */
export const PreflagSchema = z.object({
  rule: PreflagRuleSchema,
  severity: PreflagSeveritySchema,
  /** One plain sentence for the reviewer, with the values and the margin the rule allowed. */
  message: z.string().min(1),
  at: PreflagLocationSchema,
  numbers: PreflagNumbersSchema,
});
/** One automatic pre-flag. */
export type Preflag = z.infer<typeof PreflagSchema>;
