/**
 * One sample's chain shape: what its template must hold (questions, fixed answers, grounding
 * kinds, bin sets) and what varies (lead options and answers, windows, distractors), read with the
 * grounding rules. Samples whose shapes have equal signatures share one template variant.
 */
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { StandardLead } from '../../leads';
import type { LeadSource, MeasuredQuantity, MeasurementUnit, WaveKind } from '../grounding';
import { measurementTarget, readGrounding, withAnchorWindow } from '../grounding';
import { binSetOf, binSetSignature } from './bins';
import type { BinSet } from './types';
import { ANCHOR_PLACEHOLDER } from './types';

/** One grounding question of one sample, as its template sees it. */
export type SlotShape =
  | {
      readonly type: 'lead_grounding';
      readonly question: string;
      readonly options: readonly StandardLead[];
      readonly answer: readonly StandardLead[];
      readonly selectOne: boolean;
    }
  | {
      readonly type: 'wave_grounding';
      readonly question: string;
      readonly waveKind: WaveKind | null;
      readonly form: 'window' | 'beats';
      readonly leadsNamed: readonly StandardLead[];
      readonly namesSelectedLead: boolean;
      readonly optionCount: number;
    }
  | {
      readonly type: 'measurement_grounding';
      readonly question: string;
      readonly quantity: MeasuredQuantity | null;
      readonly unit: MeasurementUnit | null;
      readonly lead: StandardLead | null;
      readonly leadSource: LeadSource | null;
      readonly bins: BinSet;
      readonly answerPosition: number;
    }
  | { readonly type: 'unreadable'; readonly question: string; readonly reason: string };

/** One step of one sample, as its template sees it. */
export interface StepShape {
  readonly criterion: {
    readonly question: string;
    readonly answer: string;
    readonly distractors: readonly string[];
    readonly answerPosition: number;
  };
  readonly finding: { readonly question: string; readonly answer: string };
  readonly grounding: readonly SlotShape[];
  readonly decision: { readonly question: string; readonly answer: string };
}

/** A sample's whole shape and its signature. */
export interface SampleShape {
  readonly initialQuestion: string;
  readonly steps: readonly StepShape[];
  readonly signature: string;
}

/** What of a slot must be equal across a variant's samples. */
function slotSignature(slot: SlotShape): string {
  switch (slot.type) {
    case 'lead_grounding':
      return `lead ${slot.options.length} ${slot.question}`;
    case 'wave_grounding':
      return `wave ${slot.form} ${slot.question}`;
    case 'measurement_grounding':
      return `measurement ${binSetSignature(slot.bins)} ${slot.question}`;
    default:
      return `unreadable ${slot.question}`;
  }
}

/** Reads one sample's shape (either answer shape). */
export function sampleShape(sample: BenchmarkSample): SampleShape {
  const steps = sample.data.reasoning;
  const shapes: StepShape[] = steps.map((step, s) => {
    const c = step.criterion_selection;
    return {
      criterion: {
        question: c.question,
        answer: c.answer,
        distractors: c.options.filter((o) => o !== c.answer),
        answerPosition: c.answer_idx,
      },
      finding: {
        question: step.finding_identification.question,
        answer: step.finding_identification.answer,
      },
      grounding: step.ecg_grounding.map((g, index): SlotShape => {
        const read = readGrounding(g);
        switch (read.type) {
          case 'lead_grounding': {
            const options = read.options.flatMap((o) => (o.kind === 'lead' ? [o.lead] : []));
            if (options.length !== read.options.length) {
              return {
                type: 'unreadable',
                question: g.question,
                reason: 'a lead option is not "Lead X"',
              };
            }
            return {
              type: 'lead_grounding',
              question: g.question,
              options,
              answer: read.answerLeads,
              selectOne: /\bSelect the lead\b/i.test(g.question),
            };
          }
          case 'wave_grounding': {
            const beats = read.options.some((o) => o.kind === 'beats');
            return {
              type: 'wave_grounding',
              question: beats
                ? (withAnchorWindow(g.question, ANCHOR_PLACEHOLDER) ?? g.question)
                : g.question,
              waveKind: read.waveKind,
              form: beats ? 'beats' : 'window',
              leadsNamed: read.leadsNamed,
              namesSelectedLead: read.namesSelectedLead,
              optionCount: g.options.length,
            };
          }
          case 'measurement_grounding': {
            const target = measurementTarget(steps, { step: s, index });
            return {
              type: 'measurement_grounding',
              question: g.question,
              quantity: read.quantity,
              unit: target?.unit ?? read.unit,
              lead: target?.lead ?? null,
              leadSource: target?.leadSource ?? null,
              bins: binSetOf(read.options, g.options),
              answerPosition: read.answerIdx[0] ?? -1,
            };
          }
          default:
            return {
              type: 'unreadable',
              question: g.question,
              reason: `question_type ${read.questionType}`,
            };
        }
      }),
      decision: {
        question: step.diagnostic_decision.question,
        answer: step.diagnostic_decision.answer,
      },
    };
  });
  const initialQuestion = sample.data.initial_diagnostic_question.question;
  const signature = JSON.stringify([
    initialQuestion,
    ...shapes.map((st) => [
      st.criterion.question,
      st.criterion.answer,
      st.finding.question,
      st.finding.answer,
      st.grounding.map(slotSignature),
      st.decision.question,
      st.decision.answer,
    ]),
  ]);
  return { initialQuestion, steps: shapes, signature };
}
