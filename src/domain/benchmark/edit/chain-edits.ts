/**
 * Editing a sample's chain, one pure operation at a time: question texts, options (edit,
 * insert, delete, move) and answers. Right answers are kept as option indices and follow their
 * options through every reorder, insert and delete, so answer and answer_idx stay consistent;
 * lead answers are sets. An operation that would leave a question without the answer it had is
 * refused with the reason, and changes nothing.
 */
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { isSetAnswer, rightIndices, withRightIndices } from './answers';
import type { AnyQuestion, QuestionRef } from './question-ref';
import { questionAt, withQuestion } from './question-ref';

/** An edit's outcome: the edited sample, or why it was refused. */
export type EditResult =
  | { readonly ok: true; readonly sample: BenchmarkSampleV002 }
  | { readonly ok: false; readonly reason: string };

/** A refused edit. */
export const refused = (reason: string): EditResult => ({ ok: false, reason });
/** An applied edit. */
export const applied = (sample: BenchmarkSampleV002): EditResult => ({ ok: true, sample });

/** Runs `edit` on the question at `ref` and stores its result; refused when there is no such question. */
export function editQuestion(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  edit: (q: AnyQuestion) => AnyQuestion | string,
): EditResult {
  const q = questionAt(sample, ref);
  if (!q) return refused('the sample has no such question');
  const out = edit(q);
  return typeof out === 'string' ? refused(out) : applied(withQuestion(sample, ref, out));
}

const badOption = (q: AnyQuestion, i: number) =>
  !Number.isInteger(i) || i < 0 || i >= q.options.length
    ? `there is no option ${i + 1} (the question has ${q.options.length})`
    : null;

/** Rewrites the options through `order` (new position -> old index) and maps the right answers along. */
function reorder(q: AnyQuestion, options: string[], oldIndexAt: (number | null)[]): AnyQuestion {
  const right = new Set(rightIndices(q));
  const next = oldIndexAt.flatMap((old, i) => (old !== null && right.has(old) ? [i] : []));
  return withRightIndices({ ...q, options } as AnyQuestion, next);
}

/** Sets a question's text. */
export function setQuestionText(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  text: string,
): EditResult {
  return editQuestion(sample, ref, (q) => ({ ...q, question: text }));
}

/** Rewrites option `index`; a right answer's text follows it. */
export function setOptionText(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  index: number,
  text: string,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    const bad = badOption(q, index);
    if (bad) return bad;
    const options = q.options.map((o, i) => (i === index ? text : o));
    return reorder(
      q,
      options,
      options.map((_, i) => i),
    );
  });
}

/**
 * Inserts an option at `at` (0..length); the right answers keep pointing at their options. A
 * single-answer question that has no right answer yet takes the new option as its answer.
 */
export function insertOption(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  at: number,
  text: string,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    if (!Number.isInteger(at) || at < 0 || at > q.options.length)
      return `cannot insert at ${at + 1}: the question has ${q.options.length} options`;
    const options = [...q.options.slice(0, at), text, ...q.options.slice(at)];
    const oldAt = options.map((_, i) => (i < at ? i : i === at ? null : i - 1));
    const moved = reorder(q, options, oldAt);
    if (!isSetAnswer(q) && rightIndices(q).length === 0) return withRightIndices(moved, [at]);
    return moved;
  });
}

/**
 * Deletes option `index`. Deleting a lead answer takes it out of the set; deleting the one right
 * answer of any other question is refused: choose another right option first.
 */
export function deleteOption(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  index: number,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    const bad = badOption(q, index);
    if (bad) return bad;
    if (!isSetAnswer(q) && rightIndices(q).includes(index))
      return 'this option is the right answer: choose another right option before deleting it';
    const options = q.options.filter((_, i) => i !== index);
    return reorder(
      q,
      options,
      options.map((_, i) => (i < index ? i : i + 1)),
    );
  });
}

/** Moves option `from` to position `to`; the right answers move with their options. */
export function moveOption(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  from: number,
  to: number,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    const bad = badOption(q, from) ?? badOption(q, to);
    if (bad) return bad;
    const order = q.options.map((_, i) => i);
    order.splice(to, 0, order.splice(from, 1)[0]!);
    return reorder(
      q,
      order.map((i) => q.options[i]!),
      order,
    );
  });
}

/**
 * Chooses option `index` as the right answer; for a lead question (a set) it toggles the option
 * in or out of the answer instead.
 */
export function chooseAnswer(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  index: number,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    const bad = badOption(q, index);
    if (bad) return bad;
    if (!isSetAnswer(q)) return withRightIndices(q, [index]);
    const right = rightIndices(q);
    return withRightIndices(
      q,
      right.includes(index) ? right.filter((i) => i !== index) : [...right, index],
    );
  });
}

/**
 * Re-sorts a question's options by what `read` makes of them, in `compare` order (stable; options
 * `read` gives null for keep their order after the others); the right answers follow. The
 * question itself when already in order.
 */
export function sortOptions<K>(
  q: AnyQuestion,
  read: (text: string) => K | null,
  compare: (a: K, b: K) => number,
): AnyQuestion {
  const keyed = q.options.map((text, i) => ({ i, k: read(text) }));
  const order = [
    ...keyed
      .filter((x): x is { i: number; k: K } => x.k !== null)
      .sort((a, b) => compare(a.k, b.k) || a.i - b.i),
    ...keyed.filter((x) => x.k === null),
  ].map((x) => x.i);
  if (order.every((old, i) => old === i)) return q;
  return reorder(
    q,
    order.map((i) => q.options[i]!),
    order,
  );
}
