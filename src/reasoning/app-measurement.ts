/** The app's own measurement for a measurement_grounding question, as the panel shows it. */
import type {
  GroundingPosition,
  GroundingValue,
  MeasuredQuantity,
  MeasurementUnit,
  SecondsWindow,
  StepInput,
} from '../domain/benchmark/grounding';
import { measureGrounding } from '../domain/benchmark/grounding';
import type { StandardLead } from '../domain/leads';
import type { Measurements } from '../domain/measure/types';

/** What the app measured for a question: value in the question's unit, what it is, or why not. */
export interface AppMeasurement {
  readonly label: string;
  readonly value: number | null;
  readonly unit: MeasurementUnit;
  readonly note?: string;
  /** What the value was measured on (structured: read these, never the label). */
  readonly quantity: MeasuredQuantity | null;
  readonly lead: StandardLead | null;
  readonly window: SecondsWindow | null;
  readonly beatIndex: number | null;
}

const NAMES: Readonly<Record<MeasuredQuantity, string>> = {
  qrs_duration: 'QRS duration',
  premature_qrs_duration: 'QRS duration, premature beat',
  pr_interval: 'PR interval',
  qrs_axis: 'QRS axis',
  heart_rate: 'Heart rate (mean RR)',
  atrial_rate: 'Atrial rate',
  r_amplitude: 'R amplitude',
  s_amplitude: 'S amplitude',
};

/** The panel's words for a measured value: the quantity, its lead, and what it was measured on. */
function labelOf(v: GroundingValue, m: Measurements): string {
  const q = v.quantity!;
  if (q === 'heart_rate' || q === 'atrial_rate') return NAMES[q];
  if (q === 'premature_qrs_duration') {
    const beat = v.beatIndex === null ? undefined : m.beats[v.beatIndex];
    return beat ? `${NAMES[q]} at ${beat.rPeakS.toFixed(2)} s` : NAMES[q];
  }
  const on =
    v.basis === 'beat' && v.window
      ? `beat at ${v.window.startS}–${v.window.endS} s`
      : 'median beat';
  const lead =
    q === 'r_amplitude' || q === 's_amplitude' ? ` in ${v.lead ?? 'the selected lead'}` : '';
  return `${NAMES[q]}${lead} (${on})`;
}

/**
 * Measures measurement question `at` of a sample's steps with the grounding rules (the CLI's
 * check measures the same value); null when `at` is not a measurement question.
 */
export function appMeasurement(
  steps: readonly StepInput[],
  at: GroundingPosition,
  m: Measurements,
): AppMeasurement | null {
  const checked = measureGrounding(steps, at, m);
  if (!checked) return null;
  const v = checked.measured;
  const structured = {
    quantity: v.quantity,
    lead: v.lead,
    window: v.window,
    beatIndex: v.beatIndex,
  };
  if (!v.quantity || !v.unit) {
    return {
      ...structured,
      label: 'This measurement',
      value: null,
      unit: v.unit ?? 'ms',
      note: 'not measured by the app yet: use a caliper',
    };
  }
  return {
    ...structured,
    label: labelOf(v, m),
    value: v.value,
    unit: v.unit,
    ...(v.note ? { note: v.note } : {}),
  };
}

/**
 * The lead of an R or S amplitude measured on one detected beat (in 3x4 that beat may lie outside
 * the lead's own 2.5 s column); null for any other measurement.
 */
export function amplitudeBeatLead(app: AppMeasurement | null): StandardLead | null {
  if (!app || (app.quantity !== 'r_amplitude' && app.quantity !== 's_amplitude')) return null;
  return app.beatIndex !== null && app.window !== null ? app.lead : null;
}
