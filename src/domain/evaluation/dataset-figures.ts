/** The dataset dashboard's figures: cells against the target distribution, label distributions, reviewer agreement. */
import type { DenseLabel } from '../../schemas/dense-label';
import type { AxisGroup, LabelAxis } from './label-axes';
import { LABEL_AXES, axisGroup, axisValue, findingsCount } from './label-axes';
import { majorityValue } from './label-metrics';
import { cohensKappa, tallyPairs } from '../review/kappa';
import { groupInto } from '../group-into';

/** Samples the benchmark aims for per (source, diagnosis, label), split evenly over paths (docs/templates.md). */
export const TARGET_PER_LABEL = 100;

/** One cell's count. */
export interface CellCount {
  readonly dataSource: string;
  readonly targetDx: string;
  readonly dxLabel: boolean;
  readonly pathIdx: number;
  readonly count: number;
}

/** Each cell with its target: 100 per (source, diagnosis, label) over the paths that key has. */
export function withTargets<C extends CellCount>(cells: readonly C[]): (C & { target: number })[] {
  const paths = new Map<string, number>();
  const key = (c: CellCount) => `${c.dataSource}/${c.targetDx}/${c.dxLabel}`;
  for (const c of cells) paths.set(key(c), (paths.get(key(c)) ?? 0) + 1);
  return cells.map((c) => ({ ...c, target: TARGET_PER_LABEL / paths.get(key(c))! }));
}

/** One axis's value counts (most common first) with the majority value and its share. */
export interface AxisDistribution {
  readonly axis: LabelAxis;
  readonly group: AxisGroup;
  readonly counts: { value: string; count: number; ecgs: string[] }[];
  readonly majorityValue: string;
  readonly majorityShare: number;
}

/** Value counts per axis over labels keyed by "source/ecg_id", with each value's ECGs. */
export function labelDistributions(labels: ReadonlyMap<string, DenseLabel>): AxisDistribution[] {
  return LABEL_AXES.map((axis) => {
    const values = [...labels.values()].map((l) => axisValue(l, axis));
    const ecgs = new Map<string, string[]>();
    for (const [key, label] of labels) {
      const v = axisValue(label, axis);
      groupInto(ecgs, v, key);
    }
    const majority = majorityValue(values);
    return {
      axis,
      group: axisGroup(axis),
      counts: [...ecgs]
        .map(([value, keys]) => ({ value, count: keys.length, ecgs: keys }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
      majorityValue: majority,
      majorityShare: values.length === 0 ? 0 : (ecgs.get(majority)?.length ?? 0) / values.length,
    };
  });
}

/** How many labels hold 0, 1, 2, ... non-normal findings, with their ECGs. */
export function findingsHistogram(
  labels: ReadonlyMap<string, DenseLabel>,
): { findings: number; ecgs: number; keys: string[] }[] {
  const byCount = new Map<number, string[]>();
  for (const [key, label] of labels) {
    const n = findingsCount(label);
    groupInto(byCount, n, key);
  }
  return [...byCount]
    .map(([findings, keys]) => ({ findings, ecgs: keys.length, keys }))
    .sort((a, b) => a.findings - b.findings);
}

/** One reviewer's verdict on one sample in one pass. */
export interface VerdictRow {
  readonly passId: string;
  readonly samplePk: string;
  readonly reviewerId: string;
  readonly verdict: string;
}

/**
 * Agreement where two reviewers judged the same sample in the same pass: every pair of their
 * verdicts counts once; Cohen's kappa over the pairs (first rater: the lower reviewer id), null
 * when chance agreement is total. Null when no sample was judged twice.
 */
export function verdictAgreement(
  rows: readonly VerdictRow[],
): { pairs: number; agreeing: number; percent: number; kappa: number | null } | null {
  const bySample = new Map<string, VerdictRow[]>();
  for (const r of rows) {
    const key = `${r.passId}/${r.samplePk}`;
    groupInto(bySample, key, r);
  }
  const pairs: [string, string][] = [];
  for (const group of bySample.values()) {
    const sorted = [...group].sort((a, b) => (a.reviewerId < b.reviewerId ? -1 : 1));
    for (let i = 0; i < sorted.length; i++)
      for (let j = i + 1; j < sorted.length; j++)
        if (sorted[i]!.reviewerId !== sorted[j]!.reviewerId)
          pairs.push([sorted[i]!.verdict, sorted[j]!.verdict]);
  }
  if (pairs.length === 0) return null;
  // One kappa for the whole app: the review module's, over pass/flag pairs.
  const result = cohensKappa(
    tallyPairs(
      pairs.map(([a, b]) => [a === 'flag' ? 'flag' : 'pass', b === 'flag' ? 'flag' : 'pass']),
    ),
  );
  const agreeing = pairs.filter(([a, b]) => a === b).length;
  return {
    pairs: pairs.length,
    agreeing,
    percent: agreeing / pairs.length,
    kappa: result.kappa,
  };
}
