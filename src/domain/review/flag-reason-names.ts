/** How people say each flag reason (the API names them in snake_case), in key order 1-7. */
import type { FlagReason } from '../../schemas/api/review';

/** Display name of every flag reason; exhaustive, so a new reason cannot show up raw. */
export const FLAG_REASON_NAMES: Readonly<Record<FlagReason, string>> = {
  wrong_answer: 'Wrong answer',
  ambiguous_distractor: 'Ambiguous distractor',
  grounding_window_misses_beat: 'Grounding window misses the wave',
  measurement_outside_range: 'Measurement outside the range',
  wording: 'Wording',
  signal_quality: 'Signal quality',
  other: 'Other',
};
