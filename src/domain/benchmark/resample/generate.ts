/**
 * A sample generated from its template on an ECG: criterion options from the pool (seeded answer
 * position), finding answers and decisions from the path, grounding from the engine through the
 * grounding rules. Seeded and deterministic; the result must pass validateSample.
 */
import type {
  BenchmarkSampleV002,
  GroundingV002,
  Metadata,
  StepV002,
} from '../../../schemas/benchmark-sample';
import {
  DECISION_OPTIONS,
  INITIAL_QUESTION_TYPE,
  YES_NO_OPTIONS,
} from '../../../schemas/benchmark-sample';
import type { Problem } from '../../../schemas/issues';
import type { SampleProvenance } from '../../../schemas/sample-provenance';
import type { DenseLabel } from '../../../schemas/dense-label';
import { qrsShapes } from '../../measure/qrs-shape';
import type { Measurements } from '../../measure/types';
import { MEASURE_ENGINE_VERSION } from '../../measure/version';
import type { GroundingPosition, MeasurementOption } from '../grounding';
import {
  measureTarget,
  measurementTarget,
  placeValue,
  readMeasurementOption,
  waveWindowOfBeat,
  withAnchorWindow,
} from '../grounding';
import type { MeasurementSlot, TemplateKey, TemplateVariant, WaveSlot } from '../templates';
import { slidingOptions, slidingStep } from '../templates';
import { validateSample } from '../validate-sample';
import type { Draw } from './draw';
import { createDraw } from './draw';
import type { FindingContext } from './finding-rules';
import { findingRule } from './finding-rules';
import { leadAnswer, leadOptions } from './lead-options';
import { beatRangeOptions, eligibleBeats, typicalBeats, windowOptions } from './wave-options';

/** What to generate: the template variant, the sample's identity, the ECG and its measurements. */
export interface GenerateRequest {
  readonly key: TemplateKey;
  readonly variant: TemplateVariant;
  /** The sample's identity (id, source, diagnosis, label, path); its ECG fields are replaced. */
  readonly metadata: Metadata;
  readonly ecg: { readonly ecgId: string; readonly subjectId?: string | null };
  readonly measurements: Measurements;
  /** The ECG's dense label, when it has one (findings the label states are read from it). */
  readonly label?: DenseLabel | null;
  readonly seed: number;
  /**
   * Beats the answer windows should sit on, by grounding question ("step:index" -> beat index):
   * regenerating on the same ECG keeps the old sample's; the others are drawn.
   */
  readonly keepBeats?: ReadonlyMap<string, number>;
}

/** A note on a choice the generator made that a curator should know of. */
export interface GenerationNote {
  readonly at: GroundingPosition | null;
  readonly message: string;
}

/** A generated sample, or why none could be. */
export type GenerateResult =
  | {
      readonly ok: true;
      readonly sample: BenchmarkSampleV002;
      readonly provenance: SampleProvenance;
      readonly notes: readonly GenerationNote[];
      /** validateSample's warnings (errors make the result not ok). */
      readonly warnings: readonly Problem[];
    }
  | {
      readonly ok: false;
      readonly provenance: SampleProvenance;
      readonly problems: readonly string[];
    };

/** "step:index" of a grounding question, the key of keepBeats. */
export const positionKey = (at: GroundingPosition) => `${at.step}:${at.index}`;

class Unbuildable extends Error {}

function fixedQuestion(question: string, answer: string, options: readonly string[], type: string) {
  return {
    question,
    options: [...options],
    answer,
    answer_idx: options.indexOf(answer),
    question_type: type,
  };
}

/** Builds the samples' steps one grounding question at a time (later questions read earlier ones). */
class Builder {
  readonly steps: StepV002[] = [];
  readonly notes: GenerationNote[] = [];
  private readonly ctx: FindingContext;
  private readonly draw: Draw;

  constructor(private readonly req: GenerateRequest) {
    this.draw = createDraw(req.seed);
    this.ctx = {
      m: req.measurements,
      shapes: qrsShapes(req.measurements.medianBeat),
      label: req.label ?? null,
    };
  }

