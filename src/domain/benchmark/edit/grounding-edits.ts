/**
 * Grounding edits: adding and removing grounding questions, toggling a lead in a lead answer,
 * and making or moving a time-window option ("[a.bcs - d.efs]", snapped to 10 ms, options kept
 * sorted by start as the benchmark writes them).
 */
import type {
  BenchmarkSampleV002,
  GroundingType,
  GroundingV002,
} from '../../../schemas/benchmark-sample';
import type { StandardLead } from '../../leads';
import { STANDARD_LEADS } from '../../leads';
import type { TimeWindowOption } from '../options';
import { formatTimeWindow, parseLeadOption, parseTimeWindow } from '../options';
import { isSetAnswer, rightIndices, withRightIndices } from './answers';
import type { EditResult } from './chain-edits';
import { applied, editQuestion, insertOption, refused, sortOptions } from './chain-edits';
import type { QuestionRef } from './question-ref';
import { questionAt, withStep } from './question-ref';

/** The grid a dragged window snaps to: 10 ms. */
export const WINDOW_SNAP_S = 0.01;

/** A time in seconds snapped to the 10 ms grid (the 2 decimals a window option is written with). */
export const snapTimeS = (tS: number): number => Math.round(tS / WINDOW_SNAP_S) / 100;

/** A new, empty grounding question of a kind: lead questions offer the twelve leads, none chosen. */
export function blankGrounding(type: GroundingType): GroundingV002 {
  if (type === 'lead_grounding') {
    return {
      question: '',
      options: STANDARD_LEADS.map((l) => `Lead ${l}`),
      answer: [],
      answer_idx: [],
      question_type: 'lead_grounding',
    };
  }
  return { question: '', options: [], answer: [''], answer_idx: [0], question_type: type };
}

/** Adds a grounding question to a step, at `at` (default: the end). */
export function addGrounding(
  sample: BenchmarkSampleV002,
  stepIndex: number,
  type: GroundingType,
  at?: number,
): EditResult {
  const step = sample.data.reasoning[stepIndex];
  if (!step) return refused(`there is no step ${stepIndex + 1}`);
  const list = [...step.ecg_grounding];
  list.splice(at ?? list.length, 0, blankGrounding(type));
  return applied(withStep(sample, stepIndex, { ...step, ecg_grounding: list }));
}

/** Removes grounding question `index` of a step. */
export function deleteGrounding(
  sample: BenchmarkSampleV002,
  stepIndex: number,
  index: number,
): EditResult {
  const step = sample.data.reasoning[stepIndex];
  if (!step?.ecg_grounding[index])
    return refused(`step ${stepIndex + 1} has no grounding question ${index + 1}`);
  const ecg_grounding = step.ecg_grounding.filter((_, i) => i !== index);
  return applied(withStep(sample, stepIndex, { ...step, ecg_grounding }));
}

/** Toggles a lead in or out of a lead question's answer; refused when the lead is not an option. */
export function toggleLeadAnswer(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  lead: StandardLead,
): EditResult {
  return editQuestion(sample, ref, (q) => {
    if (q.question_type !== 'lead_grounding') return 'this is not a lead question';
    const index = q.options.findIndex((o) => parseLeadOption(o)?.lead === lead);
    if (index < 0) return `Lead ${lead} is not an option of this question`;
    const right = rightIndices(q);
    return withRightIndices(
      q,
      right.includes(index) ? right.filter((i) => i !== index) : [...right, index],
    );
  });
}

/** The leads a lead question's answer holds, in option order. */
export function answerLeads(q: GroundingV002): StandardLead[] {
  if (!isSetAnswer(q)) return [];
  return rightIndices(q).flatMap((i) => {
    const lead = parseLeadOption(q.options[i]!)?.lead;
    return lead ? [lead] : [];
  });
}

const byStart = (a: TimeWindowOption, b: TimeWindowOption) =>
  a.startS - b.startS || a.endS - b.endS;

/** A window in seconds, snapped, ordered and kept inside [0, durationS], at least 10 ms wide. */
export function snappedWindow(
  aS: number,
  bS: number,
  durationS: number,
): { startS: number; endS: number } {
  const limit = snapTimeS(durationS);
  const clamp = (t: number) => Math.min(limit, Math.max(0, snapTimeS(t)));
  let startS = clamp(Math.min(aS, bS));
  let endS = clamp(Math.max(aS, bS));
  if (endS <= startS) {
    if (startS + WINDOW_SNAP_S <= limit) endS = snapTimeS(startS + WINDOW_SNAP_S);
    else startS = snapTimeS(endS - WINDOW_SNAP_S);
  }
  return { startS, endS };
}

/** A window option placed: the edited sample and the option's index after sorting. */
export type WindowPlacement =
  | { readonly ok: true; readonly sample: BenchmarkSampleV002; readonly optionIndex: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Makes a new window option (`optionIndex` null) or moves option `optionIndex` to the window
 * from `aS` to `bS` (snapped to 10 ms, inside the record), written "[a.bcs - d.efs]"; the options
 * are then sorted by start and the right answer follows its option. Refused on a question that is
 * not a wave question, and when the window is already an option.
 */
export function placeWindowOption(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  optionIndex: number | null,
  aS: number,
  bS: number,
  durationS: number,
): WindowPlacement {
  const q = questionAt(sample, ref);
  if (!q || q.question_type !== 'wave_grounding')
    return { ok: false, reason: 'windows are options of wave questions only' };
  const w = snappedWindow(aS, bS, durationS);
  const text = formatTimeWindow(w.startS, w.endS);
  const existing = q.options.indexOf(text);
  if (existing >= 0 && existing !== optionIndex)
    return { ok: false, reason: `${text} is already option ${existing + 1}` };
  if (optionIndex !== null && !q.options[optionIndex])
    return { ok: false, reason: `there is no option ${optionIndex + 1}` };
  const placed =
    optionIndex === null
      ? insertOption(sample, ref, q.options.length, text)
      : editQuestion(sample, ref, (x) => ({
          ...withRightIndices(
            { ...x, options: x.options.map((o, i) => (i === optionIndex ? text : o)) },
            rightIndices(x),
          ),
        }));
  if (!placed.ok) return placed;
  const sorted = editQuestion(placed.sample, ref, (x) => sortOptions(x, parseTimeWindow, byStart));
  if (!sorted.ok) return sorted;
  const after = questionAt(sorted.sample, ref)!;
  return { ok: true, sample: sorted.sample, optionIndex: after.options.indexOf(text) };
}
