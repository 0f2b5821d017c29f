/** What a grounding question draws on the plot: lead highlights, time bands, measurement ranges. */
import type {
  GroundingPosition,
  MeasurementRangeOption,
  StepInput,
} from '../domain/benchmark/grounding';
import { measurementTarget, optionWindows, readGrounding } from '../domain/benchmark/grounding';
import type { Measurements } from '../domain/measure/types';
import type { GroundingV002 } from '../schemas/benchmark-sample';
import type { LeadHighlight, TimeBand } from '../plot/overlays/types';

/** Option letters A, B, C... as the panel and the plot label options. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** One measurement range option, with whether it is the right one. */
export interface RangeOption {
  readonly letter: string;
  readonly text: string;
  readonly range: MeasurementRangeOption;
  readonly isRight: boolean;
}

/** Overlays for one grounding question, plus options it could not draw and why. */
export interface GroundingOverlays {
  readonly highlights: LeadHighlight[];
  readonly bands: TimeBand[];
  readonly ranges: RangeOption[];
  readonly problems: string[];
  /** True when some option is an "Nth QRS wave" range, drawn through detected beats. */
  readonly usesBeats: boolean;
}

/**
 * Turns a grounding question into overlays: lead options highlight leads (right vs distractor),
 * wave options band their windows in seconds ("Nth QRS wave" ranges through the detected beats
 * of `measurements`; null while they are not measured yet), measurement options become ranges.
 */
export function groundingOverlays(
  grounding: GroundingV002,
  measurements: Measurements | null,
): GroundingOverlays {
  const read = readGrounding(grounding);
  const out: GroundingOverlays = {
    highlights: [],
    bands: [],
    ranges: [],
    problems: [],
    usesBeats: read.type === 'wave_grounding' && read.options.some((o) => o.kind === 'beats'),
  };
  if (read.type === 'other') return out;
  const right = new Set(read.answerIdx);
  const role = (i: number) => (right.has(i) ? 'right' : 'distractor');
  const unreadable = (i: number, why: string) =>
    out.problems.push(`Option ${optionLetter(i)} "${grounding.options[i]}": ${why}`);
  if (read.type === 'lead_grounding') {
    read.options.forEach((o, i) => {
      if (o.kind === 'unreadable') return unreadable(i, o.reason);
      out.highlights.push({ lead: o.lead, role: role(i), label: optionLetter(i) });
    });
  } else if (read.type === 'wave_grounding') {
    optionWindows(read, measurements?.beats ?? null).forEach((w, i) => {
      if (!w.ok) return unreadable(i, w.reason);
      out.bands.push({ id: `opt-${i}`, ...w.window, role: role(i), label: optionLetter(i) });
    });
  } else {
    read.options.forEach((range, i) => {
      if (range.kind === 'unreadable') return unreadable(i, range.reason);
      const text = grounding.options[i]!;
      out.ranges.push({ letter: optionLetter(i), text, range, isRight: right.has(i) });
    });
  }
  return out;
}

/**
 * What a measurement question is about, drawn in the "selected" style: its selected segment (the
 * answer window of the nearest earlier wave question) and, for an amplitude, its lead.
 */
export function measurementContext(
  steps: readonly StepInput[],
  at: GroundingPosition,
): { bands: TimeBand[]; highlights: LeadHighlight[] } {
  const target = measurementTarget(steps, at);
  const window = target?.segment?.window;
  return {
    bands: window ? [{ id: 'segment', ...window, role: 'selected', label: 'measured' }] : [],
    highlights: target?.lead ? [{ lead: target.lead, role: 'selected' }] : [],
  };
}
