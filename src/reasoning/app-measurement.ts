/** The app's own measurement for a measurement_grounding question, from the measurement engine. */
import { parseLeadOption, parseTimeWindow } from '../domain/benchmark/options';
import type { Measurements, MeasuredBeat } from '../domain/measure/types';
import type { GroundingV002 } from '../schemas/benchmark-sample';

/** What the app measured for a question: value in the question's unit, what it is, or why not. */
export interface AppMeasurement {
  readonly label: string;
  readonly value: number | null;
  readonly unit: 'ms' | 'mV' | 'bpm' | 'degrees';
  readonly note?: string;
}

/** The right window of the nearest wave question before `index` in a step, with that question. */
export function selectedSegment(groundings: readonly GroundingV002[], index: number) {
  for (let i = index - 1; i >= 0; i--) {
    const g = groundings[i]!;
    if (g.question_type !== 'wave_grounding') continue;
    return {
      window: parseTimeWindow(g.options[g.answer_idx[0]] ?? '') ?? undefined,
      question: g.question,
    };
  }
  return { window: undefined, question: '' };
}

/** The beat whose R peak (or QRS) falls in the right window of the nearest earlier wave question. */
function beatOfSelectedSegment(
  groundings: readonly GroundingV002[],
  index: number,
  beats: readonly MeasuredBeat[],
) {
  for (let i = index - 1; i >= 0; i--) {
    const g = groundings[i]!;
    if (g.question_type !== 'wave_grounding') continue;
    const window = parseTimeWindow(g.options[g.answer_idx[0]] ?? '');
    if (!window) return { beat: undefined, window: undefined, question: g.question };
    const beat =
      beats.find((b) => b.rPeakS >= window.startS && b.rPeakS <= window.endS) ??
      beats.find((b) => b.qrsOffsetS >= window.startS && b.qrsOnsetS <= window.endS);
    return { beat, window, question: g.question };
  }
  return { beat: undefined, window: undefined, question: '' };
}

/** The lead a question names ("in lead aVL"), else the right answer of the step's lead question. */
export function leadFor(text: string, groundings: readonly GroundingV002[]): string | undefined {
  const m = /in lead (I{1,3}|aV[RLF]|V[1-6])\b/.exec(text);
  if (m) return m[1];
  const leadQ = groundings.find((g) => g.question_type === 'lead_grounding');
  const right = leadQ ? leadQ.options[leadQ.answer_idx[0] ?? -1] : undefined;
  return right ? parseLeadOption(right)?.lead : undefined;
}

const round = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? null : Number(v.toFixed(digits));

/**
 * Measures what a measurement question asks (QRS duration, PR, QRS axis, heart rate, R or S
 * amplitude) on the beat of the step's selected segment when there is one, else on the record.
 */
export function appMeasurement(
  groundings: readonly GroundingV002[],
  index: number,
  m: Measurements,
): AppMeasurement | null {
  const g = groundings[index];
  if (!g || g.question_type !== 'measurement_grounding') return null;
  const q = g.question;
  const { beat, window, question } = beatOfSelectedSegment(groundings, index, m.beats);
  const at = window ? `beat at ${window.startS}–${window.endS} s` : 'whole record';
  const noBeat =
    window && !beat ? `no detected beat in ${window.startS}–${window.endS} s` : undefined;
  if (/premature beat/i.test(q)) {
    const pb = m.beats.find((b) => b.premature);
    return {
      label: pb
        ? `QRS duration, premature beat at ${pb.rPeakS.toFixed(2)} s`
        : 'QRS duration, premature beat',
      value: round(pb?.qrsMs, 0),
      unit: 'ms',
      note: pb ? undefined : 'no premature beat detected',
    };
  }
  if (/QRS duration/i.test(q))
    return {
      label: `QRS duration (${beat ? at : 'median beat'})`,
      value: round(beat?.qrsMs ?? m.global.qrs.value, 0),
      unit: 'ms',
      note: noBeat,
    };
  if (/PR interval/i.test(q))
    return {
      label: `PR interval (${beat ? at : 'median beat'})`,
      value: round(beat ? beat.prMs : m.global.pr.value, 0),
      unit: 'ms',
      note: noBeat ?? m.global.pr.note,
    };
  if (/QRS axis/i.test(q))
    return {
      label: `QRS axis (${beat ? at : 'median beat'})`,
      value: round(beat?.qrsAxisDeg ?? m.global.qrsAxis.value, 0),
      unit: 'degrees',
      note: noBeat,
    };
  if (/heart rate/i.test(q))
    return {
      label: 'Heart rate (mean RR)',
      value: round(m.global.heartRate.value, 0),
      unit: 'bpm',
      note: m.global.heartRate.note,
    };
  const amp = /\b([RS]) amplitude/.exec(q);
  if (amp) {
    const lead = leadFor(question, groundings);
    const wave = amp[1] === 'R' ? 'rMv' : 'sMv';
    const value =
      lead && beat ? beat.leads[lead]?.[wave] : lead ? (m.leads[lead]?.[wave] ?? null) : null;
    return {
      label: `${amp[1]} amplitude in ${lead ?? 'the selected lead'} (${beat ? at : 'median beat'})`,
      value: round(value, 2),
      unit: 'mV',
      note: lead ? noBeat : 'the question names no lead',
    };
  }
  return {
    label: 'This measurement',
    value: null,
    unit: 'bpm',
    note: 'not measured by the app yet: use a caliper',
  };
}
