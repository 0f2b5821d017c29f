import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { measuredBenchmarkSamples } from '../../../testing/benchmark-records';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { measureRecord } from '../../measure/measure-record';
import type { Measurements } from '../../measure/types';
import { generateSyntheticEcg, synthParams } from '../../synth';
import { readGrounding, waveInWindow } from '../grounding';
import { validateSample } from '../validate-sample';
import { proposeMeasurementAnswer } from './measurement-proposal';
import { sampleFromSkeleton } from './skeleton-copy';

const samples = loadRealSamples(3084);
const byId = (id: number) => samples.find((s) => s.metadata.id === id)!;
const measured = new Map<string, Measurements>();

beforeAll(async () => {
  for (const s of await measuredBenchmarkSamples()) measured.set(s.ecgId, s.measurements);
}, 120_000);

const m = (ecgId: string) => {
  const x = measured.get(ecgId);
  if (!x) throw new Error(`no record for ecg ${ecgId} in ../shared`);
  return x;
};

describe("a new sample on an ECG from another sample's skeleton", () => {
  it('keeps the cell, questions and criteria, and grounds every question on the new ECG', () => {
    // Sample 656 (CRBBB, ECG 455) lends its skeleton to ECG 424 (sample 650's ECG, CRBBB too).
    const skeleton = byId(656);
    const target = m('424');
    const copy = sampleFromSkeleton(
      skeleton,
      { source: 'ptbxl', ecgId: '424', measurements: target },
      7,
    );
    if (!copy.ok) throw new Error(copy.problems.join('; '));
    const s = copy.sample;
    expect(s.metadata).toEqual({ ...skeleton.metadata, ecg_id: '424' });
    expect(
      validateSample(s, { shape: 'list' }).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
    expect(s.data.initial_diagnostic_question).toEqual(skeleton.data.initial_diagnostic_question);
    expect(s.data.reasoning).toHaveLength(skeleton.data.reasoning.length);
    s.data.reasoning.forEach((step, i) => {
      const from = skeleton.data.reasoning[i]!;
      expect(step.criterion_selection).toEqual(from.criterion_selection);
      expect(step.finding_identification).toEqual(from.finding_identification);
      expect(step.diagnostic_decision).toEqual(from.diagnostic_decision);
      expect(step.ecg_grounding.map((g) => [g.question_type, g.question])).toEqual(
        from.ecg_grounding.map((g) => [g.question_type, g.question]),
      );
      step.ecg_grounding.forEach((g, index) => {
        const read = readGrounding(g);
        if (read.type === 'wave_grounding') {
          // The answer window holds the wave its question asks for, on this ECG's beats.
          const answer = read.options[read.answerIdx[0]!]!;
          if (answer.kind !== 'window') throw new Error('not a window');
          expect(waveInWindow(read.waveKind!, answer, target.beats).held, `${i}:${index}`).toBe(
            true,
          );
        } else if (read.type === 'measurement_grounding') {
          // Its answer is the bin that holds the engine's value, as the editor proposes it.
          const proposal = proposeMeasurementAnswer(s, { step: i, index }, target);
          expect(proposal).toMatchObject({ ok: true, current: true, held: true });
          expect(g.options).toEqual(from.ecg_grounding[index]!.options);
        } else if (read.type === 'lead_grounding') {
          // The group padded to as many leads as the skeleton offers, the answer among the group.
          expect(g.options).toHaveLength(from.ecg_grounding[index]!.options.length);
          expect(g.answer.length).toBeGreaterThan(0);
          for (const lead of g.answer) expect(g.options).toContain(lead);
        }
      });
    });
    // Something was recomputed: the windows are this ECG's, not the skeleton's.
    expect(s.data.reasoning[0]!.ecg_grounding[0]!.options).not.toEqual(
      skeleton.data.reasoning[0]!.ecg_grounding[0]!.options,
    );
    // Seeded: the same inputs give the same sample.
    expect(
      sampleFromSkeleton(skeleton, { source: 'ptbxl', ecgId: '424', measurements: target }, 7),
    ).toEqual(copy);
  });

  it('says why when the engine cannot ground a question (atrial rate)', () => {
    const skeleton = samples.find(
      (s) =>
        s.metadata.target_dx === 'third_degree_av_block' &&
        s.data.reasoning.some((st) =>
          st.ecg_grounding.some((g) => /atrial rate/i.test(g.question)),
        ),
    )!;
    // Atrial fibrillation has no P waves to count.
    const fibrillation = measureRecord(
      generateSyntheticEcg(synthParams('atrial_fibrillation', { seed: 4 })).record,
    );
    const copy = sampleFromSkeleton(
      skeleton,
      { source: 'ptbxl', ecgId: '90007', measurements: fibrillation },
      1,
    );
    expect(copy.ok).toBe(false);
    if (copy.ok) return;
    expect(copy.problems.join(' ')).toMatch(/atrial rate not measured/);
  });
});

describe('the measurement answer the engine proposes', () => {
  it('is the option whose bin holds the value measured on the beat of the selected window', () => {
    // Sample 166 (ECG 111): PR measured on the beat of [6.80s - 6.92s] is 172 ms.
    const s = byId(166);
    const p = proposeMeasurementAnswer(s, { step: 1, index: 1 }, m('111'));
    const options = s.data.reasoning[1]!.ecg_grounding[1]!.options;
    expect(p).toEqual({
      ok: true,
      value: 172,
      unit: 'ms',
      optionIndex: options.indexOf('[160ms - 180ms]'),
      held: true,
      current:
        s.data.reasoning[1]!.ecg_grounding[1]!.answer_idx[0] === options.indexOf('[160ms - 180ms]'),
    });
  });

  it('takes the nearest bin when none holds the value, and says so', () => {
    const s: BenchmarkSampleV002 = structuredClone(byId(476));
    const q = s.data.reasoning[0]!.ecg_grounding[1]!;
    q.options = ['Below 90ms', '[90ms - 100ms]'];
    q.answer = ['Below 90ms'];
    q.answer_idx = [0];
    const p = proposeMeasurementAnswer(s, { step: 0, index: 1 }, m('338'));
    expect(p).toMatchObject({ ok: true, optionIndex: 1, held: false, current: false });
    if (p.ok) expect(p.value).toBeGreaterThan(120);
  });

  it('has no proposal for other questions or quantities the engine does not measure', () => {
    expect(proposeMeasurementAnswer(byId(476), { step: 0, index: 0 }, m('338'))).toEqual({
      ok: false,
      reason: 'not a measurement question',
    });
  });
});
