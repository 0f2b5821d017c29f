/** What a grounding question draws on the plot: lead highlights, time bands, measurement ranges. */
import {
  parseBeatRange,
  parseLeadOption,
  parseMeasurementRange,
  parseTimeWindow,
  type MeasurementRangeOption,
} from '../domain/benchmark/options';
import type { GroundingV002 } from '../schemas/benchmark-sample';
import { leadFor, selectedSegment } from './app-measurement';
import { firstBeatWindowFromQuestion, resolveBeatRange } from '../plot/beats';
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
}

/**
 * Turns a grounding question into overlays: lead options highlight leads (right vs distractor),
 * window options band seconds, "Nth QRS wave" options band detected beats (`beatTimesS`; null
 * while beats are unknown), measurement options become ranges shown beside the plot.
 */
export function groundingOverlays(
  grounding: GroundingV002,
  beatTimesS: readonly number[] | null,
): GroundingOverlays {
  const right = new Set<number>(grounding.answer_idx);
  const out: GroundingOverlays = { highlights: [], bands: [], ranges: [], problems: [] };
  const firstBeat = firstBeatWindowFromQuestion(grounding.question);
  grounding.options.forEach((text, i) => {
    const letter = optionLetter(i);
    const isRight = right.has(i);
    const unreadable = (why: string) => out.problems.push(`Option ${letter} "${text}": ${why}`);
    if (grounding.question_type === 'lead_grounding') {
      const lead = parseLeadOption(text);
      if (!lead) return unreadable('not a "Lead X" option');
      out.highlights.push({
        lead: lead.lead,
        role: isRight ? 'right' : 'distractor',
        label: letter,
      });
    } else if (grounding.question_type === 'wave_grounding') {
      const window = parseTimeWindow(text);
      if (window) {
        out.bands.push({
          id: `opt-${i}`,
          startS: window.startS,
          endS: window.endS,
          role: isRight ? 'right' : 'distractor',
          label: letter,
        });
        return;
      }
      const beats = parseBeatRange(text);
      if (!beats) return unreadable('neither a time window nor a beat range');
      if (!beatTimesS) return unreadable('beat range waits for beat detection');
      const resolved = resolveBeatRange(beatTimesS, beats.fromBeat, beats.toBeat, firstBeat);
      if (!resolved.ok) return unreadable(resolved.reason);
      out.bands.push({
        id: `opt-${i}`,
        startS: resolved.startS,
        endS: resolved.endS,
        role: isRight ? 'right' : 'distractor',
        label: letter,
      });
    } else {
      const range = parseMeasurementRange(text);
      if (!range) return unreadable('not a measurement range');
      out.ranges.push({ letter, text, range, isRight });
    }
  });
  return out;
}

/**
 * What a measurement question is about, drawn in the "selected" style: the right window of the
 * step's wave question before it (the "selected segment") and the lead it names.
 */
export function measurementContext(
  groundings: readonly GroundingV002[],
  index: number,
): { bands: TimeBand[]; highlights: LeadHighlight[] } {
  const g = groundings[index];
  if (!g || g.question_type !== 'measurement_grounding') return { bands: [], highlights: [] };
  const { window, question } = selectedSegment(groundings, index);
  const lead = /amplitude/i.test(g.question) ? leadFor(question, groundings) : undefined;
  return {
    bands: window
      ? [
          {
            id: 'segment',
            startS: window.startS,
            endS: window.endS,
            role: 'selected',
            label: 'measured',
          },
        ]
      : [],
    highlights: lead ? [{ lead, role: 'selected' }] : [],
  };
}
