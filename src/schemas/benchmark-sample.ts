import { z } from 'zod';
import { TEXT_LIMITS } from './text-limits';

/**
 * The two ways a benchmark file writes wave_grounding and measurement_grounding answers:
 * 'list' (answer and answer_idx as one-element lists, as the repository's JSONL releases write
 * them) and 'scalar' (one text and one whole number, as the older one-file-per-sample data and
 * copies such as ../shared's ptbxl.jsonl write them). lead_grounding answers are lists in both.
 * The shape does not tell which release a file is.
 */
export const ANSWER_SHAPES = ['list', 'scalar'] as const;
/** One answer shape. */
export type AnswerShape = (typeof ANSWER_SHAPES)[number];
/** The shape written when none is asked for, and the shape the workspace stores. */
export const DEFAULT_ANSWER_SHAPE: AnswerShape = 'list';
/** Old spellings kept as aliases: the app once called the scalar shape 0.0.1, the list shape 0.0.2. */
export const ANSWER_SHAPE_ALIASES = {
  '0.0.1': 'scalar',
  '0.0.2': 'list',
} as const satisfies Record<string, AnswerShape>;
/** Every name a user may give a shape: the shape names and their old aliases. */
export const ANSWER_SHAPE_NAMES = [...ANSWER_SHAPES, ...Object.keys(ANSWER_SHAPE_ALIASES)] as const;

/** The shape a name or an old alias stands for ("list", "scalar", "0.0.2", "0.0.1"); undefined otherwise. */
export function parseAnswerShape(name: string): AnswerShape | undefined {
  if ((ANSWER_SHAPES as readonly string[]).includes(name)) return name as AnswerShape;
  return Object.hasOwn(ANSWER_SHAPE_ALIASES, name)
    ? ANSWER_SHAPE_ALIASES[name as keyof typeof ANSWER_SHAPE_ALIASES]
    : undefined;
}

/** A shape given by name or old alias, read as the shape it names. */
export const AnswerShapeNameSchema = z.string().transform((name, ctx) => {
  const shape = parseAnswerShape(name);
  if (shape === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be list or scalar (or the old names 0.0.2, 0.0.1)',
    });
    return z.NEVER;
  }
  return shape;
});

/** How a shape is named to people: "list shape (...)" / "scalar shape (...)". */
export function describeAnswerShape(shape: AnswerShape): string {
  return shape === 'list'
    ? 'list shape (wave/measurement answers as one-element lists)'
    : 'scalar shape (wave/measurement answers as one text and one number)';
}

/** Where a sample's ECG comes from. */
export const DATA_SOURCES = ['ptbxl', 'mimic_iv_ecg'] as const;
/** One ECG data source. */
export type DataSource = (typeof DATA_SOURCES)[number];

/** The 17 core diagnoses a sample can ask about, in the docs' order. */
export const TARGET_DX = [
  'anterior_ischemia',
  'inferior_ischemia',
  'lateral_ischemia',
  'anterior_myocardial_infarction',
  'inferior_myocardial_infarction',
  'lateral_myocardial_infarction',
  'complete_left_bundle_branch_block',
  'complete_right_bundle_branch_block',
  'left_anterior_fascicular_block',
  'left_posterior_fascicular_block',
  'first_degree_av_block',
  'second_degree_av_block',
  'third_degree_av_block',
  'left_ventricular_hypertrophy',
  'right_ventricular_hypertrophy',
  'premature_atrial_complex',
  'premature_ventricular_complex',
] as const;
/** One of the 17 target diagnoses. */
export type TargetDx = (typeof TARGET_DX)[number];

