/** The steps of a sample whose finding the engine can judge, with their lead questions, read once. */
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { LeadFinding, ReadLeadGrounding, StatedFinding } from '../../benchmark/grounding';
import { readGrounding, readStatedFinding } from '../../benchmark/grounding';

/** A lead question of a step, read. */
export interface StepLeadQuestion {
  readonly index: number;
  readonly read: ReadLeadGrounding;
  readonly question: string;
  readonly options: readonly string[];
}

/** A step with a finding the engine can judge. */
export interface JudgedStep {
  readonly step: number;
  readonly finding: StatedFinding;
  /** The finding answer: true for "Yes". */
  readonly yes: boolean;
  readonly leadQuestions: readonly StepLeadQuestion[];
}

/** Every step whose finding reads as a StatedFinding. */
export function judgedSteps(sample: BenchmarkSample): JudgedStep[] {
  return sample.data.reasoning.flatMap((step, s) => {
    const finding = readStatedFinding(step.finding_identification.question);
    if (!finding) return [];
    const leadQuestions = step.ecg_grounding.flatMap((g, index) => {
      const read = readGrounding(g);
      return read.type === 'lead_grounding'
        ? [{ index, read, question: g.question, options: g.options }]
        : [];
    });
    return [{ step: s, finding, yes: step.finding_identification.answer === 'Yes', leadQuestions }];
  });
}

/** "PR > 200 ms", "-90 < QRS axis < -30 degrees": a threshold in words. */
export function describeHolds(
  name: string,
  holds: { lo: number | null; hi: number | null },
  unit: string,
): string {
  if (holds.lo !== null && holds.hi !== null) return `${holds.lo} < ${name} < ${holds.hi} ${unit}`;
  if (holds.lo !== null) return `${name} > ${holds.lo} ${unit}`;
  return `${name} < ${holds.hi} ${unit}`;
}

/** Per-lead findings in words, for messages. */
export const FINDING_NAMES: Readonly<Record<LeadFinding['finding'], string>> = {
  st_elevation: 'ST elevation at J',
  st_depression: 'ST depression at J',
  t_inversion: 'an inverted T wave',
  lv_strain: 'an LV strain pattern',
  pathological_q: 'a pathological Q wave',
  dominant_s: 'a dominant S wave',
  dominant_r: 'a dominant R wave',
  monophasic_r: 'a positive monophasic QRS without Q',
  qr_pattern: 'a qR pattern',
  rs_pattern: 'an rS pattern',
};