  build(): StepV002[] {
    this.req.variant.steps.forEach((t, s) => {
      const pool = t.criterion.pool.filter((o) => o !== t.criterion.answer);
      if (pool.length < 4)
        throw new Unbuildable(
          `step ${s + 1}: the criterion pool holds ${pool.length} distractors, 4 needed`,
        );
      const options = this.draw.pick(pool, 4);
      options.splice(this.draw.int(5), 0, t.criterion.answer);
      const grounding: GroundingV002[] = [];
      const step: StepV002 = {
        criterion_selection: {
          ...fixedQuestion(
            t.criterion.question,
            t.criterion.answer,
            options,
            'criterion_selection',
          ),
        } as StepV002['criterion_selection'],
        finding_identification: fixedQuestion(
          t.finding.question,
          t.finding.answer,
          YES_NO_OPTIONS,
          'finding_identification',
        ) as StepV002['finding_identification'],
        ecg_grounding: grounding,
        diagnostic_decision: fixedQuestion(
          t.decision.question,
          t.decision.answer,
          DECISION_OPTIONS,
          'diagnostic_decision',
        ) as StepV002['diagnostic_decision'],
      };
      this.steps.push(step);
      const rule = findingRule(t.finding.question);
      t.grounding.forEach((slot, index) => {
        const at = { step: s, index };
        if (slot.type === 'lead_grounding') {
          const answer = leadAnswer(slot, rule, this.ctx);
          if (answer.note) this.notes.push({ at, message: answer.note });
          const { options: opts, answerIdx } = leadOptions(this.draw, slot, answer.leads);
          grounding.push({
            question: slot.question,
            options: opts,
            answer: answerIdx.map((i) => opts[i]!),
            answer_idx: answerIdx,
            question_type: 'lead_grounding',
          });
        } else if (slot.type === 'wave_grounding') {
          grounding.push(this.wave(slot, at));
        } else {
          grounding.push(this.measurement(slot, at));
        }
      });
    });
    return this.steps;
  }

  private wave(slot: WaveSlot, at: GroundingPosition): GroundingV002 {
    const m = this.req.measurements;
    const count = this.draw.weighted(slot.optionCounts);
    if (slot.form === 'beats') {
      const q = beatRangeOptions(this.draw, m, count);
      if (!q)
        throw new Unbuildable(
          `step ${at.step + 1}: ${m.beats.length} beats detected, too few for ${count} beat pairs`,
        );
      const question = withAnchorWindow(slot.question, q.anchor) ?? slot.question;
      return {
        question,
        options: q.options,
        answer: [q.options[q.answerIdx]!],
        answer_idx: [q.answerIdx],
        question_type: 'wave_grounding',
      };
    }
    const kind = slot.waveKind ?? 'qrs';
    const eligible = eligibleBeats(kind, m);
    if (eligible.length === 0) {
      throw new Unbuildable(
        `step ${at.step + 1}: the engine finds no ${kind.replace(/_/g, ' ')} to ground "${slot.question.slice(0, 60)}..."`,
      );
    }
    const kept = this.req.keepBeats?.get(positionKey(at));
    // A kept beat stays when the engine delineates its wave, premature or not.
    const keptBeat =
      kept === undefined || !waveWindowOfBeat(kind, m.beats[kept] ?? eligible[0]!)
        ? undefined
        : m.beats[kept];
    if (kept !== undefined && !keptBeat)
      this.notes.push({
        at,
        message: `beat ${kept + 1} has no ${kind} the engine delineates: another beat drawn`,
      });
    const typical = typicalBeats(kind, eligible);
    const beat = keptBeat ?? typical[this.draw.int(typical.length)]!;
    const written = windowOptions(this.draw, kind, waveWindowOfBeat(kind, beat)!, m, count);
    if (!written)
      throw new Unbuildable(
        `step ${at.step + 1}: too few other waves for ${count - 1} distractors`,
      );
    return {
      question: slot.question,
      options: written.options,
      answer: [written.options[written.answerIdx]!],
      answer_idx: [written.answerIdx],
      question_type: 'wave_grounding',
    };
  }

