/** How people write each target diagnosis (the format stores snake_case codes). */
import type { TargetDx } from '../../schemas/benchmark-sample';

/** Display name of every target diagnosis; exhaustive, so a new code cannot show up raw. */
export const TARGET_DX_NAMES: Readonly<Record<TargetDx, string>> = {
  anterior_ischemia: 'Anterior ischemia',
  inferior_ischemia: 'Inferior ischemia',
  lateral_ischemia: 'Lateral ischemia',
  anterior_myocardial_infarction: 'Anterior myocardial infarction',
  inferior_myocardial_infarction: 'Inferior myocardial infarction',
  lateral_myocardial_infarction: 'Lateral myocardial infarction',
  complete_left_bundle_branch_block: 'Complete left bundle branch block',
  complete_right_bundle_branch_block: 'Complete right bundle branch block',
  left_anterior_fascicular_block: 'Left anterior fascicular block',
  left_posterior_fascicular_block: 'Left posterior fascicular block',
  first_degree_av_block: 'First-degree AV block',
  second_degree_av_block: 'Second-degree AV block',
  third_degree_av_block: 'Third-degree AV block',
  left_ventricular_hypertrophy: 'Left ventricular hypertrophy',
  right_ventricular_hypertrophy: 'Right ventricular hypertrophy',
  premature_atrial_complex: 'Premature atrial complex',
  premature_ventricular_complex: 'Premature ventricular complex',
};

/** Display name of a target diagnosis code. */
export const targetDxName = (dx: TargetDx): string => TARGET_DX_NAMES[dx];

/** How people write a sample's dx_label: the diagnosis is present or absent. */
export const dxLabelWord = (dxLabel: boolean): 'present' | 'absent' =>
  dxLabel ? 'present' : 'absent';
