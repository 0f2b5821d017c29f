/**
 * Leave-one-out agreement with the real benchmark: a real sample regenerated on its own ECG from a
 * template built without it, compared question by question (measurement bin, answer window,
 * lead set). Pure: the caller reads the samples and measures the records.
 */
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { Measurements } from '../../measure/types';
import type { GroundingPosition, SecondsWindow } from '../grounding';
import {
  measureGrounding,
  neighbourBins,
  optionWindows,
  readGrounding,
  waveInWindow,
} from '../grounding';
import { extractTemplates, fitSample } from '../templates';
import type { GenerateResult } from './generate';
import { generateSample, positionKey } from './generate';

/** One question (or sample) where the regenerated sample departs from the real one. */
export interface AgreementMiss {
  readonly sampleId: number;
  readonly ecgId: string;
  readonly kind: 'measurement' | 'wave' | 'lead' | 'not-generated' | 'invalid';
  readonly step: number | null;
  readonly index: number | null;
  readonly real: string | null;
  readonly generated: string | null;
  readonly detail: string;
}

/** The figures of item 4, over a set of samples: the `regenerate-check --json` object. */
export interface AgreementSummary {
  readonly samples: number;
  readonly valid: number;
  readonly measurement: {
    readonly total: number;
    readonly sameBin: number;
    readonly sameOrNeighbour: number;
  };
  readonly wave: { readonly total: number; readonly overlapping: number };
  readonly lead: { readonly total: number; readonly exact: number };
  readonly misses: readonly AgreementMiss[];
}

/** A window overlaps the real one when their intersection over union reaches this. */
export const WINDOW_IOU = 0.5;

/** Intersection over union of two windows (0 when apart). */
export function windowIou(a: SecondsWindow, b: SecondsWindow): number {
  const inter = Math.min(a.endS, b.endS) - Math.max(a.startS, b.startS);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.endS, b.endS) - Math.min(a.startS, b.startS));
}

/** AgreementSummary as it is counted up. */
interface Tallies {
  samples: number;
  valid: number;
  measurement: { total: number; sameBin: number; sameOrNeighbour: number };
  wave: { total: number; overlapping: number };
  lead: { total: number; exact: number };
  misses: AgreementMiss[];
}

const empty = (): Tallies => ({
  samples: 0,
  valid: 0,
  measurement: { total: 0, sameBin: 0, sameOrNeighbour: 0 },
  wave: { total: 0, overlapping: 0 },
  lead: { total: 0, exact: 0 },
  misses: [],
});

/**
 * The beat each wave question's answer window of a sample sits on (the grounding rules'
 * waveInWindow), by "step:index": what regenerating on the same ECG keeps.
 */
export function answerBeats(sample: BenchmarkSample, m: Measurements): Map<string, number> {
  const out = new Map<string, number>();
  sample.data.reasoning.forEach((step, s) =>
    step.ecg_grounding.forEach((g, index) => {
      const read = readGrounding(g);
      if (read.type !== 'wave_grounding') return;
      const answer = read.options[read.answerIdx[0] ?? -1];
      if (answer?.kind !== 'window') return;
      const held = waveInWindow(read.waveKind, answer, m.beats);
      if (held.held && held.beatIndex !== null)
        out.set(positionKey({ step: s, index }), held.beatIndex);
    }),
  );
  return out;
}

const answerText = (g: { options: readonly string[] }, idx: readonly number[]) =>
  idx.map((i) => g.options[i] ?? '?').join(', ');

