import type { TargetDx } from '../../schemas/benchmark-sample';
import type { DenseLabel, Territory } from '../../schemas/dense-label';

type Predicate = (label: DenseLabel) => boolean;

const hasTerritory = (label: DenseLabel, territories: readonly Territory[]) =>
  label.ischemia.territory.some((t) => territories.includes(t));

// Ischemia targets: ST-T ischemia or acute injury in the territory; infarction targets: an
// acute or old infarct there. Anterior includes septal (PTB-XL's ASMI, ISCAS are anterior).
const ischemia =
  (...territories: Territory[]): Predicate =>
  (label) =>
    (label.ischemia.stage === 'ischemia' || label.ischemia.stage === 'acute') &&
    hasTerritory(label, territories);
const infarction =
  (...territories: Territory[]): Predicate =>
  (label) =>
    (label.ischemia.stage === 'acute' || label.ischemia.stage === 'old') &&
    hasTerritory(label, territories);
const conduction =
  (value: DenseLabel['conduction'][number]): Predicate =>
  (label) =>
    label.conduction.includes(value);
const finding =
  (value: DenseLabel['other_findings'][number]): Predicate =>
  (label) =>
    label.other_findings.includes(value);

/** For each benchmark target diagnosis: the dense-label value that says the ECG has it. */
export const TARGET_DX_IN_LABEL: Record<
  TargetDx,
  { readonly says: string; readonly holds: Predicate }
> = {
  anterior_ischemia: {
    says: 'ischemia (or acute) in the anterior or septal territory',
    holds: ischemia('anterior', 'septal'),
  },
  inferior_ischemia: {
    says: 'ischemia (or acute) in the inferior territory',
    holds: ischemia('inferior'),
  },
  lateral_ischemia: {
    says: 'ischemia (or acute) in the lateral territory',
    holds: ischemia('lateral'),
  },
  anterior_myocardial_infarction: {
    says: 'an acute or old infarct in the anterior or septal territory',
    holds: infarction('anterior', 'septal'),
  },
  inferior_myocardial_infarction: {
    says: 'an acute or old infarct in the inferior territory',
    holds: infarction('inferior'),
  },
  lateral_myocardial_infarction: {
    says: 'an acute or old infarct in the lateral territory',
    holds: infarction('lateral'),
  },
  complete_left_bundle_branch_block: { says: 'conduction lbbb', holds: conduction('lbbb') },
  complete_right_bundle_branch_block: { says: 'conduction rbbb', holds: conduction('rbbb') },
  left_anterior_fascicular_block: { says: 'conduction lafb', holds: conduction('lafb') },
  left_posterior_fascicular_block: { says: 'conduction lpfb', holds: conduction('lpfb') },
  first_degree_av_block: {
    says: 'conduction first_degree_av_block',
    holds: conduction('first_degree_av_block'),
  },
  second_degree_av_block: {
    says: 'conduction second_degree_av_block',
    holds: conduction('second_degree_av_block'),
  },
  third_degree_av_block: {
    says: 'conduction third_degree_av_block',
    holds: conduction('third_degree_av_block'),
  },
  left_ventricular_hypertrophy: { says: 'other finding lvh', holds: finding('lvh') },
  right_ventricular_hypertrophy: { says: 'other finding rvh', holds: finding('rvh') },
  premature_atrial_complex: { says: 'other finding pac', holds: finding('pac') },
  premature_ventricular_complex: { says: 'other finding pvc', holds: finding('pvc') },
};

/**
 * When a benchmark sample about an ECG disagrees with that ECG's dense label (dx_label true
 * while the label lacks the diagnosis, or false while it has it), a sentence saying so; else null.
 */
export function sampleLabelDisagreement(
  metadata: { readonly target_dx: TargetDx; readonly dx_label: boolean; readonly id?: number },
  label: DenseLabel,
): string | null {
  const rule = TARGET_DX_IN_LABEL[metadata.target_dx];
  const labelHas = rule.holds(label);
  if (labelHas === metadata.dx_label) return null;
  const sample =
    metadata.id === undefined ? 'a benchmark sample' : `benchmark sample ${metadata.id}`;
  return metadata.dx_label
    ? `${sample} says this ECG has ${metadata.target_dx}, but the label lacks ${rule.says}`
    : `${sample} says this ECG does not have ${metadata.target_dx}, but the label has ${rule.says}`;
}
