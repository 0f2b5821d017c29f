/** Shapes of a template: the skeleton every sample of one (target_dx, dx_label, path_idx) shares. */
import type { DataSource, TargetDx } from '../../../schemas/benchmark-sample';
import type { StandardLead } from '../../leads';
import type { LeadSource, MeasuredQuantity, MeasurementUnit, WaveKind } from '../grounding';

/** What a template is for: one diagnosis, one label, one reasoning path. */
export interface TemplateKey {
  readonly targetDx: TargetDx;
  readonly dxLabel: boolean;
  readonly pathIdx: number;
}

/** A sample a template was read from (or that fits it). */
export interface SampleRef {
  readonly source: DataSource;
  readonly id: number;
  readonly ecgId: string;
}

/**
 * The measurement options of a question. Fixed: the same option texts on every sample. Sliding:
 * `count` consecutive closed bins of `width`, whose first bin starts at one of `offsets` (the
 * benchmark's atrial-rate window moves with the value: [50-65 .. 110-125], [55-70 ..], [60-75 ..]).
 */
export type BinSet =
  | { readonly kind: 'fixed'; readonly options: readonly string[] }
  | {
      readonly kind: 'sliding';
      readonly unit: MeasurementUnit;
      readonly width: number;
      readonly count: number;
      /** Lower edges of the first bin seen, ascending. */
      readonly offsets: readonly number[];
    };

/** Counts keyed by a small number (answer sizes, option counts, answer positions). */
export type Tally = Readonly<Record<string, number>>;

/** A lead_grounding question of the template. */
export interface LeadSlot {
  readonly type: 'lead_grounding';
  readonly question: string;
  /** The criterion's leads: every option shows them; an answer is a subset of them. */
  readonly group: readonly StandardLead[];
  /** Options per question: the group padded with other leads (5), or the group alone. */
  readonly optionCount: number;
  /** True when the question asks for one lead ("Select the lead"), false for "Select all". */
  readonly selectOne: boolean;
  /** How many leads the answers hold, tallied. */
  readonly answerSizes: Tally;
}

/** A wave_grounding question of the template. */
export interface WaveSlot {
  readonly type: 'wave_grounding';
  /** The question; a "1st QRS wave" question holds ANCHOR_PLACEHOLDER where its window goes. */
  readonly question: string;
  readonly waveKind: WaveKind | null;
  /** Time windows, or "Nth QRS wave" pairs. */
  readonly form: 'window' | 'beats';
  readonly leadsNamed: readonly StandardLead[];
  readonly namesSelectedLead: boolean;
  /** Options per question, tallied (4 mostly, 5 sometimes). */
  readonly optionCounts: Tally;
}

/** A measurement_grounding question of the template. */
export interface MeasurementSlot {
  readonly type: 'measurement_grounding';
  readonly question: string;
  readonly quantity: MeasuredQuantity | null;
  readonly unit: MeasurementUnit | null;
  /** The lead of an amplitude when every sample measures the same one; null otherwise. */
  readonly lead: StandardLead | null;
  /** Where the lead comes from ('lead answer': the lead question's answer, which varies). */
  readonly leadSource: LeadSource | null;
  readonly bins: BinSet;
  /** Answers per option position, tallied. */
  readonly answerPositions: Tally;
}

/** Any grounding question of a template. */
export type GroundingSlot = LeadSlot | WaveSlot | MeasurementSlot;

/** A criterion_selection question: its right answer and the distractors seen with it. */
export interface CriterionTemplate {
  readonly question: string;
  readonly answer: string;
  /**
   * Every distractor seen with this answer for this diagnosis across the samples read (the
   * benchmark draws from one pool per diagnosis and criterion), in the order first seen.
   */
  readonly pool: readonly string[];
  /** Where the answer stood among the 5 options, tallied. */
  readonly answerPositions: Tally;
}

/** A yes/no or decision question with its fixed answer. */
export interface FixedQuestion {
  readonly question: string;
  readonly answer: string;
}

/** One reasoning step of a template. */
export interface StepTemplate {
  readonly criterion: CriterionTemplate;
  readonly finding: FixedQuestion;
  readonly grounding: readonly GroundingSlot[];
  readonly decision: FixedQuestion;
}

/** One chain shape under a template key (most keys have exactly one). */
export interface TemplateVariant {
  /** 0-based, in order of first appearance among the samples read. */
  readonly index: number;
  /** The shape in one line: equal signatures, equal skeletons. */
  readonly signature: string;
  readonly count: number;
  readonly samples: readonly SampleRef[];
  readonly initialQuestion: string;
  readonly steps: readonly StepTemplate[];
}

/** Everything the samples of one key share, with their counts. */
export interface Template {
  readonly key: TemplateKey;
  readonly count: number;
  readonly bySource: Readonly<Partial<Record<DataSource, number>>>;
  readonly variants: readonly TemplateVariant[];
}

/** Templates read from a set of samples, in the docs' diagnosis order, label true first, then path. */
export interface TemplateSet {
  readonly samples: number;
  readonly templates: readonly Template[];
}

/** The placeholder a template keeps where a "1st QRS wave" question pins its window. */
export const ANCHOR_PLACEHOLDER = '[1st QRS wave window]';
