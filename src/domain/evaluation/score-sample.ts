/**
 * Scores one answer file of the default (teacher-forced) protocol the way the official evaluator
 * does: every step on its own, completion hard and soft, depth per loop, GT-RDA and Self-RDA.
 */
import { FURTHER_FINDINGS } from '../../schemas/benchmark-sample';
import type { AnsweredGrounding, ModelAnswerSample } from '../../schemas/model-answers';
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
  if (!hasReply(sample.data.initial_diagnostic_question))
    missing.push('data.initial_diagnostic_question');
  const loops = sample.data.reasoning;
  for (let i = 0; i < loops.length; i++) {
    const step = loops[i]!;
    // Paths are built only for what is missing: this runs on every answer file.
    if (!hasReply(step.criterion_selection))
      missing.push(`data.reasoning[${i}].criterion_selection`);
    if (!hasReply(step.finding_identification))
      missing.push(`data.reasoning[${i}].finding_identification`);
    for (let j = 0; j < step.ecg_grounding.length; j++)
      if (!hasReply(step.ecg_grounding[j]!))
        missing.push(`data.reasoning[${i}].ecg_grounding[${j}]`);
    if (!hasReply(step.diagnostic_decision))
      missing.push(`data.reasoning[${i}].diagnostic_decision`);
  }
  return missing;
}

function hasReply(q: { model_response?: string | null }): boolean {
  return typeof q.model_response === 'string';
}

const FURTHER_LOWER = FURTHER_FINDINGS.toLowerCase();

function reply(q: { model_response?: string | null }): string {
  return q.model_response ?? '';
}

function groundingCorrect(g: AnsweredGrounding): boolean {
  const text = reply(g);
  if (g.question_type === 'lead_grounding')
    return matchLeads(typeof g.answer === 'string' ? [g.answer] : g.answer, text);
  if (g.question_type === 'wave_grounding') return matchWave(g.answer, text);
  return matchMeasurement(g.answer, text);
}

/**
 * The walk along one chain: hard and soft breaks, the current loop's depth, and Self-RDA, which
 * follows the model's own replies until its first commitment. (A class, not closures: this runs
 * for every answer file and per-call closures cost more than the matching.)
 */
class ChainWalk {
  readonly steps: StepOutcome[] = [];
  readonly loopDepths: (LoopDepth | null)[] = [];
  brokenHard = false;
  brokenSoft = false;
  selfBroken = false;
  selfResolved = false;
  selfCorrect = false;
  private loopBroken = false;
  private depth = 0;

  startLoop(): void {
    this.loopBroken = false;
    this.depth = 0;
  }

  /** Records a step; `forgiven` marks a wrong decision that soft completion forgives. */
  record(
    stage: Stage,
    loop: number,
    item: number | null,
    correct: boolean,
    forgiven: boolean,
  ): void {
    this.steps.push({ stage, loop, item, correct });
    if (correct) {
      if (!this.loopBroken && item === null) this.depth += 1;
      return;
    }
    this.brokenHard = true;
    this.loopBroken = true;
    if (!forgiven) this.brokenSoft = true;
  }

  /** A wrong criterion, finding or grounding reply before the commitment breaks Self-RDA. */
  breakSelf(correct: boolean): void {
    if (!correct && !this.selfResolved) this.selfBroken = true;
  }

  /** Right grounding items before the loop's first error (call before recording them). */
  get unbroken(): boolean {
    return !this.loopBroken;
  }

  /** Self-RDA at a decision: resolves unless a right "Further findings" keeps the walk going. */
  decide(correct: boolean, further: boolean, saysDx: () => boolean): void {
    if (this.selfResolved) return;
    if (this.selfBroken) {
      this.selfResolved = true;
    } else if (correct) {
      if (!further) {
        this.selfResolved = true;
        this.selfCorrect = true;
      }
    } else {
      this.selfResolved = true;
      // Anything but "Further findings" where it was due is an early commitment, against dx_label.
      this.selfCorrect = further && saysDx();
    }
  }

  endLoop(groundingRight: number, groundingItems: number): void {
    this.loopDepths.push(
      groundingItems > 0 ? { steps: this.depth, groundingRight, groundingItems } : null,
    );
  }
}

/** Scores a default-protocol sample; every reply must be present (see missingReplies). */
export function scoreSample(sample: ModelAnswerSample): SampleScore {
  const { metadata, data } = sample;
  const dxWord = metadata.dx_label ? 'yes' : 'no';
  const walk = new ChainWalk();
  let gtRdaCorrect = false;
  const loops = data.reasoning;
  for (let loopIdx = 0; loopIdx < loops.length; loopIdx++) {
    const loop = loops[loopIdx]!;
    walk.startLoop();
    const criterion = matchCriterion(
      loop.criterion_selection.answer,
      reply(loop.criterion_selection),
    );
    walk.record('criterion_selection', loopIdx, null, criterion, false);
    walk.breakSelf(criterion);
    const finding = matchFinding(
      loop.finding_identification.answer,
      reply(loop.finding_identification),
    );
    walk.record('finding_identification', loopIdx, null, finding, false);
    walk.breakSelf(finding);

    const grounding = loop.ecg_grounding;
    let rightBeforeError = 0;
    for (let item = 0; item < grounding.length; item++) {
      const g = grounding[item]!;
      const correct = groundingCorrect(g);
      if (correct && walk.unbroken) rightBeforeError += 1;
      walk.record(g.question_type, loopIdx, item, correct, false);
      walk.breakSelf(correct);
    }

    const decision = loop.diagnostic_decision;
    const decisionReply = reply(decision);
    const further = decision.answer.toLowerCase() === FURTHER_LOWER;
    const correct = matchDecision(decision.answer, decisionReply);
    walk.record('diagnostic_decision', loopIdx, null, correct, further);
    walk.decide(correct, further, () => matchDecision(dxWord, decisionReply));
    walk.endLoop(rightBeforeError, grounding.length);
    if (loopIdx === loops.length - 1) gtRdaCorrect = correct;
  }

  return {
    idqCorrect: matchIdq(metadata.dx_label, reply(data.initial_diagnostic_question)),
    gtRdaCorrect,
    selfRdaCorrect: walk.selfCorrect,
    completedHard: !walk.brokenHard,
    completedSoft: !walk.brokenSoft,
    loopDepths: walk.loopDepths,
    steps: walk.steps,
  };
}
