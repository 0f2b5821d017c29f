/** Shapes the grounding rules read and return. */

/** A time window in seconds from the record's start. */
export interface SecondsWindow {
  readonly startS: number;
  readonly endS: number;
}

/** The fields of a grounding question the rules read; questions of 0.0.1 and 0.0.2 both fit. */
export interface GroundingInput {
  readonly question: string;
  readonly question_type: string;
  readonly options: readonly string[];
  /** An integer (0.0.1 wave/measurement answers) or a list of integers. */
  readonly answer_idx: number | readonly number[];
}

/** A reasoning step as the rules read it: its grounding questions, in order. */
export interface StepInput {
  readonly ecg_grounding: readonly GroundingInput[];
}

/** A grounding question by its step and its place in that step (both 0-based). */
export interface GroundingPosition {
  readonly step: number;
  readonly index: number;
}
