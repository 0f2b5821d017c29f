/**
 * Every rule the workbench reads off a grounding question's wording, in one place: which wave a
 * wave question asks for, which quantity a measurement question asks about, the leads a question
 * names, and the window a beat-range question pins as the "1st QRS wave". The wordings are the
 * benchmark's (../shared/docs/templates.md); question-text.test.ts runs them over ptbxl.jsonl.
 */
import type { StandardLead } from '../../leads';
import { parseTimeWindow } from '../options';
import type { SecondsWindow } from './types';

/**
 * Waves a wave_grounding question asks the reader to find: a QRS (also asked for ST changes and
 * Q/R/S shapes), the premature beat's QRS, a P wave (for the PR interval), a non-conducted P, a T
 * wave, the ST segment with its T wave, or the RR interval between two consecutive QRS waves.
 */
export const WAVE_KINDS = [
  'qrs',
  'premature_beat',
  'p',
  'non_conducted_p',
  't',
  'st_t',
  'rr_interval',
] as const;
/** One wave kind a wave question asks for. */
export type WaveKind = (typeof WAVE_KINDS)[number];

/** Quantities measurement_grounding questions ask about. */
export const MEASURED_QUANTITIES = [
  'qrs_duration',
  'premature_qrs_duration',
  'pr_interval',
  'qrs_axis',
  'heart_rate',
  'atrial_rate',
  'r_amplitude',
  's_amplitude',
] as const;
/** One quantity a measurement question asks about. */
export type MeasuredQuantity = (typeof MEASURED_QUANTITIES)[number];

// The first pattern that matches names the quantity: the premature beat's QRS before any QRS.
const QUANTITY_PATTERNS: readonly (readonly [RegExp, MeasuredQuantity])[] = [
  [/QRS duration for the premature beat/i, 'premature_qrs_duration'],
  [/\bR amplitude/i, 'r_amplitude'],
  [/\bS amplitude/i, 's_amplitude'],
  [/QRS duration/i, 'qrs_duration'],
  [/QRS axis/i, 'qrs_axis'],
  [/PR interval/i, 'pr_interval'],
  [/atrial rate/i, 'atrial_rate'],
  [/heart rate|ventricular rate/i, 'heart_rate'],
];

/** Which quantity a measurement question asks about; null when the wording is not known. */
export function quantityOfQuestion(question: string): MeasuredQuantity | null {
  for (const [pattern, quantity] of QUANTITY_PATTERNS) if (pattern.test(question)) return quantity;
  return null;
}

// What the reader is asked to find: the words after "can you locate/observe" ("the T wave in these
// leads", "the QRS complex with ST-segment depression"). A "To verify that ... do not show inverted
// T waves" clause names the finding, not the wave to find, so it is left out.
const SOUGHT = /\bcan you (?:locate|observe) (.*)$/i;
const RR_INTERVAL = /intervals? between (?:two )?consecutive QRS waves/i;
// Waves by name; in the sought phrase the first one named is the one to find ("the QRS complex
// with ST-segment elevation" is a QRS; "the inverted T wave" a T wave).
const WAVE_NAMES: readonly (readonly [RegExp, WaveKind])[] = [
  [/non-conducted P waves?/i, 'non_conducted_p'],
  [/premature (?:beat|complex)/i, 'premature_beat'],
  [/ST segment and T waves?/i, 'st_t'],
  [/\bP waves?\b/i, 'p'],
  [/\bT waves?\b/i, 't'],
  [/\bQRS\b|\b[QRS] waves?\b/i, 'qrs'],
];

/** Which wave a wave_grounding question asks for; null when its wording names none. */
export function waveKindOfQuestion(question: string): WaveKind | null {
  if (RR_INTERVAL.test(question)) return 'rr_interval';
  const sought = SOUGHT.exec(question)?.[1] ?? question;
  let best: { at: number; kind: WaveKind } | null = null;
  for (const [pattern, kind] of WAVE_NAMES) {
    const at = pattern.exec(sought)?.index;
    // Ties go to the earlier, more specific name ("non-conducted P wave" over "P wave").
    if (at !== undefined && (best === null || at < best.at)) best = { at, kind };
  }
  return best?.kind ?? null;
}

const LEAD = String.raw`(?:III|II|I|aVR|aVL|aVF|V[1-6])(?![\w'])`;
// A list may sit in parentheses: "in any of the lateral leads (I, aVL, V5, and V6)".
const LEAD_LIST = new RegExp(
  String.raw`\bleads? \(?(${LEAD}(?:(?:,? (?:and |or )?|, )${LEAD})*)`,
  'g',
);
const ONE_LEAD = new RegExp(LEAD, 'g');

/** The standard leads a question names ("in lead aVL", "leads V1, V2, and V6"), in text order. */
export function leadsNamedIn(question: string): StandardLead[] {
  const out: StandardLead[] = [];
  for (const list of question.matchAll(LEAD_LIST)) {
    for (const lead of list[1]!.matchAll(ONE_LEAD)) {
      const name = lead[0] as StandardLead;
      if (!out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** True when a question refers to the lead(s) chosen in the lead question before it. */
export function namesSelectedLead(question: string): boolean {
  return /\bselected leads?\b/i.test(question);
}

const ANCHOR = /'?1st QRS wave'? refers to the QRS wave located at (\[[^\]]*\])/i;

/**
 * The question with the window it pins as the "1st QRS wave" written as `window` (a formatted
 * window, or a placeholder a template keeps); null when the question pins none.
 */
export function withAnchorWindow(question: string, window: string): string | null {
  const match = ANCHOR.exec(question);
  if (!match) return null;
  const at = match.index + match[0].length - match[1]!.length;
  return question.slice(0, at) + window + question.slice(at + match[1]!.length);
}

/** The window a beat-range question pins as the "1st QRS wave" ("... located at [0.38s - 0.49s]"); null when absent. */
export function anchorWindowOfQuestion(question: string): SecondsWindow | null {
  const text = ANCHOR.exec(question)?.[1];
  const window = text === undefined ? null : parseTimeWindow(text);
  return window ? { startS: window.startS, endS: window.endS } : null;
}
