/** The two answer shapes of wave/measurement grounding, by the names users read. */
import type { FormatVersion } from '../../schemas/benchmark-sample';

/** list: answers as one-element lists (the JSONL releases); scalar: text and integer. */
export const ANSWER_SHAPES = ['list', 'scalar'] as const;
/** One of ANSWER_SHAPES. */
export type AnswerShape = (typeof ANSWER_SHAPES)[number];

/** The serialiser's format version that writes a shape ('0.0.2' list, '0.0.1' scalar). */
export function versionOfShape(shape: AnswerShape): FormatVersion {
  return shape === 'list' ? '0.0.2' : '0.0.1';
}

/** The shape a format version writes. */
export function shapeOfVersion(version: FormatVersion): AnswerShape {
  return version === '0.0.2' ? 'list' : 'scalar';
}

/** The shape in words, for people: what the wave/measurement answers look like. */
export function describeShape(version: FormatVersion | null): string {
  if (version === null) return 'either answer shape (no wave or measurement answers to tell)';
  return version === '0.0.2'
    ? 'list answers (wave/measurement answer and answer_idx as one-element lists)'
    : 'scalar answers (wave/measurement answer as text, answer_idx as an integer)';
}
