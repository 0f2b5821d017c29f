/**
 * A question's right answers as option indices, whatever its shape: one text (initial question),
 * a text and an index (criterion, finding, decision), one-element lists (wave, measurement in the
 * list shape) or a set of lists (lead_grounding). Editing works on the indices and writes the
 * answer texts back from the options, so answer and answer_idx cannot drift apart.
 */
import type { AnyQuestion } from './question-ref';

/** True for questions whose answer is a set of options (lead_grounding). */
export const isSetAnswer = (q: AnyQuestion): boolean => q.question_type === 'lead_grounding';

const inRange = (q: AnyQuestion, i: number) =>
  Number.isInteger(i) && i >= 0 && i < q.options.length;

/** The option indices the question marks right (ascending for sets); [] when none is in range. */
export function rightIndices(q: AnyQuestion): number[] {
  if (!('answer_idx' in q)) {
    const i = q.options.indexOf(q.answer);
    return i >= 0 ? [i] : [];
  }
  const idx = typeof q.answer_idx === 'number' ? [q.answer_idx] : [...q.answer_idx];
  return idx.filter((i) => inRange(q, i));
}

/**
 * The question with these option indices as its right answers, answer texts written from the
 * options. A single-answer question takes the first index; with none it keeps index 0 and an
 * empty answer, which the rules report until a right option is chosen.
 */
export function withRightIndices<Q extends AnyQuestion>(q: Q, indices: readonly number[]): Q {
  if (isSetAnswer(q)) {
    const set = [...new Set(indices)].filter((i) => inRange(q, i)).sort((a, b) => a - b);
    return { ...q, answer: set.map((i) => q.options[i]!), answer_idx: set };
  }
  const first = indices.find((i) => inRange(q, i));
  const text = first === undefined ? '' : q.options[first]!;
  if (!('answer_idx' in q)) return { ...q, answer: text };
  const idx = first ?? 0;
  if (Array.isArray(q.answer_idx)) return { ...q, answer: [text], answer_idx: [idx] };
  return { ...q, answer: text, answer_idx: idx };
}
