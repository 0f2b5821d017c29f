/**
 * A model's answer file: the benchmark sample with `model_response` added inside every question
 * (docs/evaluation.md). Objects are loose: inference tools add keys of their own (metadata.model,
 * parsing_error, inference_mode, options_restricted, ...), and the evaluator reads only these.
 */
import { z } from 'zod';
import { DATA_SOURCES, GROUNDING_TYPES } from './benchmark-sample';

/** The two protocols: teacher-forced steps, or each loop's decision forced to Yes/No. */
export const INFERENCE_MODES = ['default', 'forced-commit'] as const;
/** One inference protocol. */
export type InferenceMode = (typeof INFERENCE_MODES)[number];

/** A model's reply: absent or null when the protocol did not ask (forced-commit) or the call failed. */
const ReplySchema = z.string().nullable().optional();
const text = z.string();

/** A question with one text answer (initial question, criterion, finding, decision). */
export const AnsweredQuestionSchema = z.looseObject({
  question: text,
  options: z.array(text).optional(),
  answer: text,
  question_type: text.optional(),
  model_response: ReplySchema,
});
/** A question with one text answer and the model's reply. */
export type AnsweredQuestion = z.infer<typeof AnsweredQuestionSchema>;

/** A grounding question: lead answers are lists; wave/measurement answers a text or a one-element list. */
export const AnsweredGroundingSchema = z.looseObject({
  question: text,
  options: z.array(text),
  answer: z.union([text, z.array(text)]),
  question_type: z.enum(GROUNDING_TYPES),
  model_response: ReplySchema,
});
/** A grounding question and the model's reply. */
export type AnsweredGrounding = z.infer<typeof AnsweredGroundingSchema>;

/** One reasoning loop of an answer file. */
export const AnsweredStepSchema = z.looseObject({
  criterion_selection: AnsweredQuestionSchema,
  finding_identification: AnsweredQuestionSchema,
  ecg_grounding: z.array(AnsweredGroundingSchema),
  diagnostic_decision: AnsweredQuestionSchema,
});
/** One answered reasoning loop. */
export type AnsweredStep = z.infer<typeof AnsweredStepSchema>;

/** An answer file (or one line of an answers JSONL). */
export const ModelAnswerSampleSchema = z.looseObject({
  metadata: z.looseObject({
    id: z.int().min(0),
    data_source: z.enum(DATA_SOURCES),
    ecg_id: z.string(),
    // Not the 17-value enum: the evaluator, like the official one, scores any diagnosis name.
    target_dx: z
      .string()
      .regex(/^[a-z0-9_]+$/, 'must be a diagnosis name like first_degree_av_block'),
    dx_label: z.boolean(),
    model: z.string().optional(),
    inference_mode: z.literal('forced-commit').optional(),
    parsing_error: z.boolean().optional(),
  }),
  data: z.looseObject({
    initial_diagnostic_question: AnsweredQuestionSchema,
    reasoning: z.array(AnsweredStepSchema),
  }),
});
/** An answer file. */
export type ModelAnswerSample = z.infer<typeof ModelAnswerSampleSchema>;

/** The protocol an answer file was made under. */
export function inferenceModeOf(sample: ModelAnswerSample): InferenceMode {
  return sample.metadata.inference_mode === 'forced-commit' ? 'forced-commit' : 'default';
}
