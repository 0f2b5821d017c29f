import type { DenseLabel } from '../../schemas/dense-label';

const RHYTHM_WORDS: Record<DenseLabel['rhythm'], string> = {
  sinus: 'sinus rhythm',
  sinus_arrhythmia: 'sinus arrhythmia',
  atrial_fibrillation: 'atrial fibrillation',
  atrial_flutter: 'atrial flutter',
  supraventricular_tachycardia: 'supraventricular tachycardia',
  junctional: 'junctional rhythm',
  ventricular: 'ventricular rhythm',
  paced: 'paced rhythm',
  other: 'other rhythm',
};

const AXIS_WORDS: Record<DenseLabel['axis'], string | null> = {
  normal: null,
  left: 'left axis deviation',
  right: 'right axis deviation',
  extreme: 'extreme axis deviation',
};

const CONDUCTION_WORDS: Record<DenseLabel['conduction'][number], string | null> = {
  none: null,
  first_degree_av_block: 'first degree AV block',
  second_degree_av_block: 'second degree AV block',
  third_degree_av_block: 'third degree AV block',
  lbbb: 'LBBB',
  rbbb: 'RBBB',
  incomplete_rbbb: 'incomplete RBBB',
  lafb: 'LAFB',
  lpfb: 'LPFB',
  ivcd: 'IVCD',
  wpw: 'WPW',
};

const FINDING_WORDS: Record<DenseLabel['other_findings'][number], string> = {
  lvh: 'LVH',
  rvh: 'RVH',
  left_atrial_enlargement: 'left atrial enlargement',
  right_atrial_enlargement: 'right atrial enlargement',
  pac: 'PACs',
  pvc: 'PVCs',
  long_qt: 'long QT',
  low_voltage: 'low voltage',
  early_repolarization: 'early repolarization',
  nonspecific_st_t: 'nonspecific ST-T changes',
  other: 'other findings',
};

function ischemiaWords(label: DenseLabel): string | null {
  const { stage, territory } = label.ischemia;
  if (stage === 'none') return null;
  const where = territory.filter((t) => t !== 'none').join('/');
  if (stage === 'ischemia') return `${where} ischemia`;
  return `${stage} ${where} MI`;
}

/** A short clinical summary proposed from axes 1-7, e.g. "sinus rhythm, left axis deviation, old inferior MI". */
export function proposeDiagnosis(label: DenseLabel): string {
  const rhythm = RHYTHM_WORDS[label.rhythm];
  const rate =
    label.rate === 'normal' || rhythm.includes(label.rate)
      ? rhythm
      : label.rhythm === 'sinus'
        ? `sinus ${label.rate}`
        : `${rhythm} with ${label.rate}`;
  const parts = [
    rate,
    AXIS_WORDS[label.axis],
    ...label.conduction.map((c) => CONDUCTION_WORDS[c]),
    ischemiaWords(label),
    ...label.other_findings.map((f) => FINDING_WORDS[f]),
  ];
  return parts.filter((p): p is string => p !== null && p !== '').join(', ');
}