/** Compares a regenerated sample with the real one, question by question, into `into`. */
export function compareWithReal(
  real: BenchmarkSample,
  result: GenerateResult,
  m: Measurements,
  into: Tallies = empty(),
): AgreementSummary {
  const { id: sampleId, ecg_id: ecgId } = real.metadata;
  into.samples++;
  const miss = (
    kind: AgreementMiss['kind'],
    at: GroundingPosition | null,
    realText: string | null,
    generated: string | null,
    detail: string,
  ) =>
    into.misses.push({
      sampleId,
      ecgId,
      kind,
      step: at?.step ?? null,
      index: at?.index ?? null,
      real: realText,
      generated,
      detail,
    });
  if (!result.ok) {
    miss('not-generated', null, null, null, result.problems.join('; '));
    return into;
  }
  into.valid++;
  const gen = result.sample;
  real.data.reasoning.forEach((step, s) =>
    step.ecg_grounding.forEach((g, index) => {
      const at = { step: s, index };
      const other = gen.data.reasoning[s]?.ecg_grounding[index];
      const r = readGrounding(g);
      if (!other || other.question_type !== g.question_type || r.type === 'other') {
        miss(
          'invalid',
          at,
          g.question_type,
          other?.question_type ?? null,
          'the regenerated sample has another question here',
        );
        return;
      }
      const o = readGrounding(other);
      const realText = answerText(g, r.answerIdx);
      const genText = o.type === 'other' ? '' : answerText(other, o.answerIdx);
      if (r.type === 'measurement_grounding' && o.type === 'measurement_grounding') {
        into.measurement.total++;
        const realIdx = r.answerIdx[0] ?? -1;
        const genIdx = g.options.indexOf(genText);
        if (genIdx === realIdx) {
          into.measurement.sameBin++;
          into.measurement.sameOrNeighbour++;
          return;
        }
        const near = genIdx >= 0 && neighbourBins(r.options, realIdx).includes(genIdx);
        if (near) into.measurement.sameOrNeighbour++;
        const value = measureGrounding(gen.data.reasoning, at, m)?.measured;
        miss(
          'measurement',
          at,
          realText,
          genText,
          `${near ? 'neighbouring bin' : 'other bin'}; engine ${value?.quantity ?? '?'} ${value?.value ?? 'not measured'} ${value?.unit ?? ''}`.trim(),
        );
      } else if (r.type === 'wave_grounding' && o.type === 'wave_grounding') {
        into.wave.total++;
        const realWindow = optionWindows(r, m.beats)[r.answerIdx[0] ?? -1];
        const genWindow = optionWindows(o, m.beats)[o.answerIdx[0] ?? -1];
        const iou =
          realWindow?.ok && genWindow?.ok ? windowIou(realWindow.window, genWindow.window) : 0;
        if (iou >= WINDOW_IOU) into.wave.overlapping++;
        else
          miss(
            'wave',
            at,
            realText,
            genText,
            `IoU ${iou.toFixed(2)} (${r.waveKind ?? 'no wave named'})`,
          );
      } else if (r.type === 'lead_grounding' && o.type === 'lead_grounding') {
        into.lead.total++;
        const a = [...r.answerLeads].sort().join(',');
        const b = [...o.answerLeads].sort().join(',');
        if (a === b) into.lead.exact++;
        else miss('lead', at, realText, genText, step.finding_identification.question.slice(0, 90));
      }
    }),
  );
  return into;
}

/** A real sample and the measurements of its own record. */
export interface HeldSample {
  readonly sample: BenchmarkSample;
  readonly measurements: Measurements;
}

/**
 * Leave-one-out over `held`: each is regenerated on its own ECG from templates built from the
 * samples of its diagnosis in `all` without it (seed: its id; answer windows on the beats its own
 * windows sit on, as a regeneration on the same ECG keeps them), and compared with itself.
 */
export function leaveOneOut(
  all: readonly BenchmarkSample[],
  held: readonly HeldSample[],
): AgreementSummary {
  const out = empty();
  for (const { sample, measurements } of held) {
    const m = sample.metadata;
    const others = all.filter(
      (x) =>
        x.metadata.target_dx === m.target_dx &&
        !(x.metadata.id === m.id && x.metadata.data_source === m.data_source),
    );
    const fit = fitSample(sample, extractTemplates(others));
    const variant = fit.variant ?? fit.template?.variants[0] ?? null;
    if (!fit.template || !variant) {
      compareWithReal(
        sample,
        { ok: false, provenance: null as never, problems: fit.problems },
        measurements,
        out,
      );
      continue;
    }
    const result = generateSample({
      key: fit.template.key,
      variant,
      metadata: m,
      ecg: { ecgId: m.ecg_id, subjectId: m.subject_id ?? null },
      measurements,
      seed: m.id,
      keepBeats: answerBeats(sample, measurements),
    });
    compareWithReal(sample, result, measurements, out);
  }
  return out;
}
