/**
 * The longest free texts the app takes, in characters: every schema with free text takes its
 * limit from here, so import, validate, the API and the editors agree.
 */
export const TEXT_LIMITS = {
  /** A question of a benchmark sample (the longest in the real data: 425). */
  question: 2000,
  /** One option or answer of a benchmark question (the longest in the real data: 90). */
  option: 500,
  /** A dense label's diagnosis: a short clinical summary. */
  diagnosis: 500,
  /** A reviewer's comment on a sample or a step. */
  comment: 5000,
  /** A name: user, review pass, import file. */
  name: 200,
  /** A review pass's description. */
  description: 5000,
  /** Release notes. */
  notes: 20000,
} as const;