/** question_type of the opening question. */
export const INITIAL_QUESTION_TYPE = 'initial_diagnostic_question';
/** The four parts of a reasoning step, in the order a step stores them. */
export const STEP_PARTS = [
  'criterion_selection',
  'finding_identification',
  'ecg_grounding',
  'diagnostic_decision',
] as const;
/** question_type of each grounding question kind. */
export const GROUNDING_TYPES = [
  'lead_grounding',
  'wave_grounding',
  'measurement_grounding',
] as const;
/** One grounding question kind. */
export type GroundingType = (typeof GROUNDING_TYPES)[number];
/** Grounding kinds whose answers differ between the scalar shape (text) and the list shape (one-element list). */
export const VERSIONED_GROUNDING_TYPES = ['wave_grounding', 'measurement_grounding'] as const;
/** Every question_type value the format uses. */
export const QUESTION_TYPES = [
  INITIAL_QUESTION_TYPE,
  'criterion_selection',
  'finding_identification',
  ...GROUNDING_TYPES,
  'diagnostic_decision',
] as const;
/** One question_type value. */
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Options of the initial question and of finding_identification. */
export const YES_NO_OPTIONS = ['Yes', 'No'] as const;
/** The answer of a diagnostic_decision that is not the last step. */
export const FURTHER_FINDINGS = 'Further findings are required to confirm the diagnosis';
/** Options of every diagnostic_decision. */
export const DECISION_OPTIONS = ['Yes', 'No', FURTHER_FINDINGS] as const;
/** How many options a criterion_selection has: one right criterion and four distractors. */
export const CRITERION_OPTION_COUNT = 5;
/** Most reasoning steps a real sample has; more is reported as a warning. */
export const MAX_REASONING_STEPS = 5;

const digits = /^\d+$/;
const questionText = z.string().max(TEXT_LIMITS.question);
const optionText = z.string().max(TEXT_LIMITS.option);
const optionList = z.array(optionText);
const index = z.int().min(0);

/** metadata: which ECG, which diagnosis, which label and which reasoning path. */
export const MetadataSchema = z.strictObject({
  id: z.int().min(0),
  data_source: z.enum(DATA_SOURCES),
  ecg_id: z.string().regex(digits),
  target_dx: z.enum(TARGET_DX),
  dx_label: z.boolean(),
  path_idx: z.int().min(0),
  subject_id: z.string().regex(digits).optional(),
});
/** A sample's metadata. */
export type Metadata = z.infer<typeof MetadataSchema>;

/** data.initial_diagnostic_question: "Does this ECG suggest ...?" with Yes/No. */
export const InitialQuestionSchema = z.strictObject({
  question: questionText,
  options: optionList,
  answer: optionText,
  question_type: z.literal(INITIAL_QUESTION_TYPE),
});
/** The opening Yes/No question. */
export type InitialQuestion = z.infer<typeof InitialQuestionSchema>;

function singleAnswerQuestion<T extends string>(questionType: T) {
  return z.strictObject({
    question: questionText,
    options: optionList,
    answer: optionText,
    answer_idx: index,
    question_type: z.literal(questionType),
  });
}

/** Step part 1: which criterion to evaluate (5 options). */
export const CriterionSelectionSchema = singleAnswerQuestion('criterion_selection');
/** A criterion_selection question. */
export type CriterionSelection = z.infer<typeof CriterionSelectionSchema>;
/** Step part 2: does the ECG show the finding (Yes/No). */
export const FindingIdentificationSchema = singleAnswerQuestion('finding_identification');
/** A finding_identification question. */
export type FindingIdentification = z.infer<typeof FindingIdentificationSchema>;
/** Step part 4: Yes, No or further findings required. */
export const DiagnosticDecisionSchema = singleAnswerQuestion('diagnostic_decision');
/** A diagnostic_decision question. */
export type DiagnosticDecision = z.infer<typeof DiagnosticDecisionSchema>;

/** lead_grounding: several "Lead X" answers may be right; lists in both shapes. */
export const LeadGroundingSchema = z.strictObject({
  question: questionText,
  options: optionList,
  answer: z.array(optionText),
  answer_idx: z.array(index),
  question_type: z.literal('lead_grounding'),
});
/** A lead_grounding question. */
export type LeadGrounding = z.infer<typeof LeadGroundingSchema>;

function v001Grounding<T extends string>(questionType: T) {
  return z.strictObject({
    question: questionText,
    options: optionList,
    answer: optionText,
    answer_idx: index,
    question_type: z.literal(questionType),
  });
}

