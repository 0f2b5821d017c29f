/**
 * The "measurements only" reference predictor: rate and axis from the measured heart rate and
 * QRS axis, the conduction values a threshold on a measured number gives, and the ground
 * truth's majority value on every axis the numbers cannot give. It shows which axes a model
 * could have taken from the machine's numbers alone.
 */
import type {
  Axis,
  Conduction,
  DenseLabel,
  IschemiaStage,
  OtherFinding,
  Rate,
  Rhythm,
  Territory,
} from '../../schemas/dense-label';
import { axisClass, rateClass } from '../taxonomy/label-checks';
import type { LabelMeasurements } from '../taxonomy/label-checks';
import { canonicalLabel } from '../taxonomy/serialize-label';
import type { Measurements } from '../measure/types';
import { axisValue } from './label-axes';
import { majorityValue } from './label-metrics';

/** The values the label checks and this predictor read from the engine's measurements. */
export function labelMeasurementsOf(m: Measurements): LabelMeasurements {
  const g = m.global;
  return {
    heartRateBpm: g.heartRate.value,
    qrsAxisDeg: g.qrsAxis.value,
    qrsDurationMs: g.qrs.value,
    prIntervalMs: g.pr.value,
    qtcBazettMs: g.qtcBazett.value,
    qtcFridericiaMs: g.qtcFridericia.value,
    sex: null,
  };
}

/** The thresholds the predictor uses (docs/taxonomy.md's label checks, read as sufficient). */
export const REFERENCE_THRESHOLDS = {
  firstDegreeAvBlockPrMs: 200,
  wideQrsMs: 120,
  lafbAxisDeg: -45,
  lpfbAxisDeg: 90,
} as const;

/** Conduction values from PR, QRS and axis alone: 1st degree AV block, a wide QRS (ivcd), lafb, lpfb. */
export function conductionFromMeasurements(m: LabelMeasurements): Conduction[] {
  const out: Conduction[] = [];
  const t = REFERENCE_THRESHOLDS;
  if (m.prIntervalMs !== null && m.prIntervalMs > t.firstDegreeAvBlockPrMs)
    out.push('first_degree_av_block');
  // Which bundle is blocked needs the QRS shape; a wide QRS alone reads as a nonspecific delay.
  if (m.qrsDurationMs !== null && m.qrsDurationMs >= t.wideQrsMs) out.push('ivcd');
  if (m.qrsAxisDeg !== null && m.qrsAxisDeg <= t.lafbAxisDeg) out.push('lafb');
  if (m.qrsAxisDeg !== null && m.qrsAxisDeg > t.lpfbAxisDeg) out.push('lpfb');
  return out.length === 0 ? ['none'] : out;
}

/**
 * The reference prediction for one ECG: measured values where they exist, else `majority`
 * (a label holding the ground truth's majority value on every axis).
 */
export function predictFromMeasurements(m: LabelMeasurements, majority: DenseLabel): DenseLabel {
  return canonicalLabel({
    ...majority,
    rate: m.heartRateBpm === null ? majority.rate : rateClass(m.heartRateBpm),
    axis: m.qrsAxisDeg === null ? majority.axis : axisClass(m.qrsAxisDeg),
    conduction: conductionFromMeasurements(m),
    diagnosis: 'measurements-only reference prediction',
  });
}

/** A label holding, on each axis, the most common value of the given labels (at least one). */
export function majorityLabel(labels: readonly DenseLabel[]): DenseLabel {
  const pick = (axis: Parameters<typeof axisValue>[1]) =>
    majorityValue(labels.map((l) => axisValue(l, axis)));
  const set = <T extends string>(value: string, empty: readonly T[]): T[] =>
    value === 'none' ? [...empty] : (value.split('+') as T[]);
  return canonicalLabel({
    rate: pick('rate') as Rate,
    rhythm: pick('rhythm') as Rhythm,
    axis: pick('axis') as Axis,
    conduction: set<Conduction>(pick('conduction'), ['none']),
    ischemia: {
      stage: pick('ischemia_stage') as IschemiaStage,
      territory: set<Territory>(pick('ischemia_territory'), ['none']),
    },
    other_findings: set<OtherFinding>(pick('other_findings'), []),
    diagnosis: 'majority values',
  });
}
