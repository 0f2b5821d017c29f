/**
 * The forced-commit protocol: each loop's decision, asked with options cut to Yes/No on a
 * ground-truth history, scored against dx_label and placed at its finding coverage.
 */
import type { ModelAnswerSample } from '../../schemas/model-answers';
import { matchDecision, matchIdq } from './match-yes-no';

/** The coverage bins in percent, right-inclusive: (0,25], (25,50], (50,75], (75,100]. */
export const COVERAGE_BINS: readonly (readonly [lo: number, hi: number])[] = [
  [0, 25],
  [25, 50],
  [50, 75],
  [75, 100],
];

/** One forced decision: its loop, coverage in percent, bin index (0-3), right or not. */
export interface ForcedPoint {
  readonly loop: number;
  readonly coveragePct: number;
  readonly bin: number;
  readonly correct: boolean;
}

/** A forced-commit sample's outcome; idqCorrect is null when the IDQ has no reply (not counted). */
export interface ForcedCommitScore {
  readonly idqCorrect: boolean | null;
  readonly points: readonly ForcedPoint[];
}

/** The bin of a coverage in percent: the first whose upper edge holds it (the last past 100). */
export function coverageBin(coveragePct: number): number {
  const index = COVERAGE_BINS.findIndex(([, hi]) => coveragePct <= hi);
  return index === -1 ? COVERAGE_BINS.length - 1 : index;
}

/** Scores a forced-commit sample; questions without a reply are left out, as the official tool does. */
export function scoreForcedCommit(sample: ModelAnswerSample): ForcedCommitScore {
  const { metadata, data } = sample;
  const dxWord = metadata.dx_label ? 'yes' : 'no';
  const idqReply = data.initial_diagnostic_question.model_response;
  const loops = data.reasoning.length;
  const points: ForcedPoint[] = [];
  data.reasoning.forEach((loop, index) => {
    const reply = loop.diagnostic_decision.model_response;
    if (reply === null || reply === undefined) return;
    // Same operation order as the official tool, so float edges fall in the same bins.
    const coveragePct = ((index + 1) / loops) * 100;
    points.push({
      loop: index,
      coveragePct,
      bin: coverageBin(coveragePct),
      correct: matchDecision(dxWord, reply),
    });
  });
  return {
    idqCorrect:
      idqReply === null || idqReply === undefined ? null : matchIdq(metadata.dx_label, idqReply),
    points,
  };
}
