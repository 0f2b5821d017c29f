/** The reasoning stages the official evaluator scores, in its column order. */
export const STAGES = [
  'criterion_selection',
  'finding_identification',
  'lead_grounding',
  'wave_grounding',
  'measurement_grounding',
  'diagnostic_decision',
] as const;
/** One scored stage. */
export type Stage = (typeof STAGES)[number];

/** Chance of a right answer by guessing, per stage (docs/evaluation.md), for the charts. */
export const CHANCE_LEVEL: Readonly<Record<Stage, number>> = {
  criterion_selection: 1 / 5,
  finding_identification: 1 / 2,
  // A lead set matched exactly, from 5 options: one subset in 2^5.
  lead_grounding: 1 / 32,
  wave_grounding: 1 / 4,
  // 3 to 5 ordered ranges; the middle of the span.
  measurement_grounding: 1 / 4,
  diagnostic_decision: 1 / 3,
};

/** Chance level of a forced Yes/No decision and of the IDQ. */
export const YES_NO_CHANCE = 1 / 2;