  private measurement(slot: MeasurementSlot, at: GroundingPosition): GroundingV002 {
    const draft: GroundingV002 = {
      question: slot.question,
      options:
        slot.bins.kind === 'fixed'
          ? [...slot.bins.options]
          : slidingOptions(slot.bins, slot.bins.offsets[0]!),
      answer: [''],
      answer_idx: [0],
      question_type: 'measurement_grounding',
    };
    this.steps[at.step]!.ecg_grounding.push(draft);
    const target = measurementTarget(this.steps, at);
    this.steps[at.step]!.ecg_grounding.pop();
    const measured = target ? measureTarget(target, this.req.measurements) : null;
    const value = measured?.value ?? null;
    if (value === null) {
      throw new Unbuildable(
        `step ${at.step + 1}: ${slot.quantity?.replace(/_/g, ' ') ?? 'the quantity'} not measured (${measured?.note ?? 'unknown quantity'})`,
      );
    }
    let options = draft.options;
    if (slot.bins.kind === 'sliding') {
      const step = slidingStep(slot.bins);
      const lo = slot.bins.offsets[0]!;
      const hi = slot.bins.offsets[slot.bins.offsets.length - 1]!;
      const span = slot.bins.width * slot.bins.count;
      const first = Math.ceil((value - span - lo) / step + 1e-9);
      const last = Math.floor((value - lo) / step);
      const offsets = Array.from(
        { length: Math.max(0, last - first + 1) },
        (_, i) => lo + (first + i) * step,
      );
      const seen = offsets.filter((o) => o >= lo && o <= hi);
      const pickFrom = seen.length > 0 ? seen : offsets;
      options = slidingOptions(slot.bins, pickFrom[this.draw.int(pickFrom.length)]!);
    }
    const read: MeasurementOption[] = options.map(readMeasurementOption);
    const place = placeValue(read, value);
    let answerIdx = place.holding;
    if (answerIdx === null) {
      const lower = place.below;
      const upper = place.above;
      const gap = (i: number | null) => {
        const o = i === null ? null : read[i]!;
        if (!o || o.kind !== 'range') return Infinity;
        return Math.min(Math.abs(value - (o.lo ?? value)), Math.abs(value - (o.hi ?? value)));
      };
      answerIdx = gap(lower) <= gap(upper) ? lower : upper;
      if (answerIdx === null) throw new Unbuildable(`step ${at.step + 1}: no option near ${value}`);
      this.notes.push({
        at,
        message: `the engine measures ${value} ${slot.unit ?? ''}, outside every option: the nearest, ${options[answerIdx]}, taken`,
      });
    }
    return {
      question: slot.question,
      options,
      answer: [options[answerIdx]!],
      answer_idx: [answerIdx],
      question_type: 'measurement_grounding',
    };
  }
}

/** Generates a sample from a template variant on an ECG; seeded, deterministic, validated. */
export function generateSample(req: GenerateRequest): GenerateResult {
  const provenance: SampleProvenance = {
    template: { ...req.key, variant: req.variant.index },
    ecg: { source: req.metadata.data_source, ecgId: req.ecg.ecgId },
    seed: req.seed,
    engineVersion: MEASURE_ENGINE_VERSION,
  };
  const builder = new Builder(req);
  let reasoning: StepV002[];
  try {
    reasoning = builder.build();
  } catch (error) {
    if (error instanceof Unbuildable) return { ok: false, provenance, problems: [error.message] };
    throw error;
  }
  const { subject_id: _dropped, ...identity } = req.metadata;
  const metadata: Metadata = {
    id: identity.id,
    data_source: identity.data_source,
    ecg_id: req.ecg.ecgId,
    target_dx: identity.target_dx,
    dx_label: identity.dx_label,
    path_idx: identity.path_idx,
    ...(req.ecg.subjectId ? { subject_id: req.ecg.subjectId } : {}),
  };
  const sample: BenchmarkSampleV002 = {
    metadata,
    data: {
      initial_diagnostic_question: {
        question: req.variant.initialQuestion,
        options: [...YES_NO_OPTIONS],
        answer: metadata.dx_label ? 'Yes' : 'No',
        question_type: INITIAL_QUESTION_TYPE,
      },
      reasoning,
    },
  };
  const validation = validateSample(sample, { shape: 'list' });
  const errors = validation.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    return {
      ok: false,
      provenance,
      problems: errors.map((p) => `${p.pathText}: ${p.message} [${p.rule}]`),
    };
  }
  return {
    ok: true,
    sample,
    provenance,
    notes: builder.notes,
    warnings: validation.problems.filter((p) => p.severity === 'warning'),
  };
}
