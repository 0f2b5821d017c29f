import type { Axis, DenseLabel, Rate } from '../../schemas/dense-label';

/** Values measured on the record that the label checks compare against; null when unknown. */
export interface LabelMeasurements {
  /** Heart rate from the RR intervals, bpm. */
  readonly heartRateBpm: number | null;
  /** Frontal QRS axis from the limb leads, degrees (-180..180). */
  readonly qrsAxisDeg: number | null;
  readonly qrsDurationMs: number | null;
  readonly prIntervalMs: number | null;
  readonly qtcBazettMs: number | null;
  readonly qtcFridericiaMs: number | null;
  readonly sex: 'male' | 'female' | null;
}

/** Which label axis a check sits beside. */
export type LabelAxisName =
  'rate' | 'rhythm' | 'axis' | 'conduction' | 'ischemia' | 'other_findings';

/** One warning shown beside an axis while a label is written; it never blocks saving. */
export interface LabelCheck {
  /** Stable id, e.g. 'rate-vs-heart-rate'; stored with the warning's state. */
  readonly id: string;
  readonly axis: LabelAxisName;
  readonly message: string;
  /** The measured value the warning rests on, with its unit. */
  readonly measured: {
    readonly name: string;
    readonly value: number;
    readonly unit: string;
  } | null;
}

/** The rate class of a heart rate: < 60 bradycardia, 60-100 normal, > 100 tachycardia. */
export function rateClass(heartRateBpm: number): Rate {
  if (heartRateBpm < 60) return 'bradycardia';
  if (heartRateBpm > 100) return 'tachycardia';
  return 'normal';
}

/** The axis class of a frontal QRS axis: normal -30..+90, left -30..-90, right +90..+180, extreme. */
export function axisClass(axisDeg: number): Axis {
  if (axisDeg >= -30 && axisDeg <= 90) return 'normal';
  if (axisDeg < -30 && axisDeg >= -90) return 'left';
  if (axisDeg > 90 && axisDeg <= 180) return 'right';
  return 'extreme';
}

/** QTc above which long_qt holds: 450 ms for men, 460 ms for women or when sex is unknown. */
export function longQtThresholdMs(sex: LabelMeasurements['sex']): number {
  return sex === 'male' ? 450 : 460;
}

const round = (value: number) => Math.round(value);

/** The measurement-based checks of taxonomy.md for one label; an empty list when all agree. */
export function checkLabelAgainstMeasurements(
  label: DenseLabel,
  m: LabelMeasurements,
): LabelCheck[] {
  const out: LabelCheck[] = [];
  const conduction = new Set<string>(label.conduction);

  if (m.heartRateBpm !== null && rateClass(m.heartRateBpm) !== label.rate) {
    out.push({
      id: 'rate-vs-heart-rate',
      axis: 'rate',
      message: `rate is ${label.rate}, but the measured heart rate ${round(m.heartRateBpm)} bpm is ${rateClass(m.heartRateBpm)}`,
      measured: { name: 'heart rate', value: m.heartRateBpm, unit: 'bpm' },
    });
  }
  if (m.qrsAxisDeg !== null && axisClass(m.qrsAxisDeg) !== label.axis) {
    out.push({
      id: 'axis-vs-measured-axis',
      axis: 'axis',
      message: `axis is ${label.axis}, but the measured QRS axis ${round(m.qrsAxisDeg)} deg is ${axisClass(m.qrsAxisDeg)}`,
      measured: { name: 'QRS axis', value: m.qrsAxisDeg, unit: 'deg' },
    });
  }
  if (m.qrsDurationMs !== null) {
    const qrs = m.qrsDurationMs;
    for (const block of ['lbbb', 'rbbb', 'ivcd'] as const) {
      if (conduction.has(block) && qrs < 120) {
        out.push({
          id: `${block}-needs-wide-qrs`,
          axis: 'conduction',
          message: `${block} needs QRS >= 120 ms; measured ${round(qrs)} ms`,
          measured: { name: 'QRS duration', value: qrs, unit: 'ms' },
        });
      }
    }
    // The converse: a wide QRS that the conduction axis does not explain (ventricular and paced
    // rhythms widen it by themselves).
    const explained = ['lbbb', 'rbbb', 'ivcd', 'wpw'].some((c) => conduction.has(c));
    if (qrs >= 120 && !explained && label.rhythm !== 'ventricular' && label.rhythm !== 'paced') {
      out.push({
        id: 'wide-qrs-without-block',
        axis: 'conduction',
        message: `the measured QRS ${round(qrs)} ms is wide (>= 120 ms), but conduction names no lbbb, rbbb, ivcd or wpw`,
        measured: { name: 'QRS duration', value: qrs, unit: 'ms' },
      });
    }
    if (conduction.has('incomplete_rbbb') && (qrs < 110 || qrs >= 120)) {
      out.push({
        id: 'incomplete-rbbb-needs-qrs-110-119',
        axis: 'conduction',
        message: `incomplete_rbbb needs QRS 110-119 ms; measured ${round(qrs)} ms`,
        measured: { name: 'QRS duration', value: qrs, unit: 'ms' },
      });
    }
  }
  if (conduction.has('first_degree_av_block') && m.prIntervalMs !== null && m.prIntervalMs <= 200) {
    out.push({
      id: 'first-degree-av-block-needs-long-pr',
      axis: 'conduction',
      message: `first_degree_av_block needs PR > 200 ms; measured ${round(m.prIntervalMs)} ms`,
      measured: { name: 'PR interval', value: m.prIntervalMs, unit: 'ms' },
    });
  }
  const fibrillating = label.rhythm === 'atrial_fibrillation' || label.rhythm === 'atrial_flutter';
  for (const block of ['first_degree_av_block', 'second_degree_av_block'] as const) {
    if (fibrillating && conduction.has(block)) {
      out.push({
        id: 'pr-block-without-p-waves',
        axis: 'conduction',
        message: `${block} is read from the PR interval, which ${label.rhythm} does not have`,
        measured: null,
      });
    }
  }
  if (m.qrsAxisDeg !== null) {
    if (conduction.has('lafb') && m.qrsAxisDeg > -45) {
      out.push({
        id: 'lafb-needs-axis-minus-45',
        axis: 'conduction',
        message: `lafb needs a QRS axis of -45 deg or more negative; measured ${round(m.qrsAxisDeg)} deg`,
        measured: { name: 'QRS axis', value: m.qrsAxisDeg, unit: 'deg' },
      });
    }
    if (conduction.has('lpfb') && m.qrsAxisDeg <= 90) {
      out.push({
        id: 'lpfb-needs-axis-over-90',
        axis: 'conduction',
        message: `lpfb needs a QRS axis above +90 deg; measured ${round(m.qrsAxisDeg)} deg`,
        measured: { name: 'QRS axis', value: m.qrsAxisDeg, unit: 'deg' },
      });
    }
  }
  if (label.other_findings.includes('long_qt') && m.qtcBazettMs !== null) {
    const threshold = longQtThresholdMs(m.sex);
    if (m.qtcBazettMs <= threshold) {
      const fridericia =
        m.qtcFridericiaMs === null ? '' : ` (Fridericia ${round(m.qtcFridericiaMs)} ms)`;
      out.push({
        id: 'long-qt-needs-long-qtc',
        axis: 'other_findings',
        message: `long_qt needs QTc > ${threshold} ms (${m.sex ?? 'sex unknown'}); measured Bazett ${round(m.qtcBazettMs)} ms${fridericia}`,
        measured: { name: 'QTc (Bazett)', value: m.qtcBazettMs, unit: 'ms' },
      });
    }
  }
  return out;
}