function v002Grounding<T extends string>(questionType: T) {
  return z.strictObject({
    question: questionText,
    options: optionList,
    answer: z.tuple([optionText]),
    answer_idx: z.tuple([index]),
    question_type: z.literal(questionType),
  });
}

/** wave_grounding in the scalar shape: answer is one window text, answer_idx one integer. */
export const WaveGroundingV001Schema = v001Grounding('wave_grounding');
/** measurement_grounding in the scalar shape: answer is one range text, answer_idx one integer. */
export const MeasurementGroundingV001Schema = v001Grounding('measurement_grounding');
/** wave_grounding in the list shape: answer and answer_idx are one-element lists. */
export const WaveGroundingV002Schema = v002Grounding('wave_grounding');
/** measurement_grounding in the list shape: answer and answer_idx are one-element lists. */
export const MeasurementGroundingV002Schema = v002Grounding('measurement_grounding');

/** Any grounding question in the scalar shape. */
export const GroundingV001Schema = z.discriminatedUnion('question_type', [
  LeadGroundingSchema,
  WaveGroundingV001Schema,
  MeasurementGroundingV001Schema,
]);
/** A grounding question in the scalar shape. */
export type GroundingV001 = z.infer<typeof GroundingV001Schema>;
/** Any grounding question in the list shape. */
export const GroundingV002Schema = z.discriminatedUnion('question_type', [
  LeadGroundingSchema,
  WaveGroundingV002Schema,
  MeasurementGroundingV002Schema,
]);
/** A grounding question in the list shape. */
export type GroundingV002 = z.infer<typeof GroundingV002Schema>;

/** One reasoning step in the scalar shape: criterion, finding, groundings, decision. */
export const StepV001Schema = z.strictObject({
  criterion_selection: CriterionSelectionSchema,
  finding_identification: FindingIdentificationSchema,
  ecg_grounding: z.array(GroundingV001Schema),
  diagnostic_decision: DiagnosticDecisionSchema,
});
/** A reasoning step in the scalar shape. */
export type StepV001 = z.infer<typeof StepV001Schema>;
/** One reasoning step in the list shape. */
export const StepV002Schema = z.strictObject({
  criterion_selection: CriterionSelectionSchema,
  finding_identification: FindingIdentificationSchema,
  ecg_grounding: z.array(GroundingV002Schema),
  diagnostic_decision: DiagnosticDecisionSchema,
});
/** A reasoning step in the list shape. */
export type StepV002 = z.infer<typeof StepV002Schema>;

/** A whole sample in the scalar shape (V001: the name the app first gave it). */
export const BenchmarkSampleV001Schema = z.strictObject({
  metadata: MetadataSchema,
  data: z.strictObject({
    initial_diagnostic_question: InitialQuestionSchema,
    reasoning: z.array(StepV001Schema),
  }),
});
/** A sample in the scalar shape. */
export type BenchmarkSampleV001 = z.infer<typeof BenchmarkSampleV001Schema>;
/** A whole sample in the list shape (V002: the name the app first gave it); the workspace stores this. */
export const BenchmarkSampleV002Schema = z.strictObject({
  metadata: MetadataSchema,
  data: z.strictObject({
    initial_diagnostic_question: InitialQuestionSchema,
    reasoning: z.array(StepV002Schema),
  }),
});
/** A sample in the list shape. */
export type BenchmarkSampleV002 = z.infer<typeof BenchmarkSampleV002Schema>;

/** A sample in either shape. */
export type BenchmarkSample = BenchmarkSampleV001 | BenchmarkSampleV002;
/** A reasoning step in either shape. */
export type Step = StepV001 | StepV002;
/** A grounding question in either shape. */
export type Grounding = GroundingV001 | GroundingV002;

/** The schema of each answer shape. */
export const SAMPLE_SCHEMAS = {
  list: BenchmarkSampleV002Schema,
  scalar: BenchmarkSampleV001Schema,
} as const;
