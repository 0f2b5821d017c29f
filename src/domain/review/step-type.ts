/** A reasoning step's type for review statistics: which kinds of grounding question it asks. */
import type { GroundingType } from '../../schemas/benchmark-sample';
import { GROUNDING_TYPES } from '../../schemas/benchmark-sample';

/** The type of a step without grounding questions. */
export const NO_GROUNDING_STEP = 'no_grounding';

/**
 * "lead+wave", "wave+measurement", "no_grounding", ...: the grounding kinds the step asks about,
 * in the format's order (lead, wave, measurement).
 */
export function stepType(step: {
  readonly ecg_grounding: readonly { readonly question_type: GroundingType }[];
}): string {
  const present = new Set(step.ecg_grounding.map((question) => question.question_type));
  const kinds = GROUNDING_TYPES.filter((kind) => present.has(kind)).map((kind) =>
    kind.replace(/_grounding$/, ''),
  );
  return kinds.length === 0 ? NO_GROUNDING_STEP : kinds.join('+');
}
