/**
 * Answer files against the workspace's samples: the first question that differs (so a file
 * about another version of a sample is reported, never scored), and the replies apart from the
 * questions (what the workspace stores).
 */
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { ModelAnswerSample } from '../../schemas/model-answers';
import type { ModelReplies } from '../../schemas/model-replies';

type Q = {
  question: string;
  options?: string[];
  answer: string | string[];
  question_type?: string;
};

const list = (answer: string | readonly string[]) =>
  typeof answer === 'string' ? [answer] : [...answer];
const show = (value: unknown) => JSON.stringify(value);

/** The first difference of one question, as "path.field: answer file has X, workspace has Y". */
function questionDiff(path: string, mine: Q, theirs: Q): string | null {
  const pairs: [string, unknown, unknown][] = [
    ['question', mine.question, theirs.question],
    ['answer', list(mine.answer), list(theirs.answer)],
  ];
  if (mine.options !== undefined) pairs.push(['options', mine.options, theirs.options]);
  if (mine.question_type !== undefined)
    pairs.push(['question_type', mine.question_type, theirs.question_type]);
  for (const [field, a, b] of pairs) {
    if (show(a) !== show(b))
      return `${path}.${field}: the answer file has ${show(a)}, the workspace sample ${show(b)}`;
  }
  return null;
}

/** Where an answer file's questions differ from the stored sample (null when they agree). */
export function answerMismatch(
  answer: ModelAnswerSample,
  sample: BenchmarkSampleV002,
): string | null {
  const a = answer.metadata;
  const s = sample.metadata;
  for (const key of ['ecg_id', 'target_dx', 'dx_label'] as const) {
    if (a[key] !== s[key])
      return `metadata.${key}: the answer file has ${show(a[key])}, the workspace sample ${show(s[key])}`;
  }
  const idq = questionDiff(
    'data.initial_diagnostic_question',
    answer.data.initial_diagnostic_question,
    sample.data.initial_diagnostic_question,
  );
  if (idq) return idq;
  const mine = answer.data.reasoning;
  const theirs = sample.data.reasoning;
  if (mine.length !== theirs.length)
    return `data.reasoning: the answer file has ${mine.length} steps, the workspace sample ${theirs.length}`;
  for (let i = 0; i < mine.length; i++) {
    const m = mine[i]!;
    const t = theirs[i]!;
    const at = `data.reasoning[${i}]`;
    for (const part of [
      'criterion_selection',
      'finding_identification',
      'diagnostic_decision',
    ] as const) {
      const diff = questionDiff(`${at}.${part}`, m[part], t[part]);
      if (diff) return diff;
    }
    if (m.ecg_grounding.length !== t.ecg_grounding.length)
      return `${at}.ecg_grounding: the answer file has ${m.ecg_grounding.length} questions, the workspace sample ${t.ecg_grounding.length}`;
    for (let j = 0; j < m.ecg_grounding.length; j++) {
      const diff = questionDiff(
        `${at}.ecg_grounding[${j}]`,
        m.ecg_grounding[j]!,
        t.ecg_grounding[j]!,
      );
      if (diff) return diff;
    }
  }
  return null;
}

const replyOf = (q: { model_response?: string | null }) => q.model_response ?? null;

/** An answer file's replies, in question order. */
export function repliesOf(answer: ModelAnswerSample): ModelReplies {
  return {
    idq: replyOf(answer.data.initial_diagnostic_question),
    loops: answer.data.reasoning.map((step) => ({
      criterion: replyOf(step.criterion_selection),
      finding: replyOf(step.finding_identification),
      grounding: step.ecg_grounding.map(replyOf),
      decision: replyOf(step.diagnostic_decision),
    })),
  };
}
