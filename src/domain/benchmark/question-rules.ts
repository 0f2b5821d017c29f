/** Rules every question shares: its text, its options, and the answer among them. */
import type { Problem } from '../../schemas/issues';
import { describeValue } from '../../schemas/issues';
import type { Path } from './sample-rule-catalog';
import { report } from './sample-rule-catalog';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const quotedList = (values: readonly string[]) => JSON.stringify(values);
const nonBlank = /\S/;

/** The question text is not blank. */
export function checkQuestionText(question: string, base: Path, out: Problem[]): void {
  if (question.length > 0 && question.charCodeAt(0) > 32) return;
  if (!nonBlank.test(question)) {
    report(
      out,
      'question-text',
      [...base, 'question'],
      'expected the question text, found an empty text',
    );
  }
}

/** Options count and distinctness; true when the options are distinct. */
export function checkOptions(options: readonly string[], base: Path, out: Problem[]): boolean {
  let distinct = true;
  if (options.length < 2) {
    report(
      out,
      'options-count',
      [...base, 'options'],
      `expected at least 2 options, found ${options.length}`,
    );
  }
  for (let i = 1; i < options.length; i++) {
    const first = options.indexOf(options[i]!);
    if (first < i) {
      distinct = false;
      report(
        out,
        'options-distinct',
        [...base, 'options', i],
        `expected distinct options, found ${describeValue(options[i])} again (it is also options[${first}])`,
      );
    }
  }
  return distinct;
}

function at(base: Path, key: string, element: number | null): Path {
  return element === null ? [...base, key] : [...base, key, element];
}

/**
 * options[idx] == answer for one answer (element k of list answers); paths are built only on
 * failure. `distinct` says the options are known distinct, which settles the common case at once.
 */
export function checkAnswer(
  options: readonly string[],
  answer: string,
  idx: number,
  base: Path,
  element: number | null,
  distinct: boolean,
  out: Problem[],
): void {
  if (distinct && idx < options.length && options[idx] === answer) return;
  const position = options.indexOf(answer);
  if (position >= 0 && options.indexOf(answer, position + 1) >= 0) {
    report(
      out,
      'answer-option-repeated',
      at(base, 'answer', element),
      `expected the answer to appear once in options, found ${describeValue(answer)} at several positions`,
    );
  }
  if (idx >= options.length) {
    const where = position >= 0 ? ` (the answer ${describeValue(answer)} is at ${position})` : '';
    report(
      out,
      'answer-idx-range',
      at(base, 'answer_idx', element),
      `expected a position from 0 to ${options.length - 1} in options${where}, found ${idx}`,
    );
    return;
  }
  if (options[idx] === answer) return;
  if (position >= 0) {
    report(
      out,
      'answer-in-options',
      at(base, 'answer_idx', element),
      `expected ${position} (the position of the answer ${describeValue(answer)} in options), found ${idx}`,
    );
  } else {
    report(
      out,
      'answer-in-options',
      at(base, 'answer', element),
      `expected one of the options (options[${idx}] is ${describeValue(options[idx])}), found ${describeValue(answer)}`,
    );
  }
}

/** The options are exactly the fixed list (Yes/No, the decision options); true when they are. */
export function checkFixedOptions(
  options: readonly string[],
  expected: readonly string[],
  rule: 'yes-no-options' | 'decision-options',
  base: Path,
  out: Problem[],
): boolean {
  if (sameList(options, expected)) return true;
  report(
    out,
    rule,
    [...base, 'options'],
    `expected exactly ${quotedList(expected)}, found ${describeValue(options)}`,
  );
  return false;
}
