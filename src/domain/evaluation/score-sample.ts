/**
 * Scores one answer file of the default (teacher-forced) protocol the way the official evaluator
 * does: every step on its own, completion hard and soft, depth per loop, GT-RDA and Self-RDA.
 */
import { FURTHER_FINDINGS } from '../../schemas/benchmark-sample';
import type { AnsweredQuestion, ModelAnswerSample } from '../../schemas/model-answers';
import { matchDecision, matchFinding, matchIdq } from './match-yes-no';
import { matchLeads } from './match-leads';
import { matchCriterion, matchMeasurement, matchWave } from './match-text';
import type { Stage } from './stages';

/** One scored step: which stage, in which loop (0-based), which grounding item, right or not. */
export interface StepOutcome {
  readonly stage: Stage;
  readonly loop: number;
  /** Index in the loop's ecg_grounding; null for the other stages. */
  readonly item: number | null;
  readonly correct: boolean;
}

/**
 * A loop's depth in parts, so sums stay exact: whole steps (criterion, finding, decision) plus
 * the grounding items right before the first wrong one, out of the block's items.
 */
export interface LoopDepth {
  readonly steps: number;
  readonly groundingRight: number;
  readonly groundingItems: number;
}

/** A loop's depth as a number (0-4). */
export function depthOf(d: LoopDepth): number {
  return d.steps + d.groundingRight / d.groundingItems;
}

/** Everything the official metrics need from one sample, plus each step's outcome for drill-down. */
export interface SampleScore {
  readonly idqCorrect: boolean;
  /** The last loop's decision against its answer. */
  readonly gtRdaCorrect: boolean;
  readonly selfRdaCorrect: boolean;
  readonly completedHard: boolean;
  readonly completedSoft: boolean;
  /** Per loop, steps right from the loop's start until its first error; null without grounding. */
  readonly loopDepths: readonly (LoopDepth | null)[];
  readonly steps: readonly StepOutcome[];
}

/** Where a reply the protocol needs is missing, e.g. "data.reasoning[1].criterion_selection". */
export function missingReplies(sample: ModelAnswerSample): string[] {
  const missing: string[] = [];
  const check = (q: { model_response?: string | null }, path: string) => {
    if (typeof q.model_response !== 'string') missing.push(path);
  };
  check(sample.data.initial_diagnostic_question, 'data.initial_diagnostic_question');
  sample.data.reasoning.forEach((step, i) => {
    const at = `data.reasoning[${i}]`;
    check(step.criterion_selection, `${at}.criterion_selection`);
    check(step.finding_identification, `${at}.finding_identification`);
    step.ecg_grounding.forEach((g, j) => check(g, `${at}.ecg_grounding[${j}]`));
    check(step.diagnostic_decision, `${at}.diagnostic_decision`);
  });
  return missing;
}

const FURTHER_LOWER = FURTHER_FINDINGS.toLowerCase();
const reply = (q: { model_response?: string | null }) => q.model_response ?? '';

/** True when the decision's right answer is "Further findings…" (its wrong reply is forgiven by soft completion). */
function isFurtherFindings(decision: AnsweredQuestion): boolean {
  return decision.answer.toLowerCase() === FURTHER_LOWER;
}

/** Scores a default-protocol sample; every reply must be present (see missingReplies). */
export function scoreSample(sample: ModelAnswerSample): SampleScore {
  const { metadata, data } = sample;
  const dxWord = metadata.dx_label ? 'yes' : 'no';
  const steps: StepOutcome[] = [];
  const loopDepths: (LoopDepth | null)[] = [];
  let brokenHard = false;
  let brokenSoft = false;
  // Self-RDA walks the model's own chain until its first commitment.
  let selfBroken = false;
  let selfResolved = false;
  let selfCorrect = false;
  let gtRdaCorrect = false;

  data.reasoning.forEach((loop, loopIdx) => {
    let loopBroken = false;
    let depth = 0;
    let groundingRight = 0;
    const fail = (forgivenBySoft: boolean) => {
      brokenHard = true;
      loopBroken = true;
      if (!forgivenBySoft) brokenSoft = true;
    };
    const plainStep = (stage: Stage, correct: boolean) => {
      steps.push({ stage, loop: loopIdx, item: null, correct });
      if (correct) {
        if (!loopBroken) depth += 1;
      } else {
        fail(false);
        if (!selfResolved) selfBroken = true;
      }
    };

    plainStep(
      'criterion_selection',
      matchCriterion(loop.criterion_selection.answer, reply(loop.criterion_selection)),
    );
    plainStep(
      'finding_identification',
      matchFinding(loop.finding_identification.answer, reply(loop.finding_identification)),
    );

    const grounding = loop.ecg_grounding;
    if (grounding.length > 0) {
      let rightBeforeError = 0;
      grounding.forEach((g, item) => {
        const text = reply(g);
        const correct =
          g.question_type === 'lead_grounding'
            ? matchLeads(typeof g.answer === 'string' ? [g.answer] : g.answer, text)
            : g.question_type === 'wave_grounding'
              ? matchWave(g.answer, text)
              : matchMeasurement(g.answer, text);
        steps.push({ stage: g.question_type, loop: loopIdx, item, correct });
        if (correct) {
          if (!loopBroken) rightBeforeError += 1;
        } else {
          fail(false);
          if (!selfResolved) selfBroken = true;
        }
      });
      groundingRight = rightBeforeError;
    }

    const decision = loop.diagnostic_decision;
    const further = isFurtherFindings(decision);
    const correct = matchDecision(decision.answer, reply(decision));
    steps.push({ stage: 'diagnostic_decision', loop: loopIdx, item: null, correct });
    if (correct) {
      if (!loopBroken) depth += 1;
    } else {
      fail(further);
    }
    if (!selfResolved) {
      if (selfBroken) {
        selfResolved = true;
      } else if (correct) {
        // A right "Further findings" keeps walking; a right Yes/No is the commitment.
        if (!further) {
          selfResolved = true;
          selfCorrect = true;
        }
      } else {
        selfResolved = true;
        // Anything but "Further findings" where it was due is an early commitment, scored against dx_label.
        selfCorrect = further && matchDecision(dxWord, reply(decision));
      }
    }

    loopDepths.push(
      grounding.length > 0
        ? { steps: depth, groundingRight, groundingItems: grounding.length }
        : null,
    );
    if (loopIdx === data.reasoning.length - 1) gtRdaCorrect = correct;
  });

  return {
    idqCorrect: matchIdq(metadata.dx_label, reply(data.initial_diagnostic_question)),
    gtRdaCorrect,
    selfRdaCorrect: selfCorrect,
    completedHard: !brokenHard,
    completedSoft: !brokenSoft,
    loopDepths,
    steps,
  };
}
