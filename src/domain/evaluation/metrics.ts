/** Pools sample scores into the official counts (micro averages) and turns counts into accuracies. */
import type { ForcedCommitScore } from './forced-commit';
import { COVERAGE_BINS } from './forced-commit';
import type { SampleScore } from './score-sample';
import type { Stage } from './stages';
import { STAGES } from './stages';

/** How many were asked and how many answered right. */
export interface Tally {
  total: number;
  correct: number;
}

/** The default protocol's counts over a pool of samples (a dataset, or one diagnosis of it). */
export interface ReasoningCounts {
  readonly idq: Tally;
  readonly gtRda: Tally;
  readonly selfRda: Tally;
  /** Samples whose chains were scored. */
  reasoningTotal: number;
  completedHard: number;
  completedSoft: number;
  /** Every loop. */
  loops: number;
  /** Loops with grounding items (the ones depth counts). */
  depthLoops: number;
  /** Whole steps of the depth loops, summed. */
  depthSteps: number;
  /** Per grounding block size, the items right before the first error, summed (exact sums). */
  readonly depthGrounding: Record<number, number>;
  readonly stages: Record<Stage, Tally>;
}

/** The forced-commit protocol's counts: IDQ (replies only) and decisions per coverage bin. */
export interface ForcedCommitCounts {
  readonly idq: Tally;
  readonly bins: readonly Tally[];
}

const tally = (): Tally => ({ total: 0, correct: 0 });
const count = (t: Tally, correct: boolean) => {
  t.total += 1;
  if (correct) t.correct += 1;
};

/** Empty default-protocol counts. */
export function emptyReasoningCounts(): ReasoningCounts {
  return {
    idq: tally(),
    gtRda: tally(),
    selfRda: tally(),
    reasoningTotal: 0,
    completedHard: 0,
    completedSoft: 0,
    loops: 0,
    depthLoops: 0,
    depthSteps: 0,
    depthGrounding: {},
    stages: Object.fromEntries(STAGES.map((s) => [s, tally()])) as Record<Stage, Tally>,
  };
}

/** Adds one sample's score to the counts. */
export function addSampleScore(counts: ReasoningCounts, score: SampleScore): void {
  count(counts.idq, score.idqCorrect);
  count(counts.gtRda, score.gtRdaCorrect);
  count(counts.selfRda, score.selfRdaCorrect);
  counts.reasoningTotal += 1;
  if (score.completedHard) counts.completedHard += 1;
  if (score.completedSoft) counts.completedSoft += 1;
  for (const step of score.steps) count(counts.stages[step.stage], step.correct);
  for (const depth of score.loopDepths) {
    counts.loops += 1;
    if (depth !== null) {
      counts.depthLoops += 1;
      counts.depthSteps += depth.steps;
      counts.depthGrounding[depth.groundingItems] =
        (counts.depthGrounding[depth.groundingItems] ?? 0) + depth.groundingRight;
    }
  }
}

/** Empty forced-commit counts. */
export function emptyForcedCommitCounts(): ForcedCommitCounts {
  return { idq: tally(), bins: COVERAGE_BINS.map(tally) };
}

/** Adds one forced-commit sample to the counts. */
export function addForcedCommitScore(counts: ForcedCommitCounts, score: ForcedCommitScore): void {
  if (score.idqCorrect !== null) count(counts.idq, score.idqCorrect);
  for (const point of score.points) count(counts.bins[point.bin]!, point.correct);
}

/** correct / total, or 0 for an empty pool (as the official tool). */
export function accuracy(t: Tally): number {
  return t.total > 0 ? t.correct / t.total : 0;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * The summed depth of the loops that count, exact until one final rounding: the official tool
 * adds floats in the order its file system lists the files, so its last digit can differ from
 * run to run; this sum is the same for any order of the same files.
 */
export function depthSum(counts: ReasoningCounts): number {
  const sizes = Object.keys(counts.depthGrounding).map(BigInt);
  const common = sizes.reduce((l, n) => (l * n) / gcd(l, n), 1n);
  let numerator = BigInt(counts.depthSteps) * common;
  for (const n of sizes) numerator += BigInt(counts.depthGrounding[Number(n)]!) * (common / n);
  const divisor = gcd(numerator, common);
  // Both parts are far below 2^53 for any real benchmark, so one IEEE division rounds once.
  return Number(numerator / divisor) / Number(common / divisor);
}

/** Mean depth over the loops that count, or 0 when none does. */
export function meanDepth(counts: ReasoningCounts): number {
  return counts.depthLoops > 0 ? depthSum(counts) / counts.depthLoops : 0;
}

/** Counts for the whole dataset ("total") and per diagnosis, pooled as samples arrive. */
export class MetricPool<Counts, Score> {
  readonly total: Counts;
  readonly byDx = new Map<string, Counts>();

  constructor(
    private readonly empty: () => Counts,
    private readonly add: (counts: Counts, score: Score) => void,
  ) {
    this.total = empty();
  }

  /** Makes sure a diagnosis has counts (the official tool writes a CSV for each folder, even empty). */
  touch(targetDx: string): Counts {
    let counts = this.byDx.get(targetDx);
    if (!counts) {
      counts = this.empty();
      this.byDx.set(targetDx, counts);
    }
    return counts;
  }

  /** Adds one sample of the diagnosis. */
  addScore(targetDx: string, score: Score): void {
    this.add(this.total, score);
    this.add(this.touch(targetDx), score);
  }
}

/** A pool of default-protocol scores. */
export const reasoningPool = () =>
  new MetricPool<ReasoningCounts, SampleScore>(emptyReasoningCounts, addSampleScore);
/** A pool of forced-commit scores. */
export const forcedCommitPool = () =>
  new MetricPool<ForcedCommitCounts, ForcedCommitScore>(
    emptyForcedCommitCounts,
    addForcedCommitScore,
  );
