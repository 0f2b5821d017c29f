/**
 * The shared sample rules (validateSample, the server's write gate) run on a draft, and their
 * problems placed beside the field they are about: a question's text, each option, the option
 * list, the answer, or the question as a whole.
 */
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { Problem } from '../../../schemas/issues';
import { validateSample } from '../validate-sample';
import type { QuestionRef } from './question-ref';
import { questionPath } from './question-ref';
import { groupInto } from '../../group-into';

/** Every problem the write gate would report for a draft, errors first. */
export function draftProblems(sample: BenchmarkSampleV002): Problem[] {
  const { problems } = validateSample(sample, { shape: 'list' });
  return [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity === 'warning'),
  ];
}

/** True when `path` starts with `prefix`. */
export function pathStartsWith(
  path: readonly (string | number)[],
  prefix: readonly (string | number)[],
): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/** A question's problems by the field they are about. */
export interface QuestionProblems {
  readonly question: Problem[];
  /** Problems of one option, by option index. */
  readonly option: ReadonlyMap<number, Problem[]>;
  /** Problems of the option list as a whole (count, order, units). */
  readonly options: Problem[];
  readonly answer: Problem[];
  /** Anything else about the question (its type, its shape). */
  readonly other: Problem[];
}

/** Places the problems under a question's path by field. */
export function questionProblems(problems: readonly Problem[], ref: QuestionRef): QuestionProblems {
  const base = questionPath(ref);
  const out = {
    question: [] as Problem[],
    option: new Map<number, Problem[]>(),
    options: [] as Problem[],
    answer: [] as Problem[],
    other: [] as Problem[],
  };
  for (const p of problems) {
    if (!pathStartsWith(p.path, base)) continue;
    const [field, index] = p.path.slice(base.length);
    if (field === 'question') out.question.push(p);
    else if (field === 'options' && typeof index === 'number') groupInto(out.option, index, p);
    else if (field === 'options') out.options.push(p);
    else if (field === 'answer' || field === 'answer_idx') out.answer.push(p);
    else out.other.push(p);
  }
  return out;
}

/** True when a problem's path lies inside one question (the initial question, a step part, a grounding question). */
function insideQuestion(path: readonly (string | number)[]): boolean {
  if (pathStartsWith(path, ['data', 'initial_diagnostic_question'])) return true;
  if (!pathStartsWith(path, ['data', 'reasoning']) || typeof path[2] !== 'number') return false;
  return path[3] === 'ecg_grounding' ? typeof path[4] === 'number' : path.length > 3;
}

/** Problems no question holds: the sample, its metadata, its list of steps. */
export function sampleLevelProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => !insideQuestion(p.path));
}
