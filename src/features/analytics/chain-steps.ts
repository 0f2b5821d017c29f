/** A stored answer as a list of rows: each question with its right answer, the reply and the verdict. */
import type { AnswerDetail } from '../../schemas/api/evaluation';
import type { AnsweredGrounding } from '../../schemas/model-answers';

/** One row of the chain panel. */
export interface ChainStep {
  readonly id: string;
  readonly loop: number | null;
  readonly item: number | null;
  readonly kind: string;
  readonly question: string;
  readonly answer: string;
  readonly reply: string | null;
  /** null when the protocol did not score the question. */
  readonly correct: boolean | null;
  readonly grounding: AnsweredGrounding | null;
}

const text = (answer: string | readonly string[]) =>
  typeof answer === 'string' ? answer : answer.join(', ');

/** Every question of the answer in chain order. */
export function chainSteps(detail: AnswerDetail): ChainStep[] {
  const verdict = (loop: number, stage: string, item: number | null) =>
    detail.steps.find((s) => s.loop === loop && s.stage === stage && s.item === item)?.correct ??
    null;
  const idq = detail.sample.data.initial_diagnostic_question;
  const rows: ChainStep[] = [
    {
      id: 'idq',
      loop: null,
      item: null,
      kind: 'initial question',
      question: idq.question,
      answer: idq.answer,
      reply: detail.replies.idq,
      correct: detail.idqCorrect,
      grounding: null,
    },
  ];
  detail.sample.data.reasoning.forEach((step, loop) => {
    const r = detail.replies.loops[loop];
    const plain = (
      id: string,
      kind: string,
      stage: string,
      q: { question: string; answer: string },
      reply: string | null | undefined,
    ) =>
      rows.push({
        id: `${loop}-${id}`,
        loop,
        item: null,
        kind,
        question: q.question,
        answer: q.answer,
        reply: reply ?? null,
        correct: verdict(loop, stage, null),
        grounding: null,
      });
    plain('criterion', 'criterion', 'criterion_selection', step.criterion_selection, r?.criterion);
    plain('finding', 'finding', 'finding_identification', step.finding_identification, r?.finding);
    step.ecg_grounding.forEach((g, item) =>
      rows.push({
        id: `${loop}-g${item}`,
        loop,
        item,
        kind: g.question_type.replace('_grounding', ' grounding'),
        question: g.question,
        answer: text(g.answer),
        reply: r?.grounding[item] ?? null,
        correct: verdict(loop, g.question_type, item),
        grounding: g,
      }),
    );
    plain('decision', 'decision', 'diagnostic_decision', step.diagnostic_decision, r?.decision);
  });
  return rows;
}
