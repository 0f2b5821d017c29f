import { z } from 'zod';
import { DATA_SOURCES } from './benchmark-sample';
import { TEXT_LIMITS } from './text-limits';

/** Axis 1, rate: < 60 bpm, 60-100 bpm, > 100 bpm. */
export const RATES = ['bradycardia', 'normal', 'tachycardia'] as const;
/** Axis 2, rhythm. */
export const RHYTHMS = [
  'sinus',
  'sinus_arrhythmia',
  'atrial_fibrillation',
  'atrial_flutter',
  'supraventricular_tachycardia',
  'junctional',
  'ventricular',
  'paced',
  'other',
] as const;
/** Axis 3, frontal QRS axis: normal -30..+90 deg, left -30..-90, right +90..+180, extreme -90..-180. */
export const AXES = ['normal', 'left', 'right', 'extreme'] as const;
/** Axis 4, conduction: "none" alone, or a set of the others, in this order. */
export const CONDUCTIONS = [
  'none',
  'first_degree_av_block',
  'second_degree_av_block',
  'third_degree_av_block',
  'lbbb',
  'rbbb',
  'incomplete_rbbb',
  'lafb',
  'lpfb',
  'ivcd',
  'wpw',
] as const;
/** Axis 5, ischemia.stage. */
export const ISCHEMIA_STAGES = ['none', 'ischemia', 'acute', 'old'] as const;
/** Axis 6, ischemia.territory: "none" alone (exactly when stage is none), or a set, in this order. */
export const TERRITORIES = [
  'none',
  'anterior',
  'septal',
  'lateral',
  'inferior',
  'posterior',
] as const;
/** Axis 7, other_findings: a set in this order, may be empty. */
export const OTHER_FINDINGS = [
  'lvh',
  'rvh',
  'left_atrial_enlargement',
  'right_atrial_enlargement',
  'pac',
  'pvc',
  'long_qt',
  'low_voltage',
  'early_repolarization',
  'nonspecific_st_t',
  'other',
] as const;
/** Review state of a label in an export. */
export const LABEL_STATUSES = ['draft', 'submitted'] as const;

/** One rate value. */
export type Rate = (typeof RATES)[number];
/** One rhythm value. */
export type Rhythm = (typeof RHYTHMS)[number];
/** One axis value. */
export type Axis = (typeof AXES)[number];
/** One conduction value. */
export type Conduction = (typeof CONDUCTIONS)[number];
/** One ischemia stage. */
export type IschemiaStage = (typeof ISCHEMIA_STAGES)[number];
/** One ischemia territory. */
export type Territory = (typeof TERRITORIES)[number];
/** One other finding. */
export type OtherFinding = (typeof OTHER_FINDINGS)[number];
/** A label's review state. */
export type LabelStatus = (typeof LABEL_STATUSES)[number];

/** axis 5 and 6 together. */
export const IschemiaSchema = z.strictObject({
  stage: z.enum(ISCHEMIA_STAGES),
  territory: z.array(z.enum(TERRITORIES)),
});
/** The ischemia axis pair. */
export type Ischemia = z.infer<typeof IschemiaSchema>;

/** The dense eight-axis label: every axis always holds an explicit value. */
export const DenseLabelSchema = z.strictObject({
  rate: z.enum(RATES),
  rhythm: z.enum(RHYTHMS),
  axis: z.enum(AXES),
  conduction: z.array(z.enum(CONDUCTIONS)),
  ischemia: IschemiaSchema,
  other_findings: z.array(z.enum(OTHER_FINDINGS)),
  diagnosis: z.string().max(TEXT_LIMITS.diagnosis),
});
/** A dense label. */
export type DenseLabel = z.infer<typeof DenseLabelSchema>;

/** A label being written: any axis may still be unset; unknown keys are still refused. */
export const DraftLabelSchema = DenseLabelSchema.partial();
/** A draft label. */
export type DraftLabel = z.infer<typeof DraftLabelSchema>;

/** One line of a label file: which ECG, its label, and (in app exports) labeller and status. */
export const DenseLabelLineSchema = z.strictObject({
  data_source: z.enum(DATA_SOURCES),
  ecg_id: z.string().regex(/^\d+$/),
  label: DenseLabelSchema,
  labeller: z.string().optional(),
  status: z.enum(LABEL_STATUSES).optional(),
});
/** A label file line. */
export type DenseLabelLine = z.infer<typeof DenseLabelLineSchema>;

/** The order sets are written in, per set-valued axis. */
export const SET_ORDERS = {
  conduction: CONDUCTIONS,
  territory: TERRITORIES,
  other_findings: OTHER_FINDINGS,
} as const;
