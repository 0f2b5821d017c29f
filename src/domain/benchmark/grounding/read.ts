/** Reads a grounding question into structured data: each option as a lead, window, beat range or range. */
import type { StandardLead } from '../../leads';
import type {
  BeatRangeOption,
  LeadOption,
  MeasurementRangeOption,
  MeasurementUnit,
  TimeWindowOption,
} from '../options';
import {
  parseBeatRange,
  parseLeadOption,
  parseMeasurementRange,
  parseTimeWindow,
} from '../options';
import type { MeasuredQuantity, WaveKind } from './question-text';
import {
  anchorWindowOfQuestion,
  leadsNamedIn,
  namesSelectedLead,
  quantityOfQuestion,
  waveKindOfQuestion,
} from './question-text';
import type { GroundingInput, SecondsWindow } from './types';

/** An option text the rules cannot read, and why. */
export interface UnreadableOption {
  readonly kind: 'unreadable';
  readonly reason: string;
}

/** A wave_grounding option: a window in seconds or a range of detected beats. */
export type WaveOption = TimeWindowOption | BeatRangeOption | UnreadableOption;
/** A lead_grounding option. */
export type LeadGroundingOption = LeadOption | UnreadableOption;
/** A measurement_grounding option: a range ("bin") in one unit. */
export type MeasurementOption = MeasurementRangeOption | UnreadableOption;

/** A lead_grounding question read: its options' leads and the leads of its answer. */
export interface ReadLeadGrounding {
  readonly type: 'lead_grounding';
  readonly options: readonly LeadGroundingOption[];
  readonly answerIdx: readonly number[];
  readonly answerLeads: readonly StandardLead[];
}

/** A wave_grounding question read: the wave it asks for, the leads it names, its options. */
export interface ReadWaveGrounding {
  readonly type: 'wave_grounding';
  readonly waveKind: WaveKind | null;
  /** Leads the question names ("to measure the R amplitude in lead aVL"). */
  readonly leadsNamed: readonly StandardLead[];
  /** True when it refers to the leads picked in the lead question before it. */
  readonly namesSelectedLead: boolean;
  /** The window the question pins as the "1st QRS wave" of its beat ranges, if any. */
  readonly anchor: SecondsWindow | null;
  readonly options: readonly WaveOption[];
  readonly answerIdx: readonly number[];
}

/** A measurement_grounding question read: the quantity it asks about and its bins. */
export interface ReadMeasurementGrounding {
  readonly type: 'measurement_grounding';
  readonly quantity: MeasuredQuantity | null;
  readonly leadsNamed: readonly StandardLead[];
  readonly options: readonly MeasurementOption[];
  /** The unit of its ranges (of the first readable one); null when none is readable. */
  readonly unit: MeasurementUnit | null;
  readonly answerIdx: readonly number[];
}

/** A question of a type the grounding rules do not know. */
export interface ReadOtherQuestion {
  readonly type: 'other';
  readonly questionType: string;
}

/** Any grounding question, read. */
export type ReadGrounding =
  ReadLeadGrounding | ReadWaveGrounding | ReadMeasurementGrounding | ReadOtherQuestion;

/** The answer indices of a question, as a list (0.0.1 writes one integer). */
export function answerIndices(g: Pick<GroundingInput, 'answer_idx'>): number[] {
  return typeof g.answer_idx === 'number' ? [g.answer_idx] : [...g.answer_idx];
}

const unreadable = (reason: string): UnreadableOption => ({ kind: 'unreadable', reason });

/** Reads one lead_grounding option ("Lead aVR"). */
export function readLeadOption(text: string): LeadGroundingOption {
  return parseLeadOption(text) ?? unreadable('not a "Lead X" option');
}

/** Reads one wave_grounding option ("[8.84s - 8.95s]" or "[4th QRS wave - 5th QRS wave]"). */
export function readWaveOption(text: string): WaveOption {
  return (
    parseTimeWindow(text) ??
    parseBeatRange(text) ??
    unreadable('neither a time window nor a beat range')
  );
}

/** Reads one measurement_grounding option ("[100ms - 110ms]", "Below 0.3mV", "Above 110 bpm"). */
export function readMeasurementOption(text: string): MeasurementOption {
  return parseMeasurementRange(text) ?? unreadable('not a measurement range');
}

/** Reads a grounding question: its kind-specific facts and every option, index-aligned. */
export function readGrounding(g: GroundingInput): ReadGrounding {
  const answerIdx = answerIndices(g);
  switch (g.question_type) {
    case 'lead_grounding': {
      const options = g.options.map(readLeadOption);
      const answerLeads = answerIdx.flatMap((i) => {
        const o = options[i];
        return o?.kind === 'lead' ? [o.lead] : [];
      });
      return { type: 'lead_grounding', options, answerIdx, answerLeads };
    }
    case 'wave_grounding':
      return {
        type: 'wave_grounding',
        waveKind: waveKindOfQuestion(g.question),
        leadsNamed: leadsNamedIn(g.question),
        namesSelectedLead: namesSelectedLead(g.question),
        anchor: anchorWindowOfQuestion(g.question),
        options: g.options.map(readWaveOption),
        answerIdx,
      };
    case 'measurement_grounding': {
      const options = g.options.map(readMeasurementOption);
      const unit = options.find((o) => o.kind === 'range')?.unit ?? null;
      return {
        type: 'measurement_grounding',
        quantity: quantityOfQuestion(g.question),
        leadsNamed: leadsNamedIn(g.question),
        options,
        unit,
        answerIdx,
      };
    }
    default:
      return { type: 'other', questionType: g.question_type };
  }
}
