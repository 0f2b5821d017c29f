/** Hand-built benchmark samples (format 0.0.2) for tests of the pre-flag rules. */
import type { BenchmarkSampleV002, GroundingV002, StepV002 } from '../schemas/benchmark-sample';
import { FURTHER_FINDINGS } from '../schemas/benchmark-sample';
import type { LeadMeasurements, Measurements } from '../domain/measure/types';
import { beatsAt, measurementsWith } from './measured-beats';

const TAIL = ' The options below refer to time ranges on the ECG signal, provided in seconds.';

/** A wave question: options as written, the answer by index. */
export function waveQ(question: string, options: string[], answer: number): GroundingV002 {
  return {
    question: question + TAIL,
    options,
    answer: [options[answer]!],
    answer_idx: [answer],
    question_type: 'wave_grounding',
  };
}

/** A measurement question: options as written, the answer by index. */
export function measureQ(question: string, options: string[], answer: number): GroundingV002 {
  return {
    question,
    options,
    answer: [options[answer]!],
    answer_idx: [answer],
    question_type: 'measurement_grounding',
  };
}

/** A lead question over the given leads; `answers` are leads. */
export function leadQ(question: string, leads: string[], answers: string[]): GroundingV002 {
  const options = leads.map((l) => `Lead ${l}`);
  const idx = answers.map((a) => leads.indexOf(a));
  return {
    question,
    options,
    answer: idx.map((i) => options[i]!),
    answer_idx: idx,
    question_type: 'lead_grounding',
  };
}

/** One step: its finding wording (after "Regarding the criterion you selected, "), the answer, groundings. */
export interface StepSpec {
  readonly finding: string;
  readonly yes: boolean;
  readonly grounding?: GroundingV002[];
}

/** A sample whose steps are the specs; decisions follow the format (Further..., then the label). */
export function sampleOf(
  specs: readonly StepSpec[],
  meta: { id?: number; dxLabel?: boolean } = {},
): BenchmarkSampleV002 {
  const dxLabel = meta.dxLabel ?? true;
  const reasoning: StepV002[] = specs.map((spec, i) => {
    const decision = i < specs.length - 1 ? FURTHER_FINDINGS : dxLabel ? 'Yes' : 'No';
    const decisionOptions = ['Yes', 'No', FURTHER_FINDINGS];
    return {
      criterion_selection: {
        question: 'Which criterion?',
        options: ['a', 'b', 'c', 'd', 'e'],
        answer: 'a',
        answer_idx: 0,
        question_type: 'criterion_selection',
      },
      finding_identification: {
        question: `Regarding the criterion you selected, ${spec.finding}`,
        options: ['Yes', 'No'],
        answer: spec.yes ? 'Yes' : 'No',
        answer_idx: spec.yes ? 0 : 1,
        question_type: 'finding_identification',
      },
      ecg_grounding: spec.grounding ?? [],
      diagnostic_decision: {
        question: 'Based on the finding identified above, ...?',
        options: decisionOptions,
        answer: decision,
        answer_idx: decisionOptions.indexOf(decision),
        question_type: 'diagnostic_decision',
      },
    };
  });
  return {
    metadata: {
      id: meta.id ?? 1,
      data_source: 'ptbxl',
      ecg_id: '1',
      target_dx: 'first_degree_av_block',
      dx_label: dxLabel,
      path_idx: 0,
    },
    data: {
      initial_diagnostic_question: {
        question: 'Does this ECG suggest the presence of it?',
        options: ['Yes', 'No'],
        answer: dxLabel ? 'Yes' : 'No',
        question_type: 'initial_diagnostic_question',
      },
      reasoning,
    },
  };
}

/** Measurements whose median beat has the given per-lead numbers (the rest of a normal lead). */
export function withLeads(
  leads: Record<string, Partial<LeadMeasurements>>,
  qrsMs = 96,
): Measurements {
  const base = measurementsWith(beatsAt([0.5, 1.5, 2.5]));
  const made = Object.fromEntries(
    Object.entries(leads).map(([lead, over]) => [
      lead,
      {
        lead,
        fromBeats: [],
        rMv: 1,
        sMv: 0.2,
        qMs: 0,
        qMv: 0,
        stJMv: 0,
        stJ60Mv: 0,
        tMv: 0.3,
        notes: [],
        ...over,
      },
    ]),
  );
  return {
    ...base,
    global: { ...base.global, qrs: { ...base.global.qrs, value: qrsMs } },
    leads: made,
  };
}
