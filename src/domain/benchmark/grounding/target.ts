/**
 * What a measurement question measures, before any signal is read: the quantity, the selected
 * segment it is measured in (the answer window of the nearest earlier wave question: "For the
 * selected segment, ..."; the premature-beat question of PAC/PVC samples sits one step after its
 * wave question), and the lead of an amplitude.
 */
import type { StandardLead } from '../../leads';
import type { MeasurementUnit } from '../options';
import type { MeasuredQuantity } from './question-text';
import type {
  ReadLeadGrounding,
  ReadMeasurementGrounding,
  ReadWaveGrounding,
  WaveOption,
} from './read';
import { readGrounding } from './read';
import type { GroundingPosition, SecondsWindow, StepInput } from './types';

/** The unit each quantity is measured in. */
export const QUANTITY_UNIT: Readonly<Record<MeasuredQuantity, MeasurementUnit>> = {
  qrs_duration: 'ms',
  premature_qrs_duration: 'ms',
  pr_interval: 'ms',
  qrs_axis: 'degrees',
  heart_rate: 'bpm',
  atrial_rate: 'bpm',
  r_amplitude: 'mV',
  s_amplitude: 'mV',
};

// Quantities of the whole record: they have no selected segment, whatever came before them.
const RECORD_QUANTITIES: readonly MeasuredQuantity[] = ['heart_rate', 'atrial_rate'];
const AMPLITUDES: readonly MeasuredQuantity[] = ['r_amplitude', 's_amplitude'];

/** The selected segment of a measurement question: an earlier wave question and its answer. */
export interface SelectedSegment {
  readonly at: GroundingPosition;
  readonly wave: ReadWaveGrounding;
  /** The answer option as read, and as written (the text is for reports, never read back). */
  readonly answer: WaveOption | null;
  readonly answerText: string | null;
  /** The answer window in seconds; null when the answer is a beat range or unreadable. */
  readonly window: SecondsWindow | null;
}

/** Where a lead of a measurement comes from. */
export type LeadSource = 'measurement question' | 'wave question' | 'lead answer';

/** What a measurement question measures, and on what; read from the sample alone. */
export interface MeasurementTarget {
  readonly at: GroundingPosition;
  readonly read: ReadMeasurementGrounding;
  readonly quantity: MeasuredQuantity | null;
  /** The quantity's unit; the options' unit when the quantity is unknown. */
  readonly unit: MeasurementUnit | null;
  /** Null for whole-record quantities (heart rate, atrial rate) and when no wave question precedes. */
  readonly segment: SelectedSegment | null;
  /** The lead of an amplitude; null for other quantities or when it cannot be told. */
  readonly lead: StandardLead | null;
  readonly leadSource: LeadSource | null;
  /** What keeps the target from being fully known, in words. */
  readonly problems: readonly string[];
}

/** Positions before `at` in the sample, nearest first. */
function* earlier(steps: readonly StepInput[], at: GroundingPosition) {
  for (let s = Math.min(at.step, steps.length - 1); s >= 0; s--) {
    const groundings = steps[s]!.ecg_grounding;
    const from = s === at.step ? at.index - 1 : groundings.length - 1;
    for (let i = from; i >= 0; i--) yield { at: { step: s, index: i }, g: groundings[i]! };
  }
}

/** The selected segment of question `at`: the nearest earlier wave question's answer; null when none. */
export function selectedSegment(
  steps: readonly StepInput[],
  at: GroundingPosition,
): SelectedSegment | null {
  for (const x of earlier(steps, at)) {
    const wave = readGrounding(x.g);
    if (wave.type !== 'wave_grounding') continue;
    const idx = wave.answerIdx[0];
    const answer = idx === undefined ? null : (wave.options[idx] ?? null);
    const window = answer?.kind === 'window' ? { startS: answer.startS, endS: answer.endS } : null;
    const answerText = idx === undefined ? null : (x.g.options[idx] ?? null);
    return { at: x.at, wave, answer, answerText, window };
  }
  return null;
}

/** The nearest lead question before `at`, read. */
function leadQuestionBefore(steps: readonly StepInput[], at: GroundingPosition) {
  for (const x of earlier(steps, at)) {
    const read = readGrounding(x.g);
    if (read.type === 'lead_grounding') return read;
  }
  return null;
}

/**
 * The lead of an amplitude: the one the measurement question names, else the one its segment's
 * wave question names ("to measure the R amplitude in lead aVL"), else, when that question says
 * "the selected lead", the answer of the lead question before it (one lead).
 */
function amplitudeLead(
  steps: readonly StepInput[],
  read: ReadMeasurementGrounding,
  segment: SelectedSegment | null,
): { lead: StandardLead | null; source: LeadSource | null; problem: string | null } {
  const one = (leads: readonly StandardLead[]) => (leads.length === 1 ? leads[0]! : null);
  const named = one(read.leadsNamed);
  if (named) return { lead: named, source: 'measurement question', problem: null };
  if (!segment) return { lead: null, source: null, problem: 'no wave question names its lead' };
  const waveLead = segment.wave.namesSelectedLead ? null : one(segment.wave.leadsNamed);
  if (waveLead) return { lead: waveLead, source: 'wave question', problem: null };
  const leadQ: ReadLeadGrounding | null = leadQuestionBefore(steps, segment.at);
  const answer = leadQ ? one(leadQ.answerLeads) : null;
  if (answer) return { lead: answer, source: 'lead answer', problem: null };
  const why = !leadQ
    ? 'no lead question before its wave question'
    : `its lead question answers ${leadQ.answerLeads.length} leads (${leadQ.answerLeads.join(', ') || 'none'}), not one`;
  return { lead: null, source: null, problem: `the lead is not known: ${why}` };
}

/** What measurement question `at` measures; null when `at` is not a measurement question. */
export function measurementTarget(
  steps: readonly StepInput[],
  at: GroundingPosition,
): MeasurementTarget | null {
  const g = steps[at.step]?.ecg_grounding[at.index];
  if (!g) return null;
  const read = readGrounding(g);
  if (read.type !== 'measurement_grounding') return null;
  const problems: string[] = [];
  const quantity = read.quantity;
  if (!quantity) problems.push('the question names no quantity the app knows');
  const unit = quantity ? QUANTITY_UNIT[quantity] : read.unit;
  if (quantity && read.unit && read.unit !== unit) {
    problems.push(`its options are in ${read.unit}, a ${quantity.replace(/_/g, ' ')} in ${unit}`);
  }
  const segment =
    quantity && RECORD_QUANTITIES.includes(quantity) ? null : selectedSegment(steps, at);
  let lead: StandardLead | null = null;
  let leadSource: LeadSource | null = null;
  if (quantity && AMPLITUDES.includes(quantity)) {
    const found = amplitudeLead(steps, read, segment);
    lead = found.lead;
    leadSource = found.source;
    if (found.problem) problems.push(found.problem);
  }
  return { at, read, quantity, unit, segment, lead, leadSource, problems };
}
