/** Hand-built answer files for evaluation tests: each question as its right answer and the model's reply. */
import { FURTHER_FINDINGS } from '../schemas/benchmark-sample';
import type { ModelAnswerSample } from '../schemas/model-answers';

/** A question as [right answer, model reply]; a reply of null leaves model_response out. */
export type QA = readonly [answer: string, reply: string | null];

/** One grounding question of a test loop. */
export interface GroundingQA {
  readonly type: 'lead_grounding' | 'wave_grounding' | 'measurement_grounding';
  /** Lead answers as a list; wave/measurement as a text (scalar shape) or a one-element list. */
  readonly answer: string | readonly string[];
  readonly reply: string | null;
}

/** One loop of a test sample. */
export interface LoopQA {
  readonly criterion: QA;
  readonly finding: QA;
  readonly grounding?: readonly GroundingQA[];
  readonly decision: QA;
}

/** A right criterion reply (the answer itself). */
export const CRITERION = 'Prolongation of the PR interval';

const withReply = (reply: string | null) => (reply === null ? {} : { model_response: reply });

/** Builds an answer file from its questions; options are plausible but only answers matter. */
export function answerSample(spec: {
  readonly id?: number;
  readonly targetDx?: string;
  readonly dxLabel: boolean;
  readonly idqReply: string | null;
  readonly loops: readonly LoopQA[];
  readonly forcedCommit?: boolean;
}): ModelAnswerSample {
  return {
    metadata: {
      id: spec.id ?? 0,
      data_source: 'ptbxl',
      ecg_id: '13665',
      target_dx: spec.targetDx ?? 'first_degree_av_block',
      dx_label: spec.dxLabel,
      path_idx: 0,
      model: 'test-model',
      ...(spec.forcedCommit ? { inference_mode: 'forced-commit' as const } : {}),
    },
    data: {
      initial_diagnostic_question: {
        question: 'Does this ECG suggest the presence of first degree AV block?',
        options: ['Yes', 'No'],
        answer: spec.dxLabel ? 'Yes' : 'No',
        question_type: 'initial_diagnostic_question',
        ...withReply(spec.idqReply),
      },
      reasoning: spec.loops.map((loop) => ({
        criterion_selection: {
          question: 'Which criterion?',
          options: [loop.criterion[0], 'a', 'b', 'c', 'd'],
          answer: loop.criterion[0],
          answer_idx: 0,
          question_type: 'criterion_selection',
          ...withReply(loop.criterion[1]),
        },
        finding_identification: {
          question: 'Is it there?',
          options: ['Yes', 'No'],
          answer: loop.finding[0],
          answer_idx: loop.finding[0] === 'Yes' ? 0 : 1,
          question_type: 'finding_identification',
          ...withReply(loop.finding[1]),
        },
        ecg_grounding: (loop.grounding ?? []).map((g) => ({
          question: 'Where?',
          options: typeof g.answer === 'string' ? [g.answer] : [...g.answer],
          answer: typeof g.answer === 'string' ? g.answer : [...g.answer],
          question_type: g.type,
          ...withReply(g.reply),
        })),
        diagnostic_decision: {
          question: 'Decide.',
          options: ['Yes', 'No', FURTHER_FINDINGS],
          answer: loop.decision[0],
          answer_idx: 0,
          question_type: 'diagnostic_decision',
          ...withReply(loop.decision[1]),
        },
      })),
    },
  };
}

/** A loop whose every reply is right: criterion, finding Yes, the given grounding, decision. */
export function rightLoop(decision: string, grounding: readonly GroundingQA[] = []): LoopQA {
  return {
    criterion: [CRITERION, CRITERION],
    finding: ['Yes', 'Yes'],
    grounding,
    decision: [decision, decision],
  };
}

/** A wave question answered right (scalar shape). */
export const rightWave = (window = '[1.12s - 1.24s]'): GroundingQA => ({
  type: 'wave_grounding',
  answer: window,
  reply: window,
});
/** A wave question answered wrong. */
export const wrongWave = (window = '[1.12s - 1.24s]'): GroundingQA => ({
  type: 'wave_grounding',
  answer: window,
  reply: '[5.00s - 5.10s]',
});
