/** Per-axis scores of predicted dense labels against ground truth, each beside its majority baseline. */
import type { DenseLabel } from '../../schemas/dense-label';
import type { AxisGroup, LabelAxis } from './label-axes';
import { LABEL_AXES, axisGroup, axisValue, findingsCount } from './label-axes';

/** One axis's figures. */
export interface AxisScore {
  readonly axis: LabelAxis;
  readonly group: AxisGroup;
  /** ECGs scored (present in both files). */
  readonly n: number;
  readonly accuracy: number;
  /** Mean F1 over the classes in truth or prediction. */
  readonly macroF1: number;
  /** The most common ground-truth value (ties: the first in sorted order). */
  readonly majorityValue: string;
  /** Accuracy of always answering majorityValue. */
  readonly majorityAccuracy: number;
  readonly majorityMacroF1: number;
  /** Classes in truth or prediction, sorted; rows and columns of the confusion matrix. */
  readonly classes: readonly string[];
  /** confusion[t][p]: ECGs whose truth is classes[t] and prediction classes[p]. */
  readonly confusion: readonly (readonly number[])[];
}

/** Findings per ECG: histograms (count of findings -> ECGs) and means, truth vs predicted. */
export interface FindingsPerEcg {
  readonly truth: Readonly<Record<number, number>>;
  readonly predicted: Readonly<Record<number, number>>;
  readonly meanTruth: number;
  readonly meanPredicted: number;
}

/** The whole comparison. */
export interface LabelReport {
  /** ECGs in both files. */
  readonly scored: number;
  /** Keys ("source/ecg_id") with truth but no prediction, and the reverse; left out of the scores. */
  readonly unpredicted: readonly string[];
  readonly withoutTruth: readonly string[];
  readonly axes: readonly AxisScore[];
  readonly findings: FindingsPerEcg;
  /** Every scored ECG with its class on each axis, truth and predicted (for drill-down). */
  readonly pairs: readonly {
    readonly key: string;
    readonly truth: Readonly<Record<LabelAxis, string>>;
    readonly predicted: Readonly<Record<LabelAxis, string>>;
    readonly truthFindings: number;
    readonly predictedFindings: number;
  }[];
}

/** Accuracy and macro-F1 of predicted against true classes (same length, same order). */
export function classScores(
  truth: readonly string[],
  predicted: readonly string[],
): { accuracy: number; macroF1: number; classes: string[]; confusion: number[][] } {
  const classes = [...new Set([...truth, ...predicted])].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => classes.map(() => 0));
  let right = 0;
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    confusion[index.get(t)!]![index.get(p)!]! += 1;
    if (t === p) right += 1;
  });
  const f1s = classes.map((_, k) => {
    const tp = confusion[k]![k]!;
    const fn = confusion[k]!.reduce((a, b) => a + b, 0) - tp;
    const fp = confusion.reduce((a, row) => a + row[k]!, 0) - tp;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return {
    accuracy: truth.length === 0 ? 0 : right / truth.length,
    macroF1: f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    classes,
    confusion,
  };
}

/** The most common value (ties broken by sorted order), or "" for an empty list. */
export function majorityValue(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [value, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n > bestCount) [best, bestCount] = [value, n];
  }
  return best;
}

function histogram(values: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Compares predictions with truth, both keyed by "source/ecg_id". */
export function labelReport(
  truth: ReadonlyMap<string, DenseLabel>,
  predicted: ReadonlyMap<string, DenseLabel>,
): LabelReport {
  const keys = [...truth.keys()].filter((k) => predicted.has(k)).sort();
  const pairs = keys.map((k) => [truth.get(k)!, predicted.get(k)!] as const);
  const axes = LABEL_AXES.map((axis): AxisScore => {
    const t = pairs.map(([a]) => axisValue(a, axis));
    const p = pairs.map(([, b]) => axisValue(b, axis));
    const scores = classScores(t, p);
    const majority = majorityValue(t);
    const baseline = classScores(
      t,
      t.map(() => majority),
    );
    return {
      axis,
      group: axisGroup(axis),
      n: pairs.length,
      accuracy: scores.accuracy,
      macroF1: scores.macroF1,
      majorityValue: majority,
      majorityAccuracy: baseline.accuracy,
      majorityMacroF1: baseline.macroF1,
      classes: scores.classes,
      confusion: scores.confusion,
    };
  });
  const classesOf = (label: DenseLabel) =>
    Object.fromEntries(LABEL_AXES.map((axis) => [axis, axisValue(label, axis)])) as Record<
      LabelAxis,
      string
    >;
  const truthFindings = pairs.map(([a]) => findingsCount(a));
  const predictedFindings = pairs.map(([, b]) => findingsCount(b));
  return {
    scored: pairs.length,
    unpredicted: [...truth.keys()].filter((k) => !predicted.has(k)).sort(),
    withoutTruth: [...predicted.keys()].filter((k) => !truth.has(k)).sort(),
    axes,
    findings: {
      truth: histogram(truthFindings),
      predicted: histogram(predictedFindings),
      meanTruth: mean(truthFindings),
      meanPredicted: mean(predictedFindings),
    },
    pairs: keys.map((key, i) => ({
      key,
      truth: classesOf(pairs[i]![0]),
      predicted: classesOf(pairs[i]![1]),
      truthFindings: truthFindings[i]!,
      predictedFindings: predictedFindings[i]!,
    })),
  };
}
