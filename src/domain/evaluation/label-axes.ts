/** The dense label's axes as the per-axis evaluation reads them: one categorical value per axis. */
import type { DenseLabel } from '../../schemas/dense-label';
import { canonicalLabel } from '../taxonomy/serialize-label';

/** The seven scored axes (diagnosis is free text and is not scored). */
export const LABEL_AXES = [
  'rate',
  'axis',
  'rhythm',
  'conduction',
  'ischemia_stage',
  'ischemia_territory',
  'other_findings',
] as const;
/** One scored axis. */
export type LabelAxis = (typeof LABEL_AXES)[number];

/** Axes machine measurements give (docs/taxonomy.md); the others need the waveform. */
export const MEASUREMENT_AXES: readonly LabelAxis[] = ['rate', 'axis'];

/** Which group an axis is reported in. */
export type AxisGroup = 'measurement' | 'waveform';

/** The group of an axis. */
export function axisGroup(axis: LabelAxis): AxisGroup {
  return MEASUREMENT_AXES.includes(axis) ? 'measurement' : 'waveform';
}

/**
 * An axis's value as one class: the value itself, or a set written sorted and joined with "+"
 * ("lafb+ivcd"); an empty other_findings reads "none".
 */
export function axisValue(label: DenseLabel, axis: LabelAxis): string {
  const set = (values: readonly string[]) => (values.length === 0 ? 'none' : values.join('+'));
  const canonical = canonicalLabel(label);
  switch (axis) {
    case 'rate':
      return canonical.rate;
    case 'axis':
      return canonical.axis;
    case 'rhythm':
      return canonical.rhythm;
    case 'conduction':
      return set(canonical.conduction);
    case 'ischemia_stage':
      return canonical.ischemia.stage;
    case 'ischemia_territory':
      return set(canonical.ischemia.territory);
    case 'other_findings':
      return set(canonical.other_findings);
  }
}

/**
 * How many non-normal findings a label holds: rate other than normal, rhythm other than sinus,
 * axis other than normal, an ischemia stage other than none (its territories describe that one
 * finding), and each conduction value other than none and each other finding.
 */
export function findingsCount(label: DenseLabel): number {
  return (
    (label.rate === 'normal' ? 0 : 1) +
    (label.rhythm === 'sinus' ? 0 : 1) +
    (label.axis === 'normal' ? 0 : 1) +
    label.conduction.filter((c) => c !== 'none').length +
    (label.ischemia.stage === 'none' ? 0 : 1) +
    new Set(label.other_findings).size
  );
}
