/**
 * The live checks of a label being written (taxonomy.md): the engine's measurement checks on the
 * axes set so far, and the samples about the ECG that disagree with it; each with what it was
 * measured from, for "show on plot", and the fingerprint its dismissal is tied to.
 */
import { labelMeasurementsOf } from '../../domain/evaluation/measurement-predictor';
import type { Measured, Measurements } from '../../domain/measure/types';
import type { LabelCheck } from '../../domain/taxonomy/label-checks';
import {
  axisClass,
  checkLabelAgainstMeasurements,
  rateClass,
} from '../../domain/taxonomy/label-checks';
import { sampleLabelDisagreement } from '../../domain/taxonomy/sample-agreement';
import type { BandRole, LeadHighlight, TimeBand } from '../../plot/overlays/types';
import type { EcgSampleRef } from '../../schemas/api/label-workbench';
import type { DenseLabel, DraftLabel } from '../../schemas/dense-label';
import { completeAxes } from './label-edits';

/** A check as the editor shows it: the engine's check, its fingerprint, what to draw. */
export interface LiveCheck {
  readonly id: string;
  readonly axis: string;
  readonly message: string;
  /** "name value unit" of the measured value, rounded as shown (null: none). */
  readonly measuredText: string | null;
  /** The label and measured values the check failed for (a dismissal holds for these). */
  readonly fingerprint: string;
  /** Which global measurement it rests on, for "show on plot" (null: nothing to draw). */
  readonly measuredKey: MeasuredKey | null;
}

/** The global measurements a check may rest on. */
export type MeasuredKey = 'heartRate' | 'qrsAxis' | 'qrs' | 'pr' | 'qtcBazett';

const KEY_BY_NAME: Readonly<Record<string, MeasuredKey>> = {
  'heart rate': 'heartRate',
  'QRS axis': 'qrsAxis',
  'QRS duration': 'qrs',
  'PR interval': 'pr',
  'QTc (Bazett)': 'qtcBazett',
};

/** The draft with unset axes filled so that they raise no check (nothing said, nothing checked). */
function checkable(label: DraftLabel, m: Measurements): DenseLabel {
  const g = m.global;
  return {
    rate: label.rate ?? (g.heartRate.value === null ? 'normal' : rateClass(g.heartRate.value)),
    rhythm: label.rhythm ?? 'sinus',
    axis: label.axis ?? (g.qrsAxis.value === null ? 'normal' : axisClass(g.qrsAxis.value)),
    conduction: label.conduction ?? [],
    ischemia: label.ischemia ?? { stage: 'none', territory: ['none'] },
    other_findings: label.other_findings ?? [],
    diagnosis: label.diagnosis ?? '',
  };
}

function axisSet(label: DraftLabel, axis: string): boolean {
  return label[axis as keyof DraftLabel] !== undefined;
}

function fingerprintOf(check: LabelCheck, label: DenseLabel, measuredText: string | null) {
  const axis =
    check.axis === 'ischemia'
      ? `${label.ischemia.stage}:${label.ischemia.territory.join(',')}`
      : String(label[check.axis as keyof DenseLabel]);
  return `${check.axis}=${axis}|${check.axis === 'conduction' ? `rhythm=${label.rhythm}|` : ''}${measuredText ?? '-'}`;
}

function sampleAxis(says: string): string {
  if (says.startsWith('conduction')) return 'conduction';
  if (says.startsWith('other finding')) return 'other_findings';
  return 'ischemia';
}

/** Every check failing now on the draft, given the record's measurements and the samples. */
export function liveChecks(
  label: DraftLabel,
  measurements: Measurements | null,
  sex: 'male' | 'female' | null,
  samples: readonly EcgSampleRef[],
): LiveCheck[] {
  const out: LiveCheck[] = [];
  if (measurements) {
    const filled = checkable(label, measurements);
    const found = checkLabelAgainstMeasurements(filled, {
      ...labelMeasurementsOf(measurements),
      sex,
    });
    for (const check of found) {
      // A check on an axis not written yet says nothing (its neutral filling raised it).
      if (!axisSet(label, check.axis)) continue;
      const measuredText = check.measured
        ? `${check.measured.name} ${Math.round(check.measured.value)} ${check.measured.unit}`
        : null;
      out.push({
        id: check.id,
        axis: check.axis,
        message: check.message,
        measuredText,
        fingerprint: fingerprintOf(check, filled, measuredText),
        measuredKey: check.measured ? (KEY_BY_NAME[check.measured.name] ?? null) : null,
      });
    }
  }
  const complete = completeAxes(label);
  if (complete) {
    for (const sample of samples) {
      const says = sampleLabelDisagreement(
        { target_dx: sample.targetDx, dx_label: sample.dxLabel, id: sample.sampleId },
        complete,
      );
      if (!says) continue;
      const axis = sampleAxis(/the label (?:lacks|has) (.*)$/.exec(says)?.[1] ?? '');
      out.push({
        id: `sample-${sample.sampleId}-disagrees`,
        axis,
        message: says,
        measuredText: null,
        fingerprint: `${axis}=${JSON.stringify(complete[axis as keyof DenseLabel])}|sample=${sample.sampleId}:${sample.targetDx}:${sample.dxLabel}`,
        measuredKey: null,
      });
    }
  }
  return out;
}

/** What a check's value was measured from, drawn on the plot: its leads and beats (or window). */
export function checkOverlay(
  key: MeasuredKey,
  m: Measurements,
): { highlights: LeadHighlight[]; bands: TimeBand[] } {
  const measured: Measured = m.global[key];
  const beats = (measured.from.beats.length > 0 ? measured.from.beats : m.dominantBeats)
    .map((i) => m.beats[i])
    .filter((b) => b !== undefined);
  const role: BandRole = 'selected';
  const leads = measured.from.leads.length > 0 ? measured.from.leads : undefined;
  // Every lead outlined says nothing: outline only a subset (the axis's limb leads, say).
  const highlights =
    leads && leads.length < m.leadsUsed.length
      ? leads.map((lead) => ({ lead, role: 'selected' as const }))
      : [];
  const bands: TimeBand[] = [];
  const label = `${Math.round(measured.value ?? 0)} ${measured.unit}`;
  if (key === 'heartRate' && beats.length >= 2) {
    bands.push({
      id: 'check-rr',
      startS: beats[0]!.rPeakS,
      endS: beats[beats.length - 1]!.rPeakS,
      role,
      label: `${beats.length - 1} RR intervals: ${label}`,
    });
    return { highlights, bands };
  }
  beats.forEach((beat, i) => {
    const window =
      key === 'pr'
        ? beat.pOnsetS === null
          ? null
          : { startS: beat.pOnsetS, endS: beat.qrsOnsetS }
        : key === 'qtcBazett'
          ? beat.tOffsetS === null
            ? null
            : { startS: beat.qrsOnsetS, endS: beat.tOffsetS }
          : { startS: beat.qrsOnsetS, endS: beat.qrsOffsetS };
    if (!window) return;
    bands.push({
      id: `check-${key}-${beat.index}`,
      ...window,
      role,
      ...(i === 0 ? { label } : {}),
      ...(leads ? { leads } : {}),
    });
  });
  return { highlights, bands };
}
